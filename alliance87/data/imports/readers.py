"""Turn an uploaded file into rows of text, refusing what could hurt: huge files, zip bombs, XML entities, formulas.

Every check runs before a parser reads the content. A CSV must be UTF-8 text without NUL bytes; an XLSX is a zip
archive that must look like a workbook, with few entries, a sane compression ratio and a bounded unpacked size,
and no DOCTYPE in its XML (openpyxl would otherwise expand entities). Cells holding a formula are refused row by row,
never evaluated: a value imported must be the value someone typed.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from alliance87.core import archives

WORKBOOK_LIMITS = archives.ArchiveLimits(max_entries=200, max_unpacked_bytes=100 * 1024 * 1024)
WORKBOOK_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
FORMULA_PREFIXES = ("=", "+", "@")


@dataclass
class Table:
    """The heading row and the data rows of a file, each row with its number in the file (1 = the headings)."""

    headings: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    formula_cells: list[tuple[int, str]] = field(
        default_factory=list
    )  # (row, heading) of cells with a formula


def check_size(size: int) -> None:
    limit = settings.DATA_IMPORT_MAX_BYTES
    if size > limit:
        raise ValidationError(
            {
                "file": _(
                    "The file is %(size)s MB; files up to %(limit)s MB are read. Split it and import the parts."
                )
                % {"size": round(size / 1024 / 1024, 1), "limit": round(limit / 1024 / 1024, 1)}
            }
        )
    if size == 0:
        raise ValidationError({"file": _("The file is empty.")})


def is_xlsx(content: bytes) -> bool:
    return archives.is_zip(content)


def read_table(content: bytes) -> Table:
    """Read a CSV or XLSX upload (told apart by content, not by name) into a Table."""
    check_size(len(content))
    return _read_xlsx(content) if is_xlsx(content) else _read_csv(content)


def _max_rows() -> int:
    return int(settings.DATA_IMPORT_MAX_ROWS)


def _too_many_rows() -> ValidationError:
    return ValidationError(
        {
            "file": _("The file has more than %(max)s rows; split it and import the parts.")
            % {"max": _max_rows()}
        }
    )


def _read_csv(content: bytes) -> Table:
    if b"\x00" in content:
        raise ValidationError({"file": _("This is not a CSV text file (it holds binary data).")})
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            {"file": _("The file is not UTF-8 text; save it as “CSV UTF-8” and try again.")}
        ) from None
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        headings = [heading.strip() for heading in next(reader, [])]
        table = Table(headings=headings)
        for number, line in enumerate(reader, start=2):
            if number - 1 > _max_rows():
                raise _too_many_rows()
            if not any(cell.strip() for cell in line):
                continue
            cells = [cell.strip() for cell in line]
            for heading, cell in zip(headings, cells, strict=False):
                if cell.startswith(FORMULA_PREFIXES):
                    table.formula_cells.append((number, heading))
            table.rows.append((number, cells))
    except csv.Error as error:
        raise ValidationError({"file": _("The CSV cannot be read: %(error)s") % {"error": error}}) from None
    if not any(headings):
        raise ValidationError({"file": _("The file has no heading row.")})
    return table


def check_archive(content: bytes) -> None:
    """Refuse a zip that is not a workbook, or that would unpack to far more than it weighs (core's one guard)."""
    try:
        archives.check_archive(
            content, required=WORKBOOK_PARTS, limits=WORKBOOK_LIMITS, what=_("The workbook")
        )
    except ValidationError as error:
        if error.code in (archives.NOT_AN_ARCHIVE, archives.MISSING_PARTS):
            raise ValidationError({"file": _("This file is not an Excel workbook (.xlsx).")}) from None
        raise ValidationError({"file": error.messages}) from None


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(int(value)) if value.is_integer() else repr(value)
    return str(value).strip()


def _read_xlsx(content: bytes) -> Table:
    check_archive(content)
    from openpyxl import load_workbook  # imported here: only workbook uploads need it

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds on a damaged file; the person needs one sentence
        raise ValidationError(
            {"file": _("The workbook cannot be read; save it again from your spreadsheet.")}
        ) from None
    try:
        sheet = workbook["Observations"] if "Observations" in workbook.sheetnames else workbook.worksheets[0]
        lines = sheet.iter_rows()
        headings = [_text(cell.value) for cell in next(lines, ())]
        table = Table(headings=headings)
        for number, line in enumerate(lines, start=2):
            if number - 1 > _max_rows():
                raise _too_many_rows()
            cells = []
            for heading, cell in zip(headings, line, strict=False):
                if cell.data_type == "f" or (isinstance(cell.value, str) and cell.value.startswith("=")):
                    table.formula_cells.append((number, heading))
                cells.append(_text(cell.value))
            if any(cells):
                table.rows.append((number, cells))
    finally:
        workbook.close()
    if not any(headings):
        raise ValidationError({"file": _("The workbook's first sheet has no heading row.")})
    return table
