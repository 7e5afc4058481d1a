"""What the three importers share: values read from a file cleaned and checked before they become an item.

Problems are collected as sentences a person can act on, never raised, so that one bad record does not hide
the others in the report.
"""

from __future__ import annotations

import datetime
import re

import pycountry
from django.utils.translation import gettext as _

from .. import identifiers
from .records import MAX_TITLE_LENGTH, CitationRecord


def clean_line(text: str) -> str:
    return " ".join(text.split())


def split_title(title: str, subtitle: str) -> tuple[str, str]:
    """Title and subtitle; without a separate subtitle, a title is split at its first ": "."""
    if subtitle or ": " not in title:
        return title, subtitle
    head, _sep, tail = title.partition(": ")
    return head.strip(), tail.strip()


def split_keywords(text: str) -> list[str]:
    return [k.strip() for k in re.split(r"[,;]", text) if k.strip()]


def set_language(record: CitationRecord, value: str, problems: list[str]) -> None:
    """A two-letter code, or a language's name or three-letter code ("english", "fra") turned into one."""
    value = value.strip()
    if not value:
        return
    if len(value) != 2:
        try:
            language = pycountry.languages.lookup(value)
        except LookupError:
            language = None
        alpha_2 = getattr(language, "alpha_2", None) if language is not None else None
        if alpha_2:
            value = str(alpha_2)
    try:
        record.language = identifiers.normalise_language(value)
    except ValueError as error:
        problems.append(str(error))


def set_date(record: CitationRecord, *, date: str, year: str, problems: list[str]) -> None:
    """The full date when there is one (YYYY-MM-DD), else the year (an item records no month without a day)."""
    if date:
        try:
            record.publication_date = datetime.date.fromisoformat(date.strip()[:10])
        except ValueError:
            if not year:
                problems.append(_("“%(date)s” is not a date (YYYY-MM-DD).") % {"date": date})
        else:
            record.year = record.publication_date.year
            return
    year = year.strip()
    if year:
        if re.fullmatch(r"\d{4}", year):
            record.year = int(year)
        else:
            problems.append(_("“%(year)s” is not a year.") % {"year": year})


def check_record(record: CitationRecord) -> list[str]:
    """What would stop this record from becoming an item, in words a person can act on."""
    problems: list[str] = []
    if not record.title:
        problems.append(_("The title is missing."))
    elif len(record.title) > MAX_TITLE_LENGTH:
        problems.append(_("The title is longer than %(n)s characters.") % {"n": MAX_TITLE_LENGTH})
    for name, check in (
        ("isbn", identifiers.normalise_isbn),
        ("issn", identifiers.normalise_issn),
        ("doi", identifiers.normalise_doi),
    ):
        value = getattr(record, name)
        if value:
            try:
                setattr(record, name, check(value))
            except ValueError as error:
                problems.append(f"{name.upper()} “{value}”: {error}")
    if record.url and not re.match(r"^https?://\S+$", record.url):
        problems.append(
            _("The web address “%(url)s” does not start with http:// or https://.") % {"url": record.url}
        )
    return problems
