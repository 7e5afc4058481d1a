"""CSL-JSON out, the format citation processors (Zotero, Pandoc, citeproc) read directly.

The kind travels in `genre` beside the CSL type; a page range is `page`, a page count `number-of-pages`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from ..models import ItemKind
from .records import KIND_NAMES, CitationRecord, citation_key

_CSL_TYPES: dict[str, str] = {
    ItemKind.REPORT: "report",
    ItemKind.RESEARCH_PAPER: "article",
    ItemKind.POLICY_BRIEF: "report",
    ItemKind.EVIDENCE_SUMMARY: "report",
    ItemKind.LEGAL_INSTRUMENT: "legislation",
    ItemKind.DATASET: "dataset",
    ItemKind.TOOLKIT: "document",
    ItemKind.WORKSHOP_REPORT: "report",
    ItemKind.NEWS: "article-newspaper",
    ItemKind.MEDIA: "motion_picture",
}


def csl_item(record: CitationRecord, key: str) -> dict[str, Any]:
    csl_type = _CSL_TYPES.get(record.kind, "document")
    if record.kind == ItemKind.REPORT and record.isbn:
        csl_type = "book"
    elif record.kind == ItemKind.RESEARCH_PAPER and record.issn:
        csl_type = "article-journal"
    if record.publication_date:
        date = record.publication_date
        issued: dict[str, Any] | None = {"date-parts": [[date.year, date.month, date.day]]}
    else:
        issued = {"date-parts": [[record.year]]} if record.year else None
    page_range = record.page_range
    item: dict[str, Any] = {
        "id": key,
        "type": csl_type,
        "genre": KIND_NAMES.get(record.kind, ""),
        "title": record.full_title,
        "author": [{"family": f, "given": g} if g else {"family": f} for f, g in record.authors]
        + [{"literal": name} for name in record.corporate_authors],
        "issued": issued,
        "publisher": record.publisher,
        "publisher-place": record.place_of_publication,
        "page": "-".join(page_range) if page_range else "",
        "number-of-pages": "" if page_range else record.pages,
        "ISBN": record.isbn,
        "ISSN": record.issn,
        "DOI": record.doi,
        "URL": record.url,
        "abstract": record.abstract,
        "language": record.language,
        "keyword": ", ".join(record.keywords),
        "license": record.licence,
        "event-title": record.event_title,
        "event-place": record.event_place,
    }
    return {name: value for name, value in item.items() if value}


def to_csl_json(records: Iterable[CitationRecord]) -> str:
    taken: set[str] = set()
    items = [csl_item(record, citation_key(record, taken)) for record in records]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
