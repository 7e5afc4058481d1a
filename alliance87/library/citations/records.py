"""The one plain record every citation format passes through, and how an item becomes one.

Exports and imports meet here, so that each format's writer and reader are a pair. The kind names are shared
because every format carries the kind in its "type of work" field as well as in its entry type.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.text import slugify

from ..models import Item, ItemKind

#: Stable English names of the kinds, written into the "type of work" fields (not translated: files travel).
KIND_NAMES: dict[str, str] = {
    ItemKind.REPORT: "Report",
    ItemKind.RESEARCH_PAPER: "Research paper",
    ItemKind.POLICY_BRIEF: "Policy brief",
    ItemKind.EVIDENCE_SUMMARY: "Evidence summary",
    ItemKind.LEGAL_INSTRUMENT: "Legal instrument",
    ItemKind.DATASET: "Data set",
    ItemKind.TOOLKIT: "Toolkit",
    ItemKind.WORKSHOP_REPORT: "Workshop report",
    ItemKind.NEWS: "News article",
    ItemKind.MEDIA: "Video / podcast",
}
KIND_BY_NAME = {name.casefold(): kind for kind, name in KIND_NAMES.items()}

MAX_TITLE_LENGTH = 500
PAGE_RANGE = re.compile(r"^\s*([A-Za-z]*\d+)\s*(?:-+|–|—)\s*([A-Za-z]*\d+)\s*$")


@dataclass
class CitationRecord:
    """The metadata of one item as citation formats carry it (names, not database rows)."""

    kind: str
    title: str
    subtitle: str = ""
    authors: list[tuple[str, str]] = field(default_factory=list)  # (family name, given names), in order
    corporate_authors: list[str] = field(default_factory=list)
    publication_date: datetime.date | None = None
    year: int | None = None
    place_of_publication: str = ""
    publisher: str = ""
    language: str = "en"
    pages: str = ""
    isbn: str = ""
    issn: str = ""
    doi: str = ""
    url: str = ""
    abstract: str = ""
    licence: str = ""
    keywords: list[str] = field(default_factory=list)  # subject labels first, then free keywords
    event_title: str = ""
    event_place: str = ""
    event_dates: str = ""

    @property
    def full_title(self) -> str:
        return f"{self.title}: {self.subtitle}" if self.subtitle else self.title

    @property
    def page_range(self) -> tuple[str, str] | None:
        match = PAGE_RANGE.match(self.pages)
        return (match.group(1), match.group(2)) if match else None


@dataclass
class ParsedRecord:
    """A record read from a file, with where it was found ("entry 3, line 17")."""

    position: str
    record: CitationRecord | None
    problems: list[str] = field(default_factory=list)


# --- from the database -------------------------------------------------------------------------------------


def citation_queryset(items: QuerySet[Item]) -> QuerySet[Item]:
    """The items with everything a citation needs fetched in a fixed number of queries."""
    return items.select_related("publisher").prefetch_related("authors", "corporate_authors", "concepts")


def record_from_item(item: Item) -> CitationRecord:
    concepts = sorted(item.concepts.all(), key=lambda c: (c.scheme, c.position, c.label))
    labels = [c.label for c in concepts]
    seen = {label.casefold() for label in labels}
    free = [k for k in item.keywords if str(k).casefold() not in seen]
    return CitationRecord(
        kind=item.kind,
        title=item.title,
        subtitle=item.subtitle,
        authors=[(a.family_name, a.given_names) for a in item.authors.all()],
        corporate_authors=sorted(o.name for o in item.corporate_authors.all()),
        publication_date=item.publication_date,
        year=item.year or (item.publication_date.year if item.publication_date else None),
        place_of_publication=item.place_of_publication,
        publisher=item.publisher.name if item.publisher else item.publisher_name,
        language=item.language,
        pages=item.pages,
        isbn=item.isbn,
        issn=item.issn,
        doi=item.doi,
        url=item.url,
        abstract=item.abstract,
        licence=item.licence,
        keywords=[*labels, *free],
        event_title=item.event_title,
        event_place=item.event_place,
        event_dates=item.event_dates,
    )


def citation_key(record: CitationRecord, taken: set[str]) -> str:
    """A readable key such as cockayne2016fighting, made unique within one file with a, b, c…"""
    first_name = record.authors[0][0] if record.authors else (record.corporate_authors or ["anon"])[0]
    words = [w for w in slugify(record.title).split("-") if len(w) > 3] or ["item"]
    base = re.sub(r"[^a-z0-9]", "", slugify(first_name)) + str(record.year or "nd") + words[0]
    key, suffix = base, 0
    while key in taken:
        suffix += 1
        key = base + chr(ord("a") + (suffix - 1) % 26) * ((suffix - 1) // 26 + 1)
    taken.add(key)
    return key
