"""Writing a plan's logframe as a workbook: an empty template to fill in, or the plan's own logframe."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from alliance87.core.content_translation import original_value
from alliance87.core.csv_export import append_row

from ...models import Plan
from ..common import format_decimal, nodes_in_tree_order
from .layout import (
    CHOICE_COLUMNS,
    COLUMNS,
    INDICATORS,
    INSTRUCTIONS,
    LISTS,
    OPTIONAL_COLUMNS,
    PERIODS,
    RESULTS,
    TRANSLATION_COLUMNS,
    VALIDATED_ROWS,
    level_names,
)


def _level_label(plan: Plan, level: int) -> str | int:
    names = level_names(plan)
    return names[level] if level < len(names) and names.count(names[level]) == 1 else level


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    text = format_decimal(value)
    return int(text) if "." not in text else float(text)


def _instructions(plan: Plan) -> list[str]:
    levels = ", ".join(f"{n} = {name}" for n, name in enumerate(level_names(plan)))
    return [
        _("Logframe workbook for “%(plan)s”") % {"plan": plan.title},
        "",
        _(
            "Fill in the sheets Results, Indicators and Periods, one row per item, then upload the file on the "
            "plan's exchange page. Do not rename the sheets or the column headings."
        ),
        _(
            "Results: one row per result. Level is the tier name or its number (%(levels)s). Every row needs a "
            "unique code; parent code is the code of the result above it (empty for the top)."
        )
        % {"levels": levels},
        _(
            "Indicators: one row per indicator; result code is the code of its result. Every indicator needs a "
            "unique code."
        ),
        _(
            "Periods: the reporting periods of an indicator with their targets; indicator code is the code of "
            "the indicator."
        ),
        _(
            "The columns “title (french)” and “title (spanish)” of Results and Indicators are optional: French "
            "and Spanish readers see them instead of the title; an empty cell removes a translation."
        ),
        _("Dates as dates (or YYYY-MM-DD), numbers as numbers. Columns with a list accept only its values."),
        _(
            "Rows whose code the plan already has update that item; other rows create new ones. Nothing is deleted."
        ),
        _(
            "If any row is wrong, nothing is saved and every wrong row is listed with its sheet and row number."
        ),
    ]


def _add_sheet(workbook: Workbook, title: str, rows: list[list[Any]]) -> Worksheet:
    sheet = workbook.create_sheet(title)
    headings = COLUMNS[title] + OPTIONAL_COLUMNS[title]
    sheet.append(headings)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        append_row(sheet, row)  # titles and texts stay text, never live formulas
    sheet.freeze_panes = "A2"
    for index, heading in enumerate(headings, start=1):
        wide = heading in ("title", "description", "assumptions", "risks", "source", *TRANSLATION_COLUMNS)
        sheet.column_dimensions[get_column_letter(index)].width = 40 if wide else 16
        if heading in ("start", "due", "end"):
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = "yyyy-mm-dd"
    return sheet


def _add_dropdowns(workbook: Workbook, plan: Plan) -> None:
    lists = workbook.create_sheet(LISTS)
    lists.sheet_state = "hidden"
    columns = {(RESULTS, "level"): level_names(plan), **CHOICE_COLUMNS}
    for list_index, ((sheet_name, heading), values) in enumerate(columns.items(), start=1):
        letter = get_column_letter(list_index)
        lists.cell(row=1, column=list_index, value=f"{sheet_name}: {heading}")
        for row, value in enumerate(values, start=2):
            lists.cell(row=row, column=list_index, value=value)
        if not values:
            continue
        sheet = workbook[sheet_name]
        column = get_column_letter(COLUMNS[sheet_name].index(heading) + 1)
        validation = DataValidation(
            type="list",
            formula1=f"{LISTS}!${letter}$2:${letter}${len(values) + 1}",
            allow_blank=True,
            showErrorMessage=sheet_name != RESULTS or heading != "level",
            errorTitle=_("Not in the list"),
            error=_("Choose a value from the list."),
        )
        validation.add(f"{column}2:{column}{VALIDATED_ROWS}")
        sheet.add_data_validation(validation)


def _unique_codes(items: list[Any], prefix: str) -> dict[int, str]:
    """The code of each item by pk; blank or repeated codes get a generated one, since the sheets link by code."""
    codes: dict[int, str] = {}
    taken = {item.code for item in items if item.code}
    used: set[str] = set()
    for number, item in enumerate(items, start=1):
        code = item.code
        if not code or code in used:
            code, suffix = f"{prefix}{number}", 1
            while code in taken or code in used:
                suffix += 1
                code = f"{prefix}{number}-{suffix}"
        used.add(code)
        codes[item.pk] = code
    return codes


def _plan_rows(plan: Plan) -> tuple[list[list[Any]], list[list[Any]], list[list[Any]]]:
    nodes = nodes_in_tree_order(plan)
    node_codes = _unique_codes(nodes, "R")
    indicators = [indicator for node in nodes for indicator in node.indicators.all()]
    indicator_codes = _unique_codes(indicators, "I")
    results = [
        [
            _level_label(plan, n.level),
            node_codes[n.pk],
            node_codes.get(n.parent_id, "") if n.parent_id else "",
            original_value(n, "title"),  # n.title reads the exporter's language
            n.description,
            n.assumptions,
            n.risks,
            n.start_date,
            n.due_date,
            n.status,
            *(getattr(n, field) or None for field in TRANSLATION_COLUMNS.values()),
        ]
        for n in nodes
    ]
    indicator_rows = [
        [
            node_codes[i.node_id],
            indicator_codes[i.pk],
            original_value(i, "title"),
            i.kind,
            i.measure,
            i.unit,
            i.direction,
            _number(i.baseline_value),
            i.baseline_year,
            _number(i.target_value),
            i.target_year,
            i.period_rule,
            i.source,
            *(getattr(i, field) or None for field in TRANSLATION_COLUMNS.values()),
        ]
        for i in indicators
    ]
    periods = [
        [indicator_codes[i.pk], p.start, p.end, _number(p.target_value)]
        for i in indicators
        for p in i.periods.all()
    ]
    return results, indicator_rows, periods


def _workbook_bytes(plan: Plan, *, with_data: bool) -> bytes:
    workbook = Workbook()
    instructions = workbook.active
    instructions.title = INSTRUCTIONS
    for line in _instructions(plan):
        instructions.append([line])
    instructions["A1"].font = Font(bold=True, size=14)
    instructions.column_dimensions["A"].width = 120
    results, indicators, periods = _plan_rows(plan) if with_data else ([], [], [])
    _add_sheet(workbook, RESULTS, results)
    _add_sheet(workbook, INDICATORS, indicators)
    _add_sheet(workbook, PERIODS, periods)
    _add_dropdowns(workbook, plan)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_workbook(plan: Plan) -> bytes:
    """An empty logframe workbook for this plan (its tier names in the level list)."""
    return _workbook_bytes(plan, with_data=False)


def export_workbook(plan: Plan) -> bytes:
    """The plan's logframe in the template's format, ready to be edited and imported again."""
    return _workbook_bytes(plan, with_data=True)
