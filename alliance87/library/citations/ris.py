"""RIS out and in, read record by record so that one broken record is reported by its line, not the file.

The kind travels in M3 (type of work) beside the reference type (several kinds are RPRT); a page range is
SP/EP, a page count SP alone (as Zotero does for books); a corporate author is a name without a comma.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

import rispy
from django.utils.translation import gettext as _

from ..models import ItemKind
from .reading import check_record, set_date, set_language, split_title
from .records import KIND_BY_NAME, KIND_NAMES, CitationRecord, ParsedRecord

RIS_LIST_TAGS = [*rispy.LIST_TYPE_TAGS, "SN"]

_RIS_TYPES: dict[str, str] = {
    ItemKind.REPORT: "RPRT",
    ItemKind.RESEARCH_PAPER: "RPRT",
    ItemKind.POLICY_BRIEF: "RPRT",
    ItemKind.EVIDENCE_SUMMARY: "RPRT",
    ItemKind.LEGAL_INSTRUMENT: "LEGAL",
    ItemKind.DATASET: "DATA",
    ItemKind.TOOLKIT: "RPRT",
    ItemKind.WORKSHOP_REPORT: "CONF",
    ItemKind.NEWS: "NEWS",
    ItemKind.MEDIA: "VIDEO",
}
_RIS_KINDS = {
    **dict.fromkeys(
        ["RPRT", "BOOK", "EBOOK", "CHAP", "ECHAP", "EDBOOK", "GOVDOC", "GEN", "PAMP"], ItemKind.REPORT
    ),
    **dict.fromkeys(["JOUR", "EJOUR", "JFULL", "THES", "UNPB", "MANSCPT", "INPR"], ItemKind.RESEARCH_PAPER),
    **dict.fromkeys(["CONF", "CPAPER"], ItemKind.WORKSHOP_REPORT),
    **dict.fromkeys(["LEGAL", "STAT", "BILL", "CASE", "HEAR"], ItemKind.LEGAL_INSTRUMENT),
    **dict.fromkeys(["DATA", "DBASE", "AGGR"], ItemKind.DATASET),
    **dict.fromkeys(["NEWS", "MGZN", "ELEC", "BLOG", "PRESS"], ItemKind.NEWS),
    **dict.fromkeys(["VIDEO", "MPCT", "SOUND", "ADVS", "BROAD"], ItemKind.MEDIA),
}


class _RisWriter(rispy.RisWriter):
    """rispy's writer without the "1." line it puts before each record (not part of RIS)."""

    def set_header(self, count: int) -> str:
        return ""


def ris_reference(record: CitationRecord) -> dict[str, Any]:
    kind = record.kind
    ris_type = "BOOK" if kind == ItemKind.REPORT and record.isbn else _RIS_TYPES.get(kind, "GEN")
    if kind == ItemKind.RESEARCH_PAPER and record.issn:
        ris_type = "JOUR"
    reference: dict[str, Any] = {
        "type_of_reference": ris_type,
        "authors": [f"{f}, {g}" if g else f"{f}," for f, g in record.authors] + record.corporate_authors,
        "year": str(record.year or ""),
        "date": record.publication_date.strftime("%Y/%m/%d/") if record.publication_date else "",
        "title": record.full_title,
        "secondary_title": record.event_title,
        "type_of_work": KIND_NAMES.get(kind, ""),
        "abstract": " ".join(record.abstract.split()),
        "keywords": record.keywords,
        "publisher": record.publisher,
        "place_published": record.place_of_publication,
        "issn": [v for v in (record.isbn, record.issn) if v],
        "doi": record.doi,
        "urls": [record.url] if record.url else [],
        "language": record.language,
    }
    page_range = record.page_range
    if page_range:
        reference["start_page"], reference["end_page"] = page_range
    else:
        reference["start_page"] = record.pages
    return {name: value for name, value in reference.items() if value}


def to_ris(records: Iterable[CitationRecord]) -> str:
    return rispy.dumps(
        [ris_reference(record) for record in records], implementation=_RisWriter, list_tags=RIS_LIST_TAGS
    )


