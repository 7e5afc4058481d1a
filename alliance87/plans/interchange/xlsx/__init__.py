"""The logframe as an Excel workbook: a template to fill in, the import of a filled one, and the export of a plan.

Sheet names and column headings are the file format, so they stay in English in every language; the
Instructions sheet is translated. The import is all or nothing: every bad row is reported with its sheet, row
number and reason, and nothing is saved unless every row is good. Rows are matched on their codes: a code the plan
already has updates that result, indicator or (with its dates) period; a new code creates one. Nothing is deleted.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ... import verdicts
from ...models import (
    Direction,
    Indicator,
    IndicatorKind,
    Measure,
    NodeStatus,
    PeriodRule,
    Plan,
    ReportingPeriod,
    ResultNode,
)
from ...permissions import can_edit_plan
from ..iati import format_decimal, nodes_in_tree_order

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
MAX_ROWS = 5000
VALIDATED_ROWS = 1000
MAX_LEVEL = 5

RESULTS, INDICATORS, PERIODS, INSTRUCTIONS, LISTS = (
    "Results",
    "Indicators",
    "Periods",
    "Instructions",
    "Lists",
)
RESULT_COLUMNS = [
    "level",
    "code",
    "parent code",
    "title",
    "description",
    "assumptions",
    "risks",
    "start",
    "due",
    "status",
]
INDICATOR_COLUMNS = [
    "result code",
    "code",
    "title",
    "kind",
    "measure",
    "unit",
    "direction",
    "baseline value",
    "baseline year",
    "target value",
    "target year",
    "period rule",
    "source",
]
PERIOD_COLUMNS = ["indicator code", "start", "end", "target"]
COLUMNS = {RESULTS: RESULT_COLUMNS, INDICATORS: INDICATOR_COLUMNS, PERIODS: PERIOD_COLUMNS}
CHOICE_COLUMNS = {
    (RESULTS, "status"): NodeStatus.values,
    (INDICATORS, "kind"): IndicatorKind.values,
    (INDICATORS, "measure"): Measure.values,
    (INDICATORS, "direction"): Direction.values,
    (INDICATORS, "period rule"): PeriodRule.values,
}


class WorkbookKind:
    RESULT, INDICATOR, PERIOD = "result", "indicator", "period"
    LABELS = {
        RESULT: gettext_lazy("Results"),
        INDICATOR: gettext_lazy("Indicators"),
        PERIOD: gettext_lazy("Reporting periods"),
    }


@dataclass
class WorkbookReport:
    """What a workbook import created and updated, by kind of thing."""

    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)

    def rows(self) -> list[dict[str, Any]]:
        return [
            {"label": label, "created": self.created[kind], "updated": self.updated[kind]}
            for kind, label in WorkbookKind.LABELS.items()
        ]


# Writing ---------------------------------------------------------------------------------------------------------


def _level_names(plan: Plan) -> list[str]:
    return [str(name) for name in (plan.tier_names or [])][: MAX_LEVEL + 1]


def _level_label(plan: Plan, level: int) -> str | int:
    names = _level_names(plan)
    return names[level] if level < len(names) and names.count(names[level]) == 1 else level


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    text = format_decimal(value)
    return int(text) if "." not in text else float(text)


def _instructions(plan: Plan) -> list[str]:
    levels = ", ".join(f"{n} = {name}" for n, name in enumerate(_level_names(plan)))
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
    sheet.append(COLUMNS[title])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "A2"
    for index, heading in enumerate(COLUMNS[title], start=1):
        wide = heading in ("title", "description", "assumptions", "risks", "source")
        sheet.column_dimensions[get_column_letter(index)].width = 40 if wide else 16
        if heading in ("start", "due", "end"):
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = "yyyy-mm-dd"
    return sheet


def _add_dropdowns(workbook: Workbook, plan: Plan) -> None:
    lists = workbook.create_sheet(LISTS)
    lists.sheet_state = "hidden"
    columns = {(RESULTS, "level"): _level_names(plan), **CHOICE_COLUMNS}
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
            n.title,
            n.description,
            n.assumptions,
            n.risks,
            n.start_date,
            n.due_date,
            n.status,
        ]
        for n in nodes
    ]
    indicator_rows = [
        [
            node_codes[i.node_id],
            indicator_codes[i.pk],
            i.title,
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


# Reading ---------------------------------------------------------------------------------------------------------


def check_xlsx(data: bytes) -> None:
    """Refuse anything that is not an Excel workbook before openpyxl reads it (also zip bombs and DTDs)."""
    not_xlsx = ValidationError(_("This file is not an Excel workbook (.xlsx)."))
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise not_xlsx
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            names = {member.filename for member in members}
            if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
                raise not_xlsx
            if sum(member.file_size for member in members) > MAX_UNCOMPRESSED_BYTES:
                raise ValidationError(_("This workbook is too large once unpacked."))
            if b"spreadsheetml.sheet.main+xml" not in archive.read("[Content_Types].xml"):
                raise not_xlsx
            for member in members:
                if (
                    member.filename.endswith((".xml", ".rels"))
                    and b"<!DOCTYPE" in archive.read(member).upper()
                ):
                    raise ValidationError(_("This workbook contains a DOCTYPE declaration and is refused."))
    except (zipfile.BadZipFile, OSError, RuntimeError):
        raise not_xlsx from None


class _Rows:
    """Collects row errors while reading the sheets, so every bad row is reported at once."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def error(self, sheet: str, row: int, reason: str) -> None:
        self.errors.append(
            _("%(sheet)s row %(row)s: %(reason)s") % {"sheet": sheet, "row": row, "reason": reason}
        )


