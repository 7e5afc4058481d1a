"""CSV cells a spreadsheet will not run as formulas; shared by the plans app's CSV downloads."""

from __future__ import annotations

from typing import Any


def safe_cell(value: Any) -> Any:
    """Text a spreadsheet would run as a formula (=, +, -, @ first) is quoted; numbers stay numbers."""
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
