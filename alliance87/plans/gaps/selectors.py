"""The implementation-gap report: what in the plans needs the Global Coordinating Group's attention.

Selectors over plans, for one plan or for every plan a person may see, filtered by owner body, country and theme
(the owner body's Action Group). They list off-track indicators, indicators without recent data, overdue results,
funding gaps, and gaps in the logframe itself (results without indicators, indicators without baseline or target).

Speed matters more than elegance here: the report runs over every plan at once, so it reads a fixed number of flat
lists (`values_list`) and does the rest in Python. The number of queries does not grow with plans or indicators.
The progress verdict is the one stored by `verdicts.refresh` (the same the plan and indicator pages show, on
approved values only), read with the indicator, never recomputed here and never a rule of its own.
"""

from __future__ import annotations

import calendar
import datetime
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any, cast

from django.db import connections
from django.db.models import CharField, FloatField, Q, QuerySet, Sum, TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliance87.bodies.models import Body
from alliance87.countries.models import PathfinderCountry

from .. import verdicts
from ..models import (
    DEFAULT_TIER_NAMES,
    BudgetLine,
    Indicator,
    Measure,
    NodeStatus,
    Plan,
    PlanStatus,
    ResultNode,
)
from ..permissions import visible_plans_filter
from ..progress import Assessment, ProgressCategory

DEFAULT_RECENT_MONTHS = 12
OFF_TRACK = (ProgressCategory.DETERIORATION, ProgressCategory.LIMITED_PROGRESS)
#: Results with these statuses are no longer due.
FINISHED = (NodeStatus.COMPLETED, NodeStatus.CANCELLED)
#: Above this many plans, the other lists filter by a subquery rather than a list of ids (SQLite's limits).
MAX_LISTED_PLAN_IDS = 500


class GapSection:
    """The report's lists, in the order the report shows them; the keys name them in the CSV export."""

    OFF_TRACK = "off_track"
    NO_RECENT_DATA = "no_recent_data"
    OVERDUE = "overdue"
    UNDERFUNDED = "underfunded"
    NO_BUDGET = "no_budget"
    RESULTS_WITHOUT_INDICATORS = "results_without_indicators"
    NO_BASELINE = "no_baseline"
    NO_TARGET = "no_target"

    LABELS = {
        OFF_TRACK: _("Off-track indicators"),
        NO_RECENT_DATA: _("Indicators with no recent data"),
        OVERDUE: _("Overdue results"),
        UNDERFUNDED: _("Unfunded or under-funded budget lines"),
        NO_BUDGET: _("Plans whose activities have no budget line"),
        RESULTS_WITHOUT_INDICATORS: _("Results without indicators"),
        NO_BASELINE: _("Indicators without a baseline"),
        NO_TARGET: _("Indicators without a target"),
    }
    ORDER = list(LABELS)


@dataclass(slots=True)
class GapFilters:
    """Which plans the report covers; empty strings mean "all"."""

    body: str = ""  # slug of the owner body
    country: str = ""  # ISO 3166 code of the owner Pathfinder Country
    theme: str = ""  # slug of an Action Group: plans of the group itself and of its working groups
    recent_months: int = DEFAULT_RECENT_MONTHS


@dataclass(slots=True)
class PlanRef:
    id: int
    slug: str
    title: str
    status: str
    owner_name: str
    currency: str
    is_illustrative: bool
    period_start: datetime.date
    period_end: datetime.date

    @property
    def status_label(self) -> str:
        return str(PlanStatus(self.status).label)


@dataclass(slots=True)
class ResultRef:
    id: int
    plan: PlanRef
    level: int
    code: str
    title: str
    tier: str

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()