@dataclass
class _Cell:
    sheet: str
    row: int
    values: dict[str, Any]
    rows: _Rows

    def fail(self, reason: str) -> None:
        self.rows.error(self.sheet, self.row, reason)

    def text(self, column: str, *, required: bool = False, max_length: int | None = None) -> str:
        raw = self.values.get(column)
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        text = "" if raw is None else str(raw).strip()
        if required and not text:
            self.fail(_("%(column)s is required.") % {"column": column})
        if max_length and len(text) > max_length:
            self.fail(
                _("%(column)s is longer than %(max)s characters.") % {"column": column, "max": max_length}
            )
            text = text[:max_length]
        return text

    def choice(self, column: str, allowed: list[str], default: str) -> str:
        text = self.text(column)
        if not text:
            return default
        if text not in allowed:
            self.fail(
                _("%(column)s '%(value)s' is not one of %(allowed)s.")
                % {"column": column, "value": text, "allowed": ", ".join(allowed)}
            )
            return default
        return text

    def date(self, column: str, *, required: bool = False) -> datetime.date | None:
        raw = self.values.get(column)
        if isinstance(raw, datetime.datetime):
            return raw.date()
        if isinstance(raw, datetime.date):
            return raw
        text = self.text(column, required=required)
        if not text:
            return None
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            self.fail(
                _("%(column)s '%(value)s' is not a date (YYYY-MM-DD).") % {"column": column, "value": text}
            )
            return None

    def decimal(self, column: str) -> Decimal | None:
        raw = self.values.get(column)
        text = repr(raw) if isinstance(raw, float) else self.text(column)
        if not text:
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or abs(number) >= Decimal(10) ** 16:
            self.fail(_("%(column)s '%(value)s' is not a number.") % {"column": column, "value": text})
            return None
        return number.quantize(Decimal("0.0001"))

    def year(self, column: str) -> int | None:
        text = self.text(column)
        if not text:
            return None
        if not text.isdigit() or not 1900 <= int(text) <= 2200:
            self.fail(
                _("%(column)s '%(value)s' is not a year between 1900 and 2200.")
                % {"column": column, "value": text}
            )
            return None
        return int(text)


def _read_sheet(workbook: Any, name: str, rows: _Rows) -> list[_Cell]:
    if name not in workbook.sheetnames:
        rows.errors.append(_("The sheet %(sheet)s is missing.") % {"sheet": name})
        return []
    sheet = workbook[name]
    lines = sheet.iter_rows(values_only=True)
    headings = [str(h).strip().lower() if h is not None else "" for h in next(lines, ())]
    missing = [c for c in COLUMNS[name] if c not in headings]
    if missing:
        rows.errors.append(
            _("%(sheet)s: the columns %(columns)s are missing from the heading row.")
            % {"sheet": name, "columns": ", ".join(missing)}
        )
        return []
    cells = []
    for number, line in enumerate(lines, start=2):
        if number > MAX_ROWS:
            rows.errors.append(_("%(sheet)s: more than %(max)s rows.") % {"sheet": name, "max": MAX_ROWS})
            break
        values = {h: v for h, v in zip(headings, line, strict=False) if h in COLUMNS[name]}
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values.values()):
            continue
        cells.append(_Cell(name, number, values, rows))
    return cells


@dataclass
class _ResultRow:
    row: int
    level: int
    code: str
    parent_code: str
    fields: dict[str, Any]


@dataclass
class _IndicatorRow:
    row: int
    result_code: str
    code: str
    fields: dict[str, Any]


