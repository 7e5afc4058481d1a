"""Find direct identifiers in case-level data before it is stored: names, phone numbers, e-mail addresses,
document numbers, addresses and dates of birth.

Pure functions on the rows of an upload. What is found is reported by row and column and kind, never by quoting
the value, so that the refusal does not repeat personal data back on the screen or into a log.

Three checks:
- column headings that name an identifier (in English, French and Spanish);
- cell values shaped like an e-mail address, a phone number or a document number;
- columns whose values look like personal names (two to four capitalised words, mostly different from row to row),
  and free text, which can carry any of the above.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class Kind:
    NAME = "name"
    PHONE = "phone"
    EMAIL = "email"
    DOCUMENT = "document"
    ADDRESS = "address"
    BIRTH_DATE = "birth_date"
    FREE_TEXT = "free_text"

    LABELS = {
        NAME: gettext_lazy("a personal name"),
        PHONE: gettext_lazy("a phone number"),
        EMAIL: gettext_lazy("an e-mail address"),
        DOCUMENT: gettext_lazy("a document or identity number"),
        ADDRESS: gettext_lazy("an address"),
        BIRTH_DATE: gettext_lazy("a date of birth"),
        FREE_TEXT: gettext_lazy("free text, which can hold identifying details"),
    }


#: Headings (normalised: lower case, no accents, words separated by one space) that name a direct identifier.
IDENTIFYING_HEADINGS = {
    Kind.NAME: {
        "name",
        "names",
        "full name",
        "first name",
        "firstname",
        "given name",
        "last name",
        "lastname",
        "surname",
        "family name",
        "middle name",
        "victim name",
        "client name",
        "beneficiary name",
        "person name",
        "child name",
        "mother name",
        "father name",
        "nom",
        "noms",
        "prenom",
        "prenoms",
        "nom complet",
        "nom de famille",
        "nombre",
        "nombres",
        "apellido",
        "apellidos",
        "nombre completo",
    },
    Kind.PHONE: {
        "phone",
        "phone number",
        "telephone",
        "telephone number",
        "tel",
        "mobile",
        "mobile number",
        "cell",
        "cellphone",
        "cell phone",
        "whatsapp",
        "contact number",
        "numero de telephone",
        "portable",
        "telefono",
        "celular",
        "movil",
    },
    Kind.EMAIL: {
        "email",
        "e mail",
        "mail",
        "email address",
        "e mail address",
        "courriel",
        "adresse email",
        "adresse e mail",
        "correo",
        "correo electronico",
    },
    Kind.DOCUMENT: {
        "passport",
        "passport number",
        "passport no",
        "id number",
        "national id",
        "national id number",
        "identity number",
        "identity card",
        "id card",
        "document number",
        "document no",
        "doc number",
        "ssn",
        "social security number",
        "nin",
        "cni",
        "dni",
        "cedula",
        "pasaporte",
        "passeport",
        "numero de passeport",
        "numero didentite",
        "carte didentite",
        "numero de documento",
        "tax id",
        "birth certificate number",
        "registration number",
    },
    Kind.ADDRESS: {
        "address",
        "home address",
        "street address",
        "street",
        "adresse",
        "direccion",
        "domicilio",
        "gps",
        "coordinates",
        "latitude",
        "longitude",
    },
    Kind.BIRTH_DATE: {
        "date of birth",
        "dob",
        "birth date",
        "birthdate",
        "birthday",
        "date de naissance",
        "fecha de nacimiento",
    },
}

EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")
PHONE = re.compile(r"(?:\+|\b00)?\d[\d\s().\-/]{6,}\d")
DOCUMENT = re.compile(r"\b(?=[A-Z0-9]*\d{4})(?=[A-Z0-9]*[A-Z])[A-Z0-9]{6,14}\b")
FULL_DATE = re.compile(r"\b(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})\b")
PERSON_NAME = re.compile(r"^[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’\-]+(?:\s+[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’\-]+){1,3}$")
MAX_CATEGORY_LENGTH = 60
MIN_VALUES_FOR_NAMES = 5
NAME_SHARE = 0.5
DISTINCT_SHARE = 0.5


@dataclass(frozen=True)
class Finding:
    """Where an identifier was found: a heading (row None), a whole column (row 0), or one cell."""

    column: str
    kind: str
    row: int | None = None

    @property
    def message(self) -> str:
        what = Kind.LABELS[self.kind]
        if self.row is None:
            return _("The column “%(column)s” holds %(what)s; remove it before uploading.") % {
                "column": self.column,
                "what": what,
            }
        if self.row == 0:
            return _("The values in column “%(column)s” look like %(what)s.") % {
                "column": self.column,
                "what": what,
            }
        return _("Row %(row)s, column “%(column)s”: the value looks like %(what)s.") % {
            "row": self.row,
            "column": self.column,
            "what": what,
        }


def normalise_heading(heading: str) -> str:
    text = unicodedata.normalize("NFKD", heading).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[’']", "", text)
    return " ".join(re.split(r"[^a-z0-9]+", text)).strip()


def heading_kind(heading: str) -> str | None:
    normalised = normalise_heading(heading)
    for kind, headings in IDENTIFYING_HEADINGS.items():
        if normalised in headings:
            return kind
    return None


def value_kind(value: str) -> str | None:
    """The identifier a single value looks like, or None; years, small counts and categories pass."""
    text = value.strip()
    if not text:
        return None
    if EMAIL.search(text):
        return Kind.EMAIL
    if FULL_DATE.search(text):
        return Kind.BIRTH_DATE
    if DOCUMENT.search(text):
        return Kind.DOCUMENT
    for match in PHONE.finditer(text):
        if sum(ch.isdigit() for ch in match.group()) >= 8 or (
            match.group().startswith("+") and sum(ch.isdigit() for ch in match.group()) >= 7
        ):
            return Kind.PHONE
    if len(text) > MAX_CATEGORY_LENGTH:
        return Kind.FREE_TEXT
    return None


def find_identifiers(
    headings: Sequence[str], rows: Sequence[Sequence[str]], *, first_row: int = 2
) -> list[Finding]:
    """Every direct identifier in an upload: headings first, then cells, then name-like columns.

    `rows` are the data rows as text in heading order; `first_row` is the file row of the first of them (2 when a
    heading row comes first), so that the findings name the row a person sees in their spreadsheet.
    """
    findings = [Finding(column=h, kind=kind) for h in headings if (kind := heading_kind(h)) is not None]
    flagged = {finding.column for finding in findings}
    for offset, row in enumerate(rows):
        for heading, value in zip(headings, row, strict=False):
            if heading in flagged:
                continue
            kind = value_kind(value or "")
            if kind is not None:
                findings.append(Finding(column=heading, kind=kind, row=first_row + offset))
    for position, heading in enumerate(headings):
        if heading in flagged:
            continue
        values = [
            row[position].strip() for row in rows if position < len(row) and (row[position] or "").strip()
        ]
        if _looks_like_names(values):
            findings.append(Finding(column=heading, kind=Kind.NAME, row=0))
    return findings


def _looks_like_names(values: list[str]) -> bool:
    if len(values) < MIN_VALUES_FOR_NAMES:
        return False
    name_like = [value for value in values if PERSON_NAME.match(value)]
    if len(name_like) < NAME_SHARE * len(values):
        return False
    return len(set(name_like)) >= DISTINCT_SHARE * len(name_like)
