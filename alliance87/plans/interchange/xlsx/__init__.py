"""The logframe as an Excel workbook: a template to fill in, the import of a filled one, and the export of a plan.

Sheet names and column headings are the file format, so they stay in English in every language; the
Instructions sheet is translated. The import is all or nothing: every bad row is reported with its sheet, row
number and reason, and nothing is saved unless every row is good. Rows are matched on their codes: a code the plan
already has updates that result, indicator or (with its dates) period; a new code creates one. Nothing is deleted.
"""

from .exporting import export_workbook, template_workbook
from .importing import (
    StagedWorkbook,
    WorkbookReport,
    check_workbook,
    check_xlsx,
    import_workbook,
    write_workbook,
)
from .layout import INDICATOR_COLUMNS, XLSX_CONTENT_TYPE

__all__ = [
    "INDICATOR_COLUMNS",
    "XLSX_CONTENT_TYPE",
    "StagedWorkbook",
    "WorkbookReport",
    "check_workbook",
    "check_xlsx",
    "export_workbook",
    "import_workbook",
    "template_workbook",
    "write_workbook",
]