@dataclass
class _PeriodRow:
    indicator_code: str
    start: datetime.date
    end: datetime.date
    target_value: Decimal | None


def _level(cell: _Cell, plan: Plan) -> int:
    text = cell.text("level", required=True)
    names = [name.casefold() for name in _level_names(plan)]
    if text.isdigit() and int(text) <= MAX_LEVEL:
        return int(text)
    if text.casefold() in names:
        return names.index(text.casefold())
    if text:
        allowed = ", ".join([*_level_names(plan), "0–5"])
        cell.fail(_("level '%(value)s' is not one of %(allowed)s.") % {"value": text, "allowed": allowed})
    return 0


def _parse_results(cells: list[_Cell], plan: Plan, existing: dict[str, ResultNode]) -> list[_ResultRow]:
    parsed: list[_ResultRow] = []
    seen: dict[str, int] = {}
    for cell in cells:
        code = cell.text("code", required=True, max_length=20)
        if code in seen:
            cell.fail(
                _("code '%(code)s' is already used in row %(row)s.") % {"code": code, "row": seen[code]}
            )
        seen.setdefault(code, cell.row)
        start, due = cell.date("start"), cell.date("due")
        if start and due and due < start:
            cell.fail(_("due is before start."))
        parsed.append(
            _ResultRow(
                row=cell.row,
                level=_level(cell, plan),
                code=code,
                parent_code=cell.text("parent code"),
                fields={
                    "title": cell.text("title", required=True, max_length=500),
                    "description": cell.text("description"),
                    "assumptions": cell.text("assumptions"),
                    "risks": cell.text("risks"),
                    "start_date": start,
                    "due_date": due,
                    "status": cell.choice("status", NodeStatus.values, NodeStatus.NOT_STARTED),
                },
            )
        )
    levels = {**{code: node.level for code, node in existing.items()}, **{r.code: r.level for r in parsed}}
    for result, cell in zip(parsed, cells, strict=True):
        if not result.parent_code:
            continue
        if result.parent_code == result.code:
            cell.fail(_("a result cannot be its own parent."))
        elif result.parent_code not in levels:
            cell.fail(_("parent code '%(code)s' is not a result.") % {"code": result.parent_code})
        elif levels[result.parent_code] >= result.level:
            cell.fail(
                _("the level must be below the level of its parent '%(code)s'.")
                % {"code": result.parent_code}
            )
    return parsed


def _parse_indicators(cells: list[_Cell], result_codes: set[str]) -> list[_IndicatorRow]:
    parsed: list[_IndicatorRow] = []
    seen: dict[str, int] = {}
    for cell in cells:
        code = cell.text("code", required=True, max_length=20)
        if code in seen:
            cell.fail(
                _("code '%(code)s' is already used in row %(row)s.") % {"code": code, "row": seen[code]}
            )
        seen.setdefault(code, cell.row)
        result_code = cell.text("result code", required=True)
        if result_code and result_code not in result_codes:
            cell.fail(_("result code '%(code)s' is not a result.") % {"code": result_code})
        parsed.append(
            _IndicatorRow(
                row=cell.row,
                result_code=result_code,
                code=code,
                fields={
                    "title": cell.text("title", required=True, max_length=500),
                    "kind": cell.choice("kind", IndicatorKind.values, IndicatorKind.RESULT),
                    "measure": cell.choice("measure", Measure.values, Measure.NUMBER),
                    "unit": cell.text("unit", max_length=60),
                    "direction": cell.choice("direction", Direction.values, Direction.INCREASE),
                    "baseline_value": cell.decimal("baseline value"),
                    "baseline_year": cell.year("baseline year"),
                    "target_value": cell.decimal("target value"),
                    "target_year": cell.year("target year"),
                    "period_rule": cell.choice("period rule", PeriodRule.values, PeriodRule.LATEST),
                    "source": cell.text("source", max_length=500),
                },
            )
        )
    return parsed


def _parse_periods(cells: list[_Cell], indicator_codes: set[str]) -> list[_PeriodRow]:
    parsed: list[_PeriodRow] = []
    seen: dict[tuple[str, datetime.date, datetime.date], int] = {}
    for cell in cells:
        code = cell.text("indicator code", required=True)
        if code and code not in indicator_codes:
            cell.fail(_("indicator code '%(code)s' is not an indicator.") % {"code": code})
        start, end = cell.date("start", required=True), cell.date("end", required=True)
        target = cell.decimal("target")
        if start is None or end is None:
            continue
        if end < start:
            cell.fail(_("end is before start."))
        key = (code, start, end)
        if key in seen:
            cell.fail(_("the same period is already in row %(row)s.") % {"row": seen[key]})
        seen.setdefault(key, cell.row)
        parsed.append(_PeriodRow(indicator_code=code, start=start, end=end, target_value=target))
    return parsed


