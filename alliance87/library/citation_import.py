"""Bulk import of items from BibTeX, RIS or CSV: all or nothing, with a line of report for every record.

A file with any bad record saves nothing; each bad record is named by its position and reason. A record whose
DOI, ISBN or title (compared without case, accents or punctuation) is already in the library, or earlier in the
same file, is skipped as a duplicate and said so.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import TextChoices
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alliance87.accounts.models import User
from alliance87.partners.models import Organisation

from . import citations, identifiers
from .bulk_items import new_item, save_new_items, update_search_index
from .citations import CitationRecord, ParsedRecord
from .models import Access, Concept, Item
from .permissions import can_add_items
from .services import ItemInput


class CitationFormat(TextChoices):
    BIBTEX = "bibtex", gettext_lazy("BibTeX")
    RIS = "ris", gettext_lazy("RIS")
    CSV = "csv", gettext_lazy("CSV")


PARSERS: dict[str, Callable[[str], list[ParsedRecord]]] = {
    CitationFormat.BIBTEX: citations.parse_bibtex,
    CitationFormat.RIS: citations.parse_ris,
    CitationFormat.CSV: citations.parse_csv,
}


class Outcome(TextChoices):
    IMPORTED = "imported", gettext_lazy("Imported")
    DUPLICATE = "duplicate", gettext_lazy("Skipped as duplicate")
    ERROR = "error", gettext_lazy("Error")


@dataclass
class ReportLine:
    position: str
    title: str
    outcome: str
    reasons: list[str] = field(default_factory=list)
    item: Item | None = None


@dataclass
class ImportReport:
    """What happened to each record; `is_saved` is false whenever a single record was bad."""

    lines: list[ReportLine] = field(default_factory=list)
    is_saved: bool = False

    def _count(self, outcome: str) -> int:
        return sum(1 for line in self.lines if line.outcome == outcome)

    @property
    def imported_count(self) -> int:
        return self._count(Outcome.IMPORTED) if self.is_saved else 0

    @property
    def duplicate_count(self) -> int:
        return self._count(Outcome.DUPLICATE)

    @property
    def error_count(self) -> int:
        return self._count(Outcome.ERROR)

    @property
    def errors(self) -> list[ReportLine]:
        return [line for line in self.lines if line.outcome == Outcome.ERROR]


def normalise_title(text: str) -> str:
    """A title compared without case, accents, punctuation or spacing."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(ch if ch.isalnum() else " " for ch in folded if not unicodedata.combining(ch))
    return " ".join(letters.split())


def _isbn_key(isbn: str) -> str:
    """ISBN-10 and ISBN-13 of one book compare equal."""
    digits = "".join(ch for ch in isbn.upper() if ch.isdigit() or ch == "X")
    if len(digits) == 10:
        core = "978" + digits[:9]
        check = (10 - sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(core)) % 10) % 10
        return core + str(check)
    return digits


def _doi_key(doi: str) -> str:
    try:
        return identifiers.normalise_doi(doi).lower()
    except ValueError:
        return doi.strip().lower()


class _Seen:
    """DOIs, ISBNs and titles already in the library or earlier in the file, with where each was seen."""

    def __init__(self) -> None:
        self.by_key: dict[tuple[str, str], str] = {}

    @staticmethod
    def keys(*, doi: str, isbn: str, title: str) -> list[tuple[str, str]]:
        keys = []
        if doi:
            keys.append(("DOI", _doi_key(doi)))
        if isbn:
            keys.append(("ISBN", _isbn_key(isbn)))
        if normalise_title(title):
            keys.append(("title", normalise_title(title)))
        return keys

    def add(self, where: str, **values: str) -> None:
        for key in self.keys(**values):
            self.by_key.setdefault(key, where)

    def find(self, **values: str) -> tuple[str, str] | None:
        for key in self.keys(**values):
            if key in self.by_key:
                return key[0], self.by_key[key]
        return None


def _existing(seen: _Seen) -> None:
    rows = Item.objects.values_list("title", "subtitle", "isbn", "doi")
    for title, subtitle, isbn, doi in rows.iterator(chunk_size=2000):
        full_title = f"{title}: {subtitle}" if subtitle else title
        seen.add(_("already in the library"), doi=doi, isbn=isbn, title=full_title)


