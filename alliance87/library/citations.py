"""Citation formats of library items: BibTeX, RIS and CSL-JSON out; BibTeX, RIS and CSV in.

Every format passes through one plain record (`CitationRecord`), so that the export and the import of a format
are a pair: export → import → export gives the same text. Nothing here writes to the database; checking
duplicates and saving are in citation_import.py.

Mappings worth knowing:
- The title is exported whole ("Title: Subtitle"); an import splits it at the first ": " again.
- A page range ("12-34") is BibTeX `pages`, RIS SP/EP and CSL `page`; anything else ("xi, 45") is a page count:
  BibTeX `pagetotal`, RIS SP alone (as Zotero does for books), CSL `number-of-pages`.
- The kind travels in each format's "type of work" field (BibTeX `type`, RIS M3, CSL `genre`) as well as in the
  entry type, because several kinds share one entry type (@techreport, @misc, RPRT).
- Corporate authors follow the personal ones: in BibTeX as a braced name, in RIS as a name without a comma.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import bibtexparser
import pycountry
import rispy
from bibtexparser.middlewares.names import (
    InvalidNameError,
    parse_single_name_into_parts,
    split_multiple_persons_names,
)
from bibtexparser.model import DuplicateBlockKeyBlock, Entry, Field, ParsingFailedBlock
from django.db.models import QuerySet
from django.utils.text import slugify
from django.utils.translation import gettext as _
from pylatexenc.latex2text import LatexNodes2Text, get_default_latex_context_db

from . import identifiers
from .models import Item, ItemKind

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


# --- BibTeX ------------------------------------------------------------------------------------------------

_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_LATEX_SPECIAL_PATTERN = re.compile("|".join(re.escape(ch) for ch in _LATEX_SPECIALS))
# Without the "nonascii-specials" (--, ``, ~…): a dash or quote in a title stays what it was.
_LATEX_DECODER = LatexNodes2Text(
    latex_context=get_default_latex_context_db().filter_context(exclude_categories=["nonascii-specials"]),
    math_mode="verbatim",
    strict_latex_spaces=True,
)


def latex_escape(text: str) -> str:
    """Escape what TeX would read as markup; accents and other letters stay UTF-8 (biber and modern BibTeX read it)."""
    return _LATEX_SPECIAL_PATTERN.sub(lambda m: _LATEX_SPECIALS[m.group(0)], text)


def latex_unescape(text: str) -> str:
    """Plain text from a BibTeX value: our escapes, accent commands ({\\'e}, \\"o, \\c{c}) and braces undone."""
    if not re.search(r"[\\{}$%]", text):
        return text
    text = text.replace(r"\textasciicircum{}", "\x00")
    return _LATEX_DECODER.latex_to_text(text).replace("\x00", "^")


def _bibtex_author(family: str, given: str) -> str:
    family = latex_escape(family)
    if "," in family or re.search(r"\band\b", family):
        family = "{" + family + "}"
    return f"{family}, {latex_escape(given)}" if given else family


def _bibtex_entry_type(record: CitationRecord) -> str:
    kind = record.kind
    if kind == ItemKind.REPORT:
        return "book" if record.isbn else "techreport"
    if kind == ItemKind.RESEARCH_PAPER:
        return "article" if record.issn else "misc"
    if kind == ItemKind.WORKSHOP_REPORT:
        return "inproceedings" if record.event_title else "techreport"
    if kind == ItemKind.TOOLKIT:
        return "manual"
    if kind in (ItemKind.POLICY_BRIEF, ItemKind.EVIDENCE_SUMMARY):
        return "techreport"
    return "misc"


def bibtex_entry(record: CitationRecord, key: str) -> Entry:
    entry_type = _bibtex_entry_type(record)
    names = [_bibtex_author(f, g) for f, g in record.authors]
    names += ["{" + latex_escape(name) + "}" for name in record.corporate_authors]
    fields: list[tuple[str, str]] = [
        ("author", " and ".join(names)),
        ("title", latex_escape(record.full_title)),
        ("type", KIND_NAMES.get(record.kind, "")),
        ("booktitle", latex_escape(record.event_title) if entry_type == "inproceedings" else ""),
        ("institution" if entry_type == "techreport" else "publisher", latex_escape(record.publisher)),
        ("address", latex_escape(record.place_of_publication)),
        ("year", str(record.year or "")),
        ("date", record.publication_date.isoformat() if record.publication_date else ""),
    ]
    page_range = record.page_range
    if page_range:
        fields.append(("pages", "--".join(page_range)))
    else:
        fields.append(("pagetotal", latex_escape(record.pages)))
    fields += [
        ("isbn", record.isbn),
        ("issn", record.issn),
        ("doi", record.doi),
        ("url", record.url),
        ("language", record.language),
        ("keywords", latex_escape(", ".join(record.keywords))),
        ("abstract", latex_escape(record.abstract)),
        ("eventtitle", latex_escape(record.event_title) if entry_type != "inproceedings" else ""),
        ("venue", latex_escape(record.event_place)),
        ("eventdate", latex_escape(record.event_dates)),
    ]
    return Entry(entry_type, key, [Field(name, value) for name, value in fields if value])


def to_bibtex(records: Iterable[CitationRecord]) -> str:
    library = bibtexparser.Library()
    taken: set[str] = set()
    for record in records:
        library.add(bibtex_entry(record, citation_key(record, taken)))
    bibtex_format = bibtexparser.BibtexFormat()
    bibtex_format.indent = "  "
    return bibtexparser.write_string(library, bibtex_format=bibtex_format)


_BIBTEX_KINDS = {
    "book": ItemKind.REPORT,
    "inbook": ItemKind.REPORT,
    "incollection": ItemKind.REPORT,
    "booklet": ItemKind.REPORT,
    "report": ItemKind.REPORT,
    "techreport": ItemKind.REPORT,
    "article": ItemKind.RESEARCH_PAPER,
    "phdthesis": ItemKind.RESEARCH_PAPER,
    "mastersthesis": ItemKind.RESEARCH_PAPER,
    "thesis": ItemKind.RESEARCH_PAPER,
    "unpublished": ItemKind.RESEARCH_PAPER,
    "inproceedings": ItemKind.WORKSHOP_REPORT,
    "proceedings": ItemKind.WORKSHOP_REPORT,
    "conference": ItemKind.WORKSHOP_REPORT,
    "manual": ItemKind.TOOLKIT,
    "legislation": ItemKind.LEGAL_INSTRUMENT,
    "legal": ItemKind.LEGAL_INSTRUMENT,
    "jurisdiction": ItemKind.LEGAL_INSTRUMENT,
    "dataset": ItemKind.DATASET,
    "video": ItemKind.MEDIA,
    "movie": ItemKind.MEDIA,
    "audio": ItemKind.MEDIA,
    "online": ItemKind.NEWS,
    "misc": ItemKind.REPORT,
}


def _bibtex_names(value: str, problems: list[str]) -> tuple[list[tuple[str, str]], list[str]]:
    people: list[tuple[str, str]] = []
    corporate: list[str] = []
    for name in split_multiple_persons_names(value):
        name = name.strip()
        if name.startswith("{") and name.endswith("}") and "," not in name.replace("{", "", 1)[:-1]:
            corporate.append(_clean_line(latex_unescape(name)))
            continue
        try:
            parts = parse_single_name_into_parts(name)
        except InvalidNameError as error:
            problems.append(
                _("The name “%(name)s” cannot be read: %(reason)s") % {"name": name, "reason": error}
            )
            continue
        family = " ".join([*parts.von, *parts.last, *parts.jr])
        people.append(
            (_clean_line(latex_unescape(family)), _clean_line(latex_unescape(" ".join(parts.first))))
        )
    return people, corporate


def _record_from_bibtex(entry: Entry, problems: list[str]) -> CitationRecord:
    values = {name.lower(): value for name, value in ((f.key, f.value) for f in entry.fields)}

    def text(*names: str) -> str:
        for name in names:
            value = values.get(name)
            if isinstance(value, str) and value.strip():
                return _clean_line(latex_unescape(value))
        return ""

    kind = KIND_BY_NAME.get(text("type").casefold()) or _BIBTEX_KINDS.get(entry.entry_type.lower())
    if kind is None:
        kind = ItemKind.REPORT
    authors, corporate = _bibtex_names(str(values.get("author") or values.get("editor") or ""), problems)
    title, subtitle = _split_title(text("title"), text("subtitle"))
    pages = text("pages")
    if pages:
        pages = re.sub(r"\s*-+\s*", "-", pages)
    record = CitationRecord(
        kind=kind,
        title=title,
        subtitle=subtitle,
        authors=authors,
        corporate_authors=corporate,
        place_of_publication=text("address", "location"),
        publisher=text("publisher", "institution", "organization", "school"),
        pages=pages or text("pagetotal"),
        isbn=text("isbn"),
        issn=text("issn"),
        doi=text("doi"),
        url=str(values.get("url") or "").strip(),
        abstract=latex_unescape(str(values.get("abstract") or "")).strip(),
        licence=text("copyright", "license", "rights"),
        keywords=_split_keywords(text("keywords")),
        event_title=text("eventtitle") or (text("booktitle") if kind == ItemKind.WORKSHOP_REPORT else ""),
        event_place=text("venue"),
        event_dates=text("eventdate"),
    )
    _set_language(record, text("language", "langid"), problems)
    _set_date(record, date=text("date"), year=text("year"), problems=problems)
    return record


def _block_error(block: ParsingFailedBlock) -> str:
    reason = getattr(block.error, "abort_reason", "") or str(block.error)
    return " ".join(str(reason).split()) or _("the syntax is wrong")


def parse_bibtex(content: str) -> list[ParsedRecord]:
    """Every entry of a BibTeX file, numbered from 1, with the problems found in each."""
    library = bibtexparser.parse_string(content)
    parsed: list[ParsedRecord] = []
    number = 0
    for block in library.blocks:
        if isinstance(block, DuplicateBlockKeyBlock) and block.ignore_error_block is not None:
            block = block.ignore_error_block  # Keys mean nothing to the library; a repeated one is harmless.
        if not isinstance(block, Entry | ParsingFailedBlock):
            continue
        number += 1
        line = (block.start_line or 0) + 1
        position = _("entry %(number)s (line %(line)s)") % {"number": number, "line": line}
        if isinstance(block, ParsingFailedBlock):
            parsed.append(
                ParsedRecord(
                    position,
                    None,
                    [_("This entry cannot be read as BibTeX: %(reason)s") % {"reason": _block_error(block)}],
                )
            )
            continue
        problems: list[str] = []
        record = _record_from_bibtex(block, problems)
        parsed.append(ParsedRecord(position, record, problems + check_record(record)))
    return parsed


# --- RIS ---------------------------------------------------------------------------------------------------

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
    title, subtitle = _split_title(_ris_text(reference, "title", "primary_title"), "")
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
    _set_language(record, _ris_text(reference, "language"), problems)
    year = _ris_text(reference, "year", "publication_year")
    date = _ris_text(reference, "date")
    date_parts = [p for p in re.split(r"[/-]", date or year) if p.strip()]
    _set_date(
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


# --- CSL-JSON ----------------------------------------------------------------------------------------------

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


# --- CSV (import only) -------------------------------------------------------------------------------------

#: The columns of an import sheet, in this order; only "title" and "kind" are required.
CSV_COLUMNS = (
    "kind",
    "title",
    "subtitle",
    "authors",
    "date",
    "place",
    "publisher",
    "language",
    "pages",
    "isbn",
    "issn",
    "doi",
    "url",
    "abstract",
    "keywords",
)


def parse_csv(content: str) -> list[ParsedRecord]:
    """Every row of an import sheet, by its line number; authors "Family, Given; Family2, Given2", keywords "a; b"."""
    reader = csv.DictReader(io.StringIO(content.lstrip("\ufeff")))
    columns = [c.strip().lower() for c in reader.fieldnames or []]
    unknown = [c for c in columns if c not in CSV_COLUMNS]
    missing = [c for c in ("kind", "title") if c not in columns]
    if unknown or missing:
        header_problems = []
        if missing:
            header_problems.append(
                _("The sheet needs the columns: %(columns)s.") % {"columns": ", ".join(missing)}
            )
        if unknown:
            header_problems.append(
                _("Unknown columns: %(unknown)s. The columns are: %(columns)s.")
                % {"unknown": ", ".join(unknown), "columns": ", ".join(CSV_COLUMNS)}
            )
        return [ParsedRecord(_("line 1 (header)"), None, header_problems)]
    reader.fieldnames = columns
    parsed: list[ParsedRecord] = []
    line = reader.line_num
    for row in reader:
        position = _("line %(line)s") % {"line": line + 1}
        line = reader.line_num
        if None in row:
            parsed.append(
                ParsedRecord(position, None, [_("This row has more cells than the header has columns.")])
            )
            continue
        values = {name: " ".join((value or "").split()) for name, value in row.items()}
        if not any(values.values()):
            continue
        problems: list[str] = []
        kind_value = values.get("kind", "")
        kind = (
            kind_value.lower()
            if kind_value.lower() in ItemKind.values
            else KIND_BY_NAME.get(kind_value.casefold())
        )
        if not kind:
            problems.append(
                _("“%(kind)s” is not a kind; use one of: %(kinds)s.")
                % {"kind": kind_value, "kinds": ", ".join(ItemKind.values)}
            )
        authors = []
        for name in (values.get("authors") or "").split(";"):
            family, _comma, given = name.partition(",")
            if family.strip():
                authors.append((family.strip(), given.strip()))
        record = CitationRecord(
            kind=kind or ItemKind.REPORT,
            title=values.get("title", ""),
            subtitle=values.get("subtitle", ""),
            authors=authors,
            place_of_publication=values.get("place", ""),
            publisher=values.get("publisher", ""),
            pages=values.get("pages", ""),
            isbn=values.get("isbn", ""),
            issn=values.get("issn", ""),
            doi=values.get("doi", ""),
            url=values.get("url", ""),
            abstract=(row.get("abstract") or "").strip(),
            keywords=[k.strip() for k in (values.get("keywords") or "").split(";") if k.strip()],
        )
        _set_language(record, values.get("language", ""), problems)
        date = values.get("date", "")
        _set_date(
            record,
            date=date if len(date) > 7 else "",
            year=date[:4],
            problems=problems,
        )
        parsed.append(ParsedRecord(position, record, problems + check_record(record)))
    return parsed


# --- shared helpers ----------------------------------------------------------------------------------------


def _clean_line(text: str) -> str:
    return " ".join(text.split())


def _split_title(title: str, subtitle: str) -> tuple[str, str]:
    """Title and subtitle; without a separate subtitle, a title is split at its first ": "."""
    if subtitle or ": " not in title:
        return title, subtitle
    head, _sep, tail = title.partition(": ")
    return head.strip(), tail.strip()


def _split_keywords(text: str) -> list[str]:
    return [k.strip() for k in re.split(r"[,;]", text) if k.strip()]


def _set_language(record: CitationRecord, value: str, problems: list[str]) -> None:
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


def _set_date(record: CitationRecord, *, date: str, year: str, problems: list[str]) -> None:
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