def _first_by_code(items: Any) -> dict[str, Any]:
    by_code: dict[str, Any] = {}
    for item in items:
        if item.code:
            by_code.setdefault(item.code, item)
    return by_code


def _save(item: Any, fields: dict[str, Any], report: WorkbookReport, kind: str) -> None:
    """Update an item's fields; a change of position alone is saved but not reported as an update."""
    changed = [name for name, value in fields.items() if getattr(item, name) != value]
    for name in changed:
        setattr(item, name, fields[name])
    if changed:
        item.save()
    if set(changed) - {"position"}:
        report.updated[kind] += 1


def _match_uncoded(items: Any, key: Any) -> dict[Any, Any]:
    """Items without a code by a key of theirs: the export gave them a generated code the plan does not know."""
    by_key: dict[Any, Any] = {}
    for item in items:
        if not item.code:
            by_key.setdefault(key(item), item)
    return by_key


def import_workbook(*, plan: Plan, data: bytes, by: Any) -> WorkbookReport:
    """Import a filled logframe workbook into a plan, all or nothing; every bad row is reported."""
    if not can_edit_plan(by, plan):
        raise PermissionDenied(_("Only the plan's editors may import into it."))
    check_xlsx(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors on damaged files
        raise ValidationError(_("This workbook cannot be read; is it damaged?")) from None
    rows = _Rows()
    existing_nodes = _first_by_code(plan.nodes.order_by("pk"))
    existing_indicators = _first_by_code(Indicator.objects.filter(node__plan=plan).order_by("pk"))
    results = _parse_results(_read_sheet(workbook, RESULTS, rows), plan, existing_nodes)
    result_codes = set(existing_nodes) | {r.code for r in results}
    indicators = _parse_indicators(_read_sheet(workbook, INDICATORS, rows), result_codes)
    indicator_codes = set(existing_indicators) | {i.code for i in indicators}
    periods = _parse_periods(_read_sheet(workbook, PERIODS, rows), indicator_codes)
    workbook.close()
    if rows.errors:
        raise ValidationError(rows.errors)
    report = WorkbookReport()
    with transaction.atomic():
        nodes = dict(existing_nodes)
        uncoded_nodes = _match_uncoded(plan.nodes.order_by("pk"), lambda n: (n.level, n.title))
        sibling_positions: Counter[str] = Counter()
        positions = []
        for result in results:
            positions.append(sibling_positions[result.parent_code])
            sibling_positions[result.parent_code] += 1
        for position, result in sorted(zip(positions, results, strict=True), key=lambda pair: pair[1].level):
            fields = {
                **result.fields,
                "level": result.level,
                "position": position,
                "parent": nodes[result.parent_code] if result.parent_code else None,
            }
            node = nodes.get(result.code) or uncoded_nodes.pop((result.level, result.fields["title"]), None)
            if node is not None:
                _save(node, {**fields, "code": result.code}, report, WorkbookKind.RESULT)
                nodes[result.code] = node
            else:
                nodes[result.code] = ResultNode.objects.create(plan=plan, code=result.code, **fields)
                report.created[WorkbookKind.RESULT] += 1
        found = dict(existing_indicators)
        uncoded_indicators = _match_uncoded(
            Indicator.objects.filter(node__plan=plan).order_by("pk"), lambda i: (i.node_id, i.title)
        )
        indicator_positions: Counter[str] = Counter()
        for row in indicators:
            node = nodes[row.result_code]
            fields = {**row.fields, "node": node, "position": indicator_positions[row.result_code]}
            indicator_positions[row.result_code] += 1
            indicator = found.get(row.code) or uncoded_indicators.pop((node.pk, row.fields["title"]), None)
            if indicator is not None:
                _save(indicator, {**fields, "code": row.code}, report, WorkbookKind.INDICATOR)
                found[row.code] = indicator
            else:
                found[row.code] = Indicator.objects.create(code=row.code, **fields)
                report.created[WorkbookKind.INDICATOR] += 1
        for period_row in periods:
            period, created = ReportingPeriod.objects.get_or_create(
                indicator=found[period_row.indicator_code],
                start=period_row.start,
                end=period_row.end,
                defaults={"target_value": period_row.target_value},
            )
            if created:
                report.created[WorkbookKind.PERIOD] += 1
            else:
                _save(period, {"target_value": period_row.target_value}, report, WorkbookKind.PERIOD)
        verdicts.refresh_plan(plan.pk)  # baselines, targets and directions may have changed
    return report
