"""The plans app's CSV downloads: cells a spreadsheet will not run as formulas, and the response that carries them."""

from __future__ import annotations

import csv
from typing import Any

from django.http import HttpResponse


def safe_cell(value: Any) -> Any:
    """Text a spreadsheet would run as a formula (=, +, -, @ first) is quoted; numbers stay numbers."""
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_response(filename: str, header: list[str], rows: list[list[Any]]) -> HttpResponse:
    """A CSV download of these rows under this header (the cells already made safe with ``safe_cell``)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response