class _Directory:
    """Organisations and subjects matched by name, loaded once per import."""

    def __init__(self) -> None:
        self.organisations: dict[str, Organisation] = {}
        for organisation in Organisation.objects.all():
            for name in (organisation.acronym, organisation.name):
                if name:
                    self.organisations[name.casefold()] = organisation
        self.concepts: dict[str, Concept] = {}
        for concept in Concept.objects.all():
            self.concepts.setdefault(concept.label.casefold(), concept)

    def item_data(self, record: CitationRecord, access: str) -> dict[str, Any]:
        authors = list(record.authors)
        corporate: list[Organisation] = []
        for name in record.corporate_authors:
            organisation = self.organisations.get(name.casefold())
            if organisation is not None:
                corporate.append(organisation)
            else:
                authors.append((name, ""))  # Not in the directory: kept as a name, so nothing is lost.
        concepts = [self.concepts[k.casefold()] for k in record.keywords if k.casefold() in self.concepts]
        keywords = [k for k in record.keywords if k.casefold() not in self.concepts]
        publisher = self.organisations.get(record.publisher.casefold()) if record.publisher else None
        return {
            "kind": record.kind,
            "title": record.title,
            "subtitle": record.subtitle,
            "authors": authors,
            "corporate_authors": corporate,
            "publication_date": record.publication_date,
            "year": record.year,
            "place_of_publication": record.place_of_publication,
            "publisher": publisher,
            "publisher_name": "" if publisher else record.publisher,
            "language": record.language,
            "pages": record.pages,
            "isbn": record.isbn,
            "issn": record.issn,
            "doi": record.doi,
            "url": record.url,
            "abstract": record.abstract,
            "licence": record.licence,
            "keywords": keywords,
            "concepts": concepts,
            "event_title": record.event_title,
            "event_place": record.event_place,
            "event_dates": record.event_dates,
            "access": access,
        }


def _validation_messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [f"{name}: {message}" for name, messages in error.message_dict.items() for message in messages]
    return list(error.messages)


@dataclass
class StagedCitations:
    """A checked file: the report so far, and the items to write (built and validated, not yet saved)."""

    report: ImportReport
    by: User
    to_save: list[tuple[ReportLine, Item, dict[str, Any]]] = field(default_factory=list)


def check_citations(
    *,
    by: User,
    content: str,
    file_format: str,
    access: str = Access.PUBLIC,
    progress: Callable[..., None] | None = None,
) -> StagedCitations:
    """Read every record and check it with the library's rules (`save_item`'s), writing nothing.

    The report lists each record's outcome; if any record is wrong, `report.errors` is not empty.
    """
    if not can_add_items(by):
        raise PermissionDenied(_("You may not add items to the library."))
    if file_format not in PARSERS:
        raise ValidationError(_("Choose BibTeX, RIS or CSV."))
    if access not in (Access.PUBLIC, Access.PARTNERS):
        raise ValidationError(_("Imported items are public or for partners only."))
    parsed = PARSERS[file_format](content)
    if not parsed:
        raise ValidationError(_("No records were found in this file."))
    staged = StagedCitations(report=ImportReport(), by=by)
    report = staged.report
    seen = _Seen()
    _existing(seen)
    directory = _Directory()
    for number, entry in enumerate(parsed, start=1):
        if progress is not None and number % 100 == 0:
            progress(checked=number, total=len(parsed))
        record = entry.record
        title = record.full_title if record else ""
        if record is None or entry.problems:
            report.lines.append(ReportLine(entry.position, title, Outcome.ERROR, entry.problems))
            continue
        duplicate = seen.find(doi=record.doi, isbn=record.isbn, title=title)
        if duplicate:
            what, where = duplicate
            reason = _("same %(what)s as %(where)s") % {"what": what, "where": where}
            report.lines.append(ReportLine(entry.position, title, Outcome.DUPLICATE, [reason]))
            continue
        seen.add(entry.position, doi=record.doi, isbn=record.isbn, title=title)
        line = ReportLine(entry.position, title, Outcome.IMPORTED)
        report.lines.append(line)
        try:
            item, data = new_item(by=by, values=ItemInput.of(directory.item_data(record, access)))
        except ValidationError as error:
            line.outcome, line.reasons = Outcome.ERROR, _validation_messages(error)
            continue
        staged.to_save.append((line, item, data))
    if progress is not None:
        progress(checked=len(parsed), total=len(parsed))
    return staged


def write_citations(staged: StagedCitations) -> ImportReport:
    """Save the checked items, in batches (the caller holds the one transaction). Nothing if any record was wrong."""
    report = staged.report
    if report.errors:
        return report
    items = save_new_items(by=staged.by, staged=[(item, data) for _line, item, data in staged.to_save])
    for (line, _item, _data), item in zip(staged.to_save, items, strict=True):
        line.item = item
    report.is_saved = True
    return report


def import_citations(
    *, by: User, content: str, file_format: str, access: str = Access.PUBLIC
) -> ImportReport:
    """Read a BibTeX, RIS or CSV file and add its records as items, all of them or none (within this call; the
    pages and API run the same two halves as a background job, `library.imports`)."""
    staged = check_citations(by=by, content=content, file_format=file_format, access=access)
    with transaction.atomic():
        report = write_citations(staged)
    if report.is_saved:
        update_search_index()
    return report
