"""BibTeX out and in, with the LaTeX escaping its values need.

Several kinds share one entry type (@techreport, @misc), so the kind also travels in the `type` field; a page
range is `pages`, anything else (`xi, 45`) a page count in `pagetotal`; corporate authors are braced names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import bibtexparser
from bibtexparser.middlewares.names import (
    InvalidNameError,
    parse_single_name_into_parts,
    split_multiple_persons_names,
)
from bibtexparser.model import DuplicateBlockKeyBlock, Entry, Field, ParsingFailedBlock
from django.utils.translation import gettext as _
from pylatexenc.latex2text import LatexNodes2Text, get_default_latex_context_db

from ..models import ItemKind
from .reading import check_record, clean_line, set_date, set_language, split_keywords, split_title
from .records import KIND_BY_NAME, KIND_NAMES, CitationRecord, ParsedRecord, citation_key

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
            corporate.append(clean_line(latex_unescape(name)))
            continue
        try:
            parts = parse_single_name_into_parts(name)
        except InvalidNameError as error:
            problems.append(
                _("The name “%(name)s” cannot be read: %(reason)s") % {"name": name, "reason": error}
            )
            continue
        family = " ".join([*parts.von, *parts.last, *parts.jr])
        people.append((clean_line(latex_unescape(family)), clean_line(latex_unescape(" ".join(parts.first)))))
    return people, corporate


def _record_from_bibtex(entry: Entry, problems: list[str]) -> CitationRecord:
    values = {name.lower(): value for name, value in ((f.key, f.value) for f in entry.fields)}

    def text(*names: str) -> str:
        for name in names:
            value = values.get(name)
            if isinstance(value, str) and value.strip():
                return clean_line(latex_unescape(value))
        return ""

    kind = KIND_BY_NAME.get(text("type").casefold()) or _BIBTEX_KINDS.get(entry.entry_type.lower())
    if kind is None:
        kind = ItemKind.REPORT
    authors, corporate = _bibtex_names(str(values.get("author") or values.get("editor") or ""), problems)
    title, subtitle = split_title(text("title"), text("subtitle"))
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
        keywords=split_keywords(text("keywords")),
        event_title=text("eventtitle") or (text("booktitle") if kind == ItemKind.WORKSHOP_REPORT else ""),
        event_place=text("venue"),
        event_dates=text("eventdate"),
    )
    set_language(record, text("language", "langid"), problems)
    set_date(record, date=text("date"), year=text("year"), problems=problems)
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
