"""CSV and XLSX downloads that a spreadsheet will not run as formulas: one guard for every file the platform writes.

A cell beginning with = + - @, a tab or a carriage return is a formula to Excel, LibreOffice and Google Sheets
(OWASP "CSV injection"). In a CSV such text is prefixed with an apostrophe; in an XLSX sheet it is stored as text
(`append_row`), so the reader sees exactly what was written and nothing runs.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.http import HttpResponse
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Text a spreadsheet would run as a formula (=, +, -, @ first) is quoted; numbers stay numbers."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> HttpResponse:
    """A UTF-8 CSV attachment (with a byte-order mark, so spreadsheets read accents right)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return response


def csv_chunks(
    header: Sequence[str], rows: Iterable[Sequence[Any]], *, rows_per_chunk: int = 1000
) -> Iterator[bytes]:
    """The bytes of `csv_response`'s file, a chunk of rows at a time: for a download streamed in bounded memory."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(cell) for cell in header])
    for number, row in enumerate(rows, start=1):
        writer.writerow([safe_cell(cell) for cell in row])
        if number % rows_per_chunk == 0:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def append_row(sheet: Worksheet, row: Sequence[Any]) -> None:
    """Append a row to an XLSX sheet with every text cell stored as text: openpyxl would store "=…" as a live
    formula. Numbers, dates and empty cells keep their type."""
    sheet.append(list(row))
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
            cell.data_type = TYPE_STRING
