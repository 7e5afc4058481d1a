"""Citation formats of library items: BibTeX, RIS and CSL-JSON out; BibTeX, RIS and CSV in.

Every format passes through one plain record (`CitationRecord`, in records.py), so that the export and the
import of a format are a pair: export → import → export gives the same text. Nothing here writes to the
database; checking duplicates and saving are in citation_import.py.

Mappings worth knowing:
- The title is exported whole ("Title: Subtitle"); an import splits it at the first ": " again.
- A page range ("12-34") is BibTeX `pages`, RIS SP/EP and CSL `page`; anything else ("xi, 45") is a page count:
  BibTeX `pagetotal`, RIS SP alone (as Zotero does for books), CSL `number-of-pages`.
- The kind travels in each format's "type of work" field (BibTeX `type`, RIS M3, CSL `genre`) as well as in the
  entry type, because several kinds share one entry type (@techreport, @misc, RPRT).
- Corporate authors follow the personal ones: in BibTeX as a braced name, in RIS as a name without a comma.
"""

from .bibtex import bibtex_entry, latex_escape, latex_unescape, parse_bibtex, to_bibtex
from .csl import csl_item, to_csl_json
from .csv_import import CSV_COLUMNS, parse_csv
from .reading import check_record
from .records import (
    KIND_BY_NAME,
    KIND_NAMES,
    MAX_TITLE_LENGTH,
    PAGE_RANGE,
    CitationRecord,
    ParsedRecord,
    citation_key,
    citation_queryset,
    record_from_item,
)
from .ris import RIS_LIST_TAGS, parse_ris, ris_reference, to_ris

__all__ = [
    "CSV_COLUMNS",
    "KIND_BY_NAME",
    "KIND_NAMES",
    "MAX_TITLE_LENGTH",
    "PAGE_RANGE",
    "RIS_LIST_TAGS",
    "CitationRecord",
    "ParsedRecord",
    "bibtex_entry",
    "check_record",
    "citation_key",
    "citation_queryset",
    "csl_item",
    "latex_escape",
    "latex_unescape",
    "parse_bibtex",
    "parse_csv",
    "parse_ris",
    "record_from_item",
    "ris_reference",
    "to_bibtex",
    "to_csl_json",
    "to_ris",
]