@dataclass(slots=True)
class IndicatorRef:
    id: int
    result: ResultRef
    code: str
    title: str
    unit: str
    measure: str
    source: str
    baseline_value: (
        float | None
    )  # floats, as the progress measure uses them; `baseline` and `target` for display
    baseline_year: int | None
    baseline_comment: str
    target_value: float | None
    target_year: int | None
    caveats: str

    @property
    def plan(self) -> PlanRef:
        return self.result.plan

    @property
    def baseline(self) -> Decimal | None:
        """The baseline value as stored, without trailing zeros, for display."""
        return _decimal(self.baseline_value)

    @property
    def target(self) -> Decimal | None:
        return _decimal(self.target_value)

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()


@dataclass(slots=True)
class LatestValue:
    """The latest approved value of an indicator, with the period it reports on and its source."""

    end_iso: str  # the period's last day, YYYY-MM-DD
    number: float | None
    source: str

    @property
    def period_end(self) -> datetime.date:
        return datetime.date.fromisoformat(self.end_iso)

    @property
    def year(self) -> int:
        return int(self.end_iso[:4])

    @property
    def value(self) -> Decimal | None:
        """The value as stored (four decimal places at most), without trailing zeros."""
        return _decimal(self.number)


@dataclass
class OffTrackIndicator:
    """An indicator whose stored verdict is deterioration or limited progress; its numbers are read when shown."""

    indicator: IndicatorRef
    numbers: str | dict[str, Any]  # progress.Assessment.as_dict(), as JSON text (or decoded, by the driver)
    latest: LatestValue

    @cached_property
    def assessment(self) -> Assessment:
        numbers = json.loads(self.numbers) if isinstance(self.numbers, str) else self.numbers
        return Assessment.from_dict(numbers)


@dataclass(slots=True)
class StaleIndicator:
    indicator: IndicatorRef
    latest: LatestValue | None  # None: no approved value at all


@dataclass(slots=True)
class OverdueResult:
    result: ResultRef
    due_date: datetime.date
    status: str
    days_overdue: int

    @property
    def status_label(self) -> str:
        return str(NodeStatus(self.status).label)


@dataclass(slots=True)
class FundingGap:
    """Budget lines of one plan, result and year, added up, whose commitments fall short of the plan."""

    plan: PlanRef
    result: ResultRef | None  # None: lines of the plan as a whole
    year: int
    planned: Decimal
    committed: Decimal

    @property
    def gap(self) -> Decimal:
        return self.planned - self.committed

    @property
    def currency(self) -> str:
        return self.plan.currency

    @property
    def is_unfunded(self) -> bool:
        return self.committed == 0


@dataclass(slots=True)
class UnbudgetedPlan:
    plan: PlanRef
    activity_count: int


@dataclass(slots=True)
class MissingField:
    """An indicator that lacks part of its baseline or target; `missing` names the fields."""

    indicator: IndicatorRef
    missing: tuple[str, ...]


@dataclass
class GapReport:
    today: datetime.date
    recent_since: datetime.date
    filters: GapFilters
    plans: list[PlanRef] = field(default_factory=list)
    off_track: list[OffTrackIndicator] = field(default_factory=list)
    no_recent_data: list[StaleIndicator] = field(default_factory=list)
    overdue: list[OverdueResult] = field(default_factory=list)
    underfunded: list[FundingGap] = field(default_factory=list)
    no_budget: list[UnbudgetedPlan] = field(default_factory=list)
    results_without_indicators: list[ResultRef] = field(default_factory=list)
    no_baseline: list[MissingField] = field(default_factory=list)
    no_target: list[MissingField] = field(default_factory=list)

    def section(self, key: str) -> list[Any]:
        return getattr(self, key)

    def sections(self) -> list[tuple[str, str, list[Any]]]:
        """(key, label, rows) for every list, in the report's order."""
        return [(key, str(GapSection.LABELS[key]), self.section(key)) for key in GapSection.ORDER]

    @property
    def gap_count(self) -> int:
        return sum(len(self.section(key)) for key in GapSection.ORDER)

    def funding_gap_totals(self) -> dict[str, Decimal]:
        """The funding gap by currency; amounts in different currencies are never added up."""
        totals: dict[str, Decimal] = defaultdict(Decimal)
        for line in self.underfunded:
            totals[line.currency] += line.gap
        return dict(sorted(totals.items()))