def _ris_chunks(content: str) -> Iterator[tuple[int, int, list[str], str]]:
    """(record number, first line, lines, problem) for each TY … ER block; stray lines are problems too."""
    number, start, lines = 0, 0, list[str]()
    for line_number, line in enumerate(content.splitlines(), 1):
        line = line.lstrip("\ufeff")
        if re.match(r"^TY  -", line):
            if lines:
                yield number, start, lines, _("This record has no end (ER) before the next one starts.")
            number, start, lines = number + 1, line_number, [line]
        elif lines:
            lines.append(line)
            if re.match(r"^ER  -", line):
                yield number, start, lines, ""
                lines = []
        elif line.strip() and not re.fullmatch(r"\d+\.", line.strip()):
            number += 1
            yield number, line_number, [], _("This line is outside a record (a record starts with “TY  - ”).")
    if lines:
        yield number, start, lines, _("This record has no end (ER).")


def _ris_text(reference: dict[str, Any], *keys: str) -> str:
    for key in keys:
        value = reference.get(key)
        if isinstance(value, list):
            value = "; ".join(str(v) for v in value if v)
        if value and str(value).strip():
            return " ".join(str(value).split())
    return ""


def _record_from_ris(reference: dict[str, Any], problems: list[str]) -> CitationRecord:
    kind = KIND_BY_NAME.get(_ris_text(reference, "type_of_work").casefold()) or _RIS_KINDS.get(
        str(reference.get("type_of_reference", "")).strip().upper(), ItemKind.REPORT
    )
    authors: list[tuple[str, str]] = []
    corporate: list[str] = []
    for name in [*reference.get("authors", []), *reference.get("first_authors", [])]:
        name = " ".join(str(name).split())
        family, comma, given = name.partition(",")
        if comma:
            authors.append((family.strip(), given.strip()))
        elif name:
            corporate.append(name)
    title, subtitle = split_title(_ris_text(reference, "title", "primary_title"), "")
    start, end = _ris_text(reference, "start_page"), _ris_text(reference, "end_page")
    isbn = issn = ""
    for value in reference.get("issn", []):
        value = str(value).strip()
        if re.fullmatch(r"\d{4}-?\d{3}[\dXx]", value):
            issn = issn or value
        else:
            isbn = isbn or value
    urls = [u.strip() for u in reference.get("urls", []) if u and u.strip()]
    record = CitationRecord(
        kind=kind,
        title=title,
        subtitle=subtitle,
        authors=authors,
        corporate_authors=corporate,
        place_of_publication=_ris_text(reference, "place_published"),
        publisher=_ris_text(reference, "publisher"),
        pages=f"{start}-{end}" if start and end else start,
        isbn=isbn,
        issn=issn,
        doi=_ris_text(reference, "doi"),
        url=urls[0] if urls else "",
        abstract=str(reference.get("abstract") or reference.get("notes_abstract") or "").strip(),
        keywords=[" ".join(str(k).split()) for k in reference.get("keywords", []) if str(k).strip()],
        event_title=_ris_text(reference, "secondary_title") if kind == ItemKind.WORKSHOP_REPORT else "",
    )
    set_language(record, _ris_text(reference, "language"), problems)
    year = _ris_text(reference, "year", "publication_year")
    date = _ris_text(reference, "date")
    date_parts = [p for p in re.split(r"[/-]", date or year) if p.strip()]
    set_date(
        record,
        date="-".join(date_parts[:3]) if len(date_parts) >= 3 else "",
        year=date_parts[0] if date_parts else "",
        problems=problems,
    )
    return record


def parse_ris(content: str) -> list[ParsedRecord]:
    """Every record of a RIS file, numbered from 1, with the problems found in each."""
    parsed: list[ParsedRecord] = []
    for number, line, lines, problem in _ris_chunks(content):
        position = _("record %(number)s (line %(line)s)") % {"number": number, "line": line}
        if problem:
            parsed.append(ParsedRecord(position, None, [problem]))
            continue
        try:
            references = rispy.loads("\n".join(lines), list_tags=RIS_LIST_TAGS)
        except Exception as error:  # rispy raises bare exceptions on malformed records.
            parsed.append(
                ParsedRecord(
                    position, None, [_("This record cannot be read: %(reason)s") % {"reason": error}]
                )
            )
            continue
        problems: list[str] = []
        record = _record_from_ris(references[0], problems)
        parsed.append(ParsedRecord(position, record, problems + check_record(record)))
    return parsed
