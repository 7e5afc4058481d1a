"""Checks and normal forms of the identifiers librarians record: ISBN, ISSN, DOI, language and country codes.

Pure functions with no database access; each `normalise_*` returns the stored form or raises ValueError with a
message a person can read.
"""

from __future__ import annotations

import re

import pycountry
from babel import Locale, UnknownLocaleError
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_countries import countries

DOI_PATTERN = re.compile(r"^10\.\d{4,9}/\S+$")
DOI_PREFIXES = ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:")


def _isbn10_is_valid(digits: str) -> bool:
    total = sum((10 - i) * (10 if ch == "X" else int(ch)) for i, ch in enumerate(digits))
    return total % 11 == 0


def _isbn13_is_valid(digits: str) -> bool:
    total = sum(int(ch) * (1 if i % 2 == 0 else 3) for i, ch in enumerate(digits))
    return total % 10 == 0


def normalise_isbn(value: str) -> str:
    """An ISBN-10 or ISBN-13 without hyphens or spaces, its check digit verified."""
    digits = re.sub(r"[\s-]", "", value).upper()
    if not digits:
        return ""
    if re.fullmatch(r"\d{9}[\dX]", digits):
        if not _isbn10_is_valid(digits):
            raise ValueError(_("This ISBN-10 has a wrong check digit; please check it against the book."))
        return digits
    if re.fullmatch(r"97[89]\d{10}", digits):
        if not _isbn13_is_valid(digits):
            raise ValueError(_("This ISBN-13 has a wrong check digit; please check it against the book."))
        return digits
    raise ValueError(_("An ISBN has 10 characters or 13 digits starting with 978 or 979."))


def normalise_issn(value: str) -> str:
    """An ISSN as NNNN-NNNC, its check digit verified."""
    digits = re.sub(r"[\s-]", "", value).upper()
    if not digits:
        return ""
    if not re.fullmatch(r"\d{7}[\dX]", digits):
        raise ValueError(_("An ISSN has eight characters, e.g. 2049-3630."))
    total = sum((8 - i) * int(ch) for i, ch in enumerate(digits[:7]))
    check = (11 - total % 11) % 11
    if digits[7] != ("X" if check == 10 else str(check)):
        raise ValueError(_("This ISSN has a wrong check digit."))
    return f"{digits[:4]}-{digits[4:]}"


def normalise_doi(value: str) -> str:
    """A DOI in its bare form (10.prefix/suffix); a doi.org address is accepted and shortened."""
    doi = value.strip()
    for prefix in DOI_PREFIXES:
        if doi.lower().startswith(prefix):
            doi = doi[len(prefix) :]
            break
    if not doi:
        return ""
    if not DOI_PATTERN.match(doi):
        raise ValueError(_("A DOI looks like 10.1000/xyz123 (it starts with “10.” and has a slash)."))
    return doi


def normalise_language(value: str) -> str:
    """An ISO 639-1 two-letter language code, lower case."""
    code = value.strip().lower()
    if len(code) != 2 or pycountry.languages.get(alpha_2=code) is None:
        raise ValueError(
            _("“%(code)s” is not an ISO 639-1 language code (e.g. en, fr, es).") % {"code": value}
        )
    return code


def language_name(code: str, *, language: str | None = None) -> str:
    """A language's name in the reader's language ("French", "français", "francés"), from CLDR through Babel;
    the code itself if CLDR does not know it."""
    try:
        locale = Locale.parse((language or get_language() or "en").replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        locale = Locale("en")
    return str(locale.languages.get(code.lower(), code)) if code else ""


def normalise_countries(values: list[str]) -> list[str]:
    """ISO 3166-1 alpha-2 codes, upper case, each once, in the order given."""
    codes: list[str] = []
    for value in values:
        code = str(value).strip().upper()
        if not code:
            continue
        if len(code) != 2 or code not in countries:
            raise ValueError(_("“%(code)s” is not an ISO 3166 alpha-2 country code.") % {"code": value})
        if code not in codes:
            codes.append(code)
    return codes


def normalise_keywords(values: list[str]) -> list[str]:
    """Free keywords without surrounding spaces or repeats (compared without case), in the order given."""
    keywords: list[str] = []
    seen: set[str] = set()
    for value in values:
        keyword = " ".join(str(value).split())
        if keyword and keyword.casefold() not in seen:
            seen.add(keyword.casefold())
            keywords.append(keyword[:100])
    return keywords
