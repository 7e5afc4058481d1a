"""Reading a filled workbook into a plan: every bad row reported at once, nothing saved unless every row is good."""

from __future__ import annotations

import copy
import datetime
import io
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook

from alliance87.core import archives
from alliance87.core.content_translation import blank_to_none, original_value

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
from ...validation import messages_of, validate_indicator, validate_period
from .layout import (
    COLUMNS,
    INDICATORS,
    MAX_LEVEL,
    MAX_ROWS,
    MAX_UNCOMPRESSED_BYTES,
    OPTIONAL_COLUMNS,
    PERIODS,
    RESULTS,
    TRANSLATION_COLUMNS,
    level_names,
)

if TYPE_CHECKING:
    from alliance87.accounts.models import User

WORKBOOK_LIMITS = archives.ArchiveLimits(max_entries=200, max_unpacked_bytes=MAX_UNCOMPRESSED_BYTES)


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


def check_xlsx(data: bytes) -> None:
    """Refuse anything that is not an Excel workbook before openpyxl reads it (also zip bombs and DTDs)."""
    not_xlsx = ValidationError(_("This file is not an Excel workbook (.xlsx)."))
    try:
        archives.check_archive(
            data,
            required=("[Content_Types].xml", "xl/workbook.xml"),
            limits=WORKBOOK_LIMITS,
            what=_("The workbook"),
        )
    except ValidationError as error:
        if error.code in (archives.NOT_AN_ARCHIVE, archives.MISSING_PARTS):
            raise not_xlsx from None
        raise
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if b"spreadsheetml.sheet.main+xml" not in archive.read("[Content_Types].xml"):
            raise not_xlsx


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

    def passes(self, check: Callable[[], Any]) -> bool:
        """Run one of the rules every door applies (plans/validation.py); each refusal becomes this row's error."""
        try:
            check()
        except ValidationError as error:
            for message in messages_of(error):
                self.fail(message)
            return False
        return True

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
        known = (*COLUMNS[name], *OPTIONAL_COLUMNS[name])
        values = {h: v for h, v in zip(headings, line, strict=False) if h in known}
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


def _translations(cell: _Cell) -> dict[str, str | None]:
    """The title's translations in the columns the sheet has (an empty cell removes one; no column, no change)."""
    return {
        field: blank_to_none(cell.text(column, max_length=500))
        for column, field in TRANSLATION_COLUMNS.items()
        if column in cell.values
    }


def _level(cell: _Cell, plan: Plan) -> int:
    text = cell.text("level", required=True)
    names = [name.casefold() for name in level_names(plan)]
    if text.isdigit() and int(text) <= MAX_LEVEL:
        return int(text)
    if text.casefold() in names:
        return names.index(text.casefold())
    if text:
        allowed = ", ".join([*level_names(plan), "0–5"])
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
                    **_translations(cell),
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


def _candidate(existing: Indicator | None, code: str, fields: dict[str, Any]) -> Indicator:
    """The indicator as the row would leave it (not saved): an existing one changed, or a new one."""
    indicator = copy.copy(existing) if existing is not None else Indicator()
    indicator.code = code
    for name, value in fields.items():
        setattr(indicator, name, value)
    return indicator


def _parse_indicators(
    cells: list[_Cell], result_codes: set[str], existing: dict[str, Indicator]
) -> tuple[list[_IndicatorRow], dict[str, Indicator]]:
    """The rows, and each code's indicator as the import would leave it (checked by the services' rules)."""
    parsed: list[_IndicatorRow] = []
    candidates: dict[str, Indicator] = {}
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
                    **_translations(cell),
                },
            )
        )
        candidate = _candidate(existing.get(code), code, parsed[-1].fields)
        if cell.passes(lambda: validate_indicator(candidate)):  # noqa: B023 (run at once)
            parsed[-1].fields["title"] = original_value(candidate, "title")
            candidates.setdefault(code, candidate)
    return parsed, candidates


def _parse_periods(
    cells: list[_Cell], indicator_codes: set[str], indicators: dict[str, Indicator]
) -> list[_PeriodRow]:
    """The rows; each period is checked against its indicator as the import leaves it, and against the
    indicator's other periods (in the plan and in the sheet)."""
    parsed: list[_PeriodRow] = []
    others: dict[str, list[ReportingPeriod]] = {}
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
        indicator = indicators.get(code)
        if indicator is None or end < start:
            continue
        if code not in others:
            others[code] = list(indicator.periods.all()) if indicator.pk else []
        known = next((p for p in others[code] if (p.start, p.end) == (start, end)), None)
        period = ReportingPeriod(
            pk=known.pk if known else None, indicator=indicator, start=start, end=end, target_value=target
        )
        if cell.passes(lambda: validate_period(period, indicator, others=others[code])):  # noqa: B023
            others[code].append(period)
    return parsed


def _first_by_code(items: Any) -> dict[str, Any]:
    by_code: dict[str, Any] = {}
    for item in items:
        if item.code:
            by_code.setdefault(item.code, item)
    return by_code


def _save(item: Any, fields: dict[str, Any], report: WorkbookReport, kind: str) -> None:
    """Update an item's fields; a change of position alone is saved but not reported as an update."""
    # Compared with the originals: `item.title` reads the language of whoever runs the import.
    changed = [name for name, value in fields.items() if original_value(item, name) != value]
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


@dataclass
class StagedWorkbook:
    """A checked workbook: its rows parsed and matched to the plan, nothing written yet."""

    plan: Plan
    results: list[_ResultRow]
    indicators: list[_IndicatorRow]
    periods: list[_PeriodRow]


def import_workbook(*, plan: Plan, data: bytes, by: User) -> WorkbookReport:
    """Import a filled logframe workbook into a plan, all or nothing; every bad row is reported."""
    staged = check_workbook(plan=plan, data=data, by=by)
    return write_workbook(staged)


def check_workbook(*, plan: Plan, data: bytes, by: User) -> StagedWorkbook:
    """Read and check every row of a workbook without writing; a ValidationError lists every bad row."""
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
    indicators, candidates = _parse_indicators(
        _read_sheet(workbook, INDICATORS, rows), result_codes, existing_indicators
    )
    indicator_codes = set(existing_indicators) | {i.code for i in indicators}
    periods = _parse_periods(
        _read_sheet(workbook, PERIODS, rows), indicator_codes, {**existing_indicators, **candidates}
    )
    workbook.close()
    if rows.errors:
        raise ValidationError(rows.errors)
    return StagedWorkbook(plan=plan, results=results, indicators=indicators, periods=periods)


def write_workbook(staged: StagedWorkbook) -> WorkbookReport:
    """Write a checked workbook into its plan in one transaction (matching rows again inside it)."""
    plan, results, indicators, periods = staged.plan, staged.results, staged.indicators, staged.periods
    report = WorkbookReport()
    with transaction.atomic():
        existing_nodes = _first_by_code(plan.nodes.order_by("pk"))
        existing_indicators = _first_by_code(Indicator.objects.filter(node__plan=plan).order_by("pk"))
        nodes = dict(existing_nodes)
        uncoded_nodes = _match_uncoded(
            plan.nodes.order_by("pk"), lambda n: (n.level, original_value(n, "title"))
        )
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
            Indicator.objects.filter(node__plan=plan).order_by("pk"),
            lambda i: (i.node_id, original_value(i, "title")),
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
