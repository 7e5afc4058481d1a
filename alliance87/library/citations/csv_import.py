"""CSV in: a sheet with one item a row, for lists kept in a spreadsheet rather than a reference manager."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _

from ..models import ItemKind
from .reading import check_record, set_date, set_language
from .records import KIND_BY_NAME, CitationRecord, ParsedRecord

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
        set_language(record, values.get("language", ""), problems)
        date = values.get("date", "")
        set_date(
            record,
            date=date if len(date) > 7 else "",
            year=date[:4],
            problems=problems,
        )
        parsed.append(ParsedRecord(position, record, problems + check_record(record)))
    return parsed