def plain(value: Decimal | None) -> Decimal | None:
    """A Decimal without the trailing zeros of the models' four places, and never in exponent form: 152.0000 -> 152."""
    if value is None:
        return None
    value = Decimal(value)
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def _decimal(number: float | None) -> Decimal | None:
    """Back from float to the stored Decimal: the shortest repr of a float is the decimal it was cast from."""
    return None if number is None else plain(Decimal(repr(number)))


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` calendar months earlier, clipped to the month's last day (31 March - 1 = 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def filtered_plans(user: Any, filters: GapFilters) -> QuerySet[Plan]:
    """The plans this person may see, narrowed by owner body, country and theme."""
    plans = Plan.objects.filter(visible_plans_filter(user))
    if filters.body:
        plans = plans.filter(owner_body__slug=filters.body)
    if filters.country:
        plans = plans.filter(owner_country__country=filters.country.upper())
    if filters.theme:
        plans = plans.filter(Q(owner_body__slug=filters.theme) | Q(owner_body__parent__slug=filters.theme))
    return plans.distinct()


def gap_report(
    *, user: Any, filters: GapFilters | None = None, today: datetime.date | None = None
) -> GapReport:
    """The gaps of every plan this person may see, narrowed by `filters`."""
    filters = filters or GapFilters()
    return _report(filtered_plans(user, filters), filters=filters, today=today)


def plan_gap_report(
    plan: Plan, *, recent_months: int = DEFAULT_RECENT_MONTHS, today: datetime.date | None = None
) -> GapReport:
    """The gaps of one plan; the caller has checked that the person may see it (`permissions.can_view_plan`)."""
    return _report(
        Plan.objects.filter(pk=plan.pk), filters=GapFilters(recent_months=recent_months), today=today
    )


def filter_choices() -> dict[str, list[tuple[str, str]]]:
    """The values the filters accept, as (value, label): bodies that own plans, Action Groups, countries."""
    bodies = Body.objects.filter(plans__isnull=False).distinct().order_by("position", "name")
    themes = Body.objects.filter(kind="action_group").order_by("position", "name")
    countries = PathfinderCountry.objects.filter(plans__isnull=False).distinct()
    return {
        "body": [(b.slug, b.name) for b in bodies],
        "theme": [(b.slug, b.name) for b in themes],
        "country": sorted(((c.code, str(c)) for c in countries), key=lambda pair: pair[1]),
    }


# --- Building the report ----------------------------------------------------------------------------------------

PLAN_FIELDS = (
    "id",
    "slug",
    "title",
    "status",
    "currency",
    "is_illustrative",
    "period_start",
    "period_end",
    "tier_names",
    "owner_body__name",
    "owner_country__country",
)


def _report(plans: QuerySet[Plan], *, filters: GapFilters, today: datetime.date | None) -> GapReport:
    today = today or timezone.localdate()
    recent_since = months_before(today, filters.recent_months)
    report = GapReport(today=today, recent_since=recent_since, filters=filters)

    plan_rows = list(plans.order_by("title", "pk").values_list(*PLAN_FIELDS))
    if not plan_rows:
        return report
    tiers: dict[int, list[str]] = {}
    for pk, slug, title, status, currency, illustrative, start, end, tier_names, body, country in plan_rows:
        owner = body or (str(PathfinderCountry(country=country)) if country else "")
        report.plans.append(
            PlanRef(
                id=pk,
                slug=slug,
                title=title,
                status=status,
                owner_name=owner,
                currency=currency,
                is_illustrative=illustrative,
                period_start=start,
                period_end=end,
            )
        )
        tiers[pk] = list(tier_names or [])
    plan_by_id = {plan.id: plan for plan in report.plans}
    in_plans: Any = list(plan_by_id) if len(plan_by_id) <= MAX_LISTED_PLAN_IDS else plans.values("pk")

    results = _results(in_plans, plan_by_id, tiers)
    indicators = _indicators(in_plans, results)

    _indicator_gaps(report, indicators, recent_since, today)
    _result_gaps(report, results, indicators, today, tiers)
    _funding_gaps(report, in_plans, plan_by_id, results, tiers)
    return report


def _results(
    in_plans: Any, plan_by_id: dict[int, PlanRef], tiers: dict[int, list[str]]
) -> dict[int, tuple[ResultRef, int | None, datetime.date | None, str]]:
    """Every result of the plans: (reference, parent id, due date, status) by id, in framework order."""
    rows = (
        ResultNode.objects.filter(plan_id__in=in_plans)
        .order_by("plan_id", "level", "position", "pk")
        .values_list("id", "plan_id", "parent_id", "level", "code", "title", "due_date", "status")
    )
    results: dict[int, tuple[ResultRef, int | None, datetime.date | None, str]] = {}
    for pk, plan_id, parent_id, level, code, title, due_date, status in rows:
        names = tiers[plan_id] or DEFAULT_TIER_NAMES
        tier = names[min(level, len(names) - 1)]
        results[pk] = (
            ResultRef(pk, plan_by_id[plan_id], level, code, title, tier),
            parent_id,
            due_date,
            status,
        )
    return results


@dataclass(slots=True)
class _IndicatorRow:
    reference: IndicatorRef
    category: str
    numbers: str
    latest: LatestValue | None


def _indicators(in_plans: Any, results: dict[int, Any]) -> list[_IndicatorRow]:
    """Every indicator of the plans with its stored verdict and latest approved value, in framework order."""
    of_plans = Indicator.objects.filter(node__plan_id__in=in_plans)
    verdicts.fill_missing(of_plans)
    rows = (
        of_plans.annotate(
            baseline=Cast("baseline_value", FloatField()),
            target=Cast("target_value", FloatField()),
            numbers=Cast("verdict__numbers", TextField()),
            latest_end=Cast("verdict__latest_period_end", CharField()),
            latest_number=Cast("verdict__latest_value", FloatField()),
        )
        .order_by("node__plan_id", "node__level", "node__position", "node_id", "position", "pk")
        .values_list(
            "id",
            "node_id",
            "code",
            "title",
            "unit",
            "measure",
            "source",
            "baseline",
            "baseline_year",
            "baseline_comment",
            "target",
            "target_year",
            "caveats",
            "verdict__category",
            "numbers",
            "latest_end",
            "latest_number",
            "verdict__latest_source",
        )
    )
    indicators = []
    for (
        pk,
        node_id,
        code,
        title,
        unit,
        measure,
        source,
        base,
        base_year,
        comment,
        target,
        year,
        caveats,
        category,
        numbers,
        latest_end,
        latest_number,
        latest_source,
    ) in _raw_rows(rows):
        reference = IndicatorRef(
            id=pk,
            result=results[node_id][0],
            code=code,
            title=title,
            unit=unit,
            measure=measure,
            source=source,
            baseline_value=base,
            baseline_year=base_year,
            baseline_comment=comment,
            target_value=target,
            target_year=year,
            caveats=caveats,
        )
        latest = LatestValue(latest_end[:10], latest_number, latest_source) if latest_end else None
        indicators.append(_IndicatorRow(reference, category or "", numbers or "{}", latest))
    return indicators


def _raw_rows(queryset: QuerySet[Any]) -> list[tuple[Any, ...]]:
    """The rows of a `values_list` queryset straight from the cursor, without Django's per-row converters.

    Only for columns whose database types are the same on SQLite and PostgreSQL: integers, text, and
    expressions cast to text or float.
    """
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _indicator_gaps(
    report: GapReport, indicators: Iterable[_IndicatorRow], recent_since: datetime.date, today: datetime.date
) -> None:
    value_year = (str(_("value")), str(_("year")))
    since_iso = recent_since.isoformat()
    off_track = {category.value for category in OFF_TRACK}
    for row in indicators:
        indicator, last = row.reference, row.latest
        plan = indicator.plan
        # A plan that started less than the recent window ago is not yet expected to have reported.
        if plan.period_start <= recent_since and (last is None or last.end_iso < since_iso):
            report.no_recent_data.append(StaleIndicator(indicator, last))
        if indicator.measure == Measure.QUALITATIVE:
            continue
        missing_baseline = _missing(indicator.baseline_value, indicator.baseline_year, value_year)
        if missing_baseline:
            report.no_baseline.append(MissingField(indicator, missing_baseline))
        missing_target = _missing(indicator.target_value, indicator.target_year, value_year)
        if missing_target:
            report.no_target.append(MissingField(indicator, missing_target))
        if last is not None and row.category in off_track:
            report.off_track.append(OffTrackIndicator(indicator, row.numbers, last))


def _missing(value: Any, year: Any, labels: tuple[str, str]) -> tuple[str, ...]:
    if value is not None and year is not None:
        return ()
    return tuple(label for present, label in zip((value, year), labels, strict=True) if present is None)


def _is_activity(level: int, tier_names: list[str]) -> bool:
    """Activities are the lowest tier of a framework with three tiers or more (Goal, Outcome, Output, Activity)."""
    names = tier_names or DEFAULT_TIER_NAMES
    return len(names) >= 3 and level >= len(names) - 1


def _result_gaps(
    report: GapReport,
    results: dict[int, tuple[ResultRef, int | None, datetime.date | None, str]],
    indicators: list[_IndicatorRow],
    today: datetime.date,
    tiers: dict[int, list[str]],
) -> None:
    """Overdue results, and results above the activity tier that have no indicator.

    Activities (the lowest tier of a framework with three tiers or more) are followed by their due date and
    status, not by indicators, so they are not listed as lacking one.
    """
    measured = {row.reference.result.id for row in indicators}
    for result, _parent, due_date, status in results.values():
        if due_date is not None and due_date < today and status not in FINISHED:
            report.overdue.append(OverdueResult(result, due_date, status, (today - due_date).days))
        if result.id not in measured and not _is_activity(result.level, tiers[result.plan.id]):
            report.results_without_indicators.append(result)
    report.overdue.sort(key=lambda row: (row.due_date, row.result.plan.title))


def _funding_gaps(
    report: GapReport,
    in_plans: Any,
    plan_by_id: dict[int, PlanRef],
    results: dict[int, tuple[ResultRef, int | None, datetime.date | None, str]],
    tiers: dict[int, list[str]],
) -> None:
    """Lines whose commitments fall short, added up per plan, result and year; plans with activities but no line."""
    rows = (
        BudgetLine.objects.filter(plan_id__in=in_plans)
        .values("plan_id", "node_id", "year")
        .annotate(planned_total=Sum("planned"), committed_total=Sum("committed"))
        .order_by("plan_id", "year", "node_id")
        .values_list("plan_id", "node_id", "year", "planned_total", "committed_total")
    )
    budgeted: set[int] = set()
    for plan_id, node_id, year, planned, committed in rows:
        budgeted.add(plan_id)
        planned, committed = (
            cast(Decimal, plain(Decimal(planned or 0))),
            cast(Decimal, plain(Decimal(committed or 0))),
        )
        if committed < planned:
            result = results[node_id][0] if node_id in results else None
            report.underfunded.append(FundingGap(plan_by_id[plan_id], result, year, planned, committed))
    activities: dict[int, int] = defaultdict(int)
    for result, _parent, _due, _status in results.values():
        if _is_activity(result.level, tiers[result.plan.id]):
            activities[result.plan.id] += 1
    for plan in report.plans:
        if plan.id not in budgeted and activities.get(plan.id):
            report.no_budget.append(UnbudgetedPlan(plan, activities[plan.id]))
