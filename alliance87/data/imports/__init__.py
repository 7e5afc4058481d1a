"""Reading observation files (UN SDG Global Database CSV, SDMX-CSV, the platform's template) and case-level uploads.

`readers` turns bytes into rows, with every safety check; `formats` turns rows into `ParsedRow`s. The service in
`alliance87.data.services` resolves codes against the database and saves, all or nothing.
"""

from .formats import FORMATS, TEMPLATE_COLUMNS, ParsedRow, RowErrors, detect_format, missing_columns
from .readers import Table, read_table

__all__ = [
    "FORMATS",
    "TEMPLATE_COLUMNS",
    "ParsedRow",
    "RowErrors",
    "Table",
    "detect_format",
    "missing_columns",
    "read_table",
]
