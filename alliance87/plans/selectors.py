"""Reads of plans: lists, the results framework as a tree, indicator series and verdicts, budgets, review queues.

Query counts stay constant whatever the size of a plan: the tree is fetched as flat lists and assembled here.
The rules that turn numbers into a verdict or a total are in progress.py; this module only feeds them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from alliance87.bodies.models import Body
from alliance87.countries.models import PathfinderCountry
from alliance87.partners.models import Organisation

from . import progress
from .models import (
    BudgetLine,
    Indicator,
    IndicatorValue,
    Measure,
    PeriodRule,
    Plan,
    ReportingPeriod,
    ResultNode,
    ValueChange,
    ValueStatus,
)
from .permissions import editable_plans_filter, visible_plans

ASSESSABLE_MEASURES = (Measure.NUMBER, Measure.PERCENTAGE, Measure.CURRENCY, Measure.ORDINAL, Measure.YES_NO)


# --- plans -------------------------------------------------------------------------------------------------


def plan_list(
    user: Any,
    *,
    owner_body: Body | None = None,
    owner_country: PathfinderCountry | None = None,
    status: str = "",
) -> QuerySet[Plan]:
    """The plans this person may see, optionally of one body or country or in one status, owners fetched."""
    plans = visible_plans(user)
    if owner_body is not None:
        plans = plans.filter(owner_body=owner_body)
    if owner_country is not None:
        plans = plans.filter(owner_country=owner_country)
    if status:
        plans = plans.filter(status=status)
    return plans.select_related("owner_body", "owner_country").prefetch_related(
        Prefetch("responsible_organisations", queryset=Organisation.objects.order_by("name"))
    )


def plan_detail(slug: str) -> Plan:
    """A plan with its owner and responsible organisations (raises Plan.DoesNotExist)."""
    return (
        Plan.objects.select_related("owner_body", "owner_country", "owner_country__focal_institution")
        .prefetch_related(
            Prefetch("responsible_organisations", queryset=Organisation.objects.order_by("name"))
        )
        .get(slug=slug)
    )


# --- indicator series and verdicts -------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorSeries:
    """An indicator's approved observations by year (a period counts in the year it ends) and its baseline."""

    observations: list[tuple[int, Decimal]]
    baseline: tuple[int, Decimal] | None
    rule: str
    explanation: str

    def with_baseline(self) -> list[tuple[int, Decimal]]:
        """The observations with the baseline in front, unless a value was approved for the baseline year."""
        years = {year for year, _value in self.observations}
        if self.baseline is None or self.baseline[0] in years:
            return list(self.observations)
        return sorted([self.baseline, *self.observations])


@dataclass(frozen=True)
class IndicatorAssessment:
    series: IndicatorSeries
    assessment: progress.Assessment
    projection: progress.Projection | None


def _approved(period: ReportingPeriod) -> IndicatorValue | None:
    try:
        actual = period.actual  # type: ignore[attr-defined]
    except IndicatorValue.DoesNotExist:
        return None
    return actual if actual is not None and actual.status == ValueStatus.APPROVED else None


def _periods_of(indicator: Indicator) -> list[ReportingPeriod]:
    cached = getattr(indicator, "period_list", None)
    if cached is not None:
        return cached
    return list(indicator.periods.select_related("actual").order_by("start"))


def indicator_series(indicator: Indicator, periods: list[ReportingPeriod] | None = None) -> IndicatorSeries:
    """Approved values as (year, value), one per year, combined by the indicator's period rule.

    Several periods ending in one year are combined by `progress.combine_periods`. A cumulative indicator is
    a running total: its baseline plus every approved period so far. Only approved values count.
    """
    periods = sorted(
        periods if periods is not None else _periods_of(indicator), key=lambda p: (p.end, p.start)
    )
    baseline = (
        (indicator.baseline_year, Decimal(indicator.baseline_value))
        if indicator.baseline_year and indicator.baseline_value is not None
        else None
    )
    by_year: dict[int, list[Decimal]] = {}
    for period in periods:
        actual = _approved(period)
        if actual is not None and actual.value is not None:
            by_year.setdefault(period.end.year, []).append(actual.value)
    rule = indicator.period_rule
    observations: list[tuple[int, Decimal]] = []
    if rule == PeriodRule.CUMULATIVE_SUM:
        running = baseline[1] if baseline else Decimal(0)
        for year in sorted(by_year):
            running += (
                progress.combine_periods(by_year[year], rule=rule, measure=indicator.measure).value or 0
            )
            observations.append((year, running))
    else:
        within_year_rule = (
            rule if indicator.measure in (Measure.NUMBER, Measure.CURRENCY) else PeriodRule.LATEST
        )
        for year in sorted(by_year):
            combined = progress.combine_periods(
                by_year[year], rule=within_year_rule, measure=indicator.measure
            )
            if combined.value is not None:
                observations.append((year, combined.value))
    explanation = _series_explanation(rule)
    return IndicatorSeries(observations=observations, baseline=baseline, rule=rule, explanation=explanation)


def _series_explanation(rule: str) -> str:
    if rule == PeriodRule.CUMULATIVE_SUM:
        return _("Running total: the baseline plus every approved period up to the year.")
    if rule == PeriodRule.AVERAGE:
        return _("The average of the approved periods ending in each year.")
    return _("The latest approved value in each year.")


def indicator_assessment(
    indicator: Indicator, periods: list[ReportingPeriod] | None = None
) -> IndicatorAssessment:
    """The Open SDG progress verdict and the straight-line projection, from approved values and the baseline."""
    series = indicator_series(indicator, periods)
    direction = str(indicator.direction)
    target = indicator.target_value
    if indicator.measure not in ASSESSABLE_MEASURES:
        assessment = progress.Assessment(
            category=progress.ProgressCategory.INSUFFICIENT_DATA,
            explanation=_("Qualitative indicators are described, not assessed by a number."),
            method="",
            direction=direction,
        )
        return IndicatorAssessment(series=series, assessment=assessment, projection=None)
    observations = series.with_baseline()
    assessment = progress.assess_progress(
        observations,
        direction=direction,
        target_value=target,
        target_year=indicator.target_year,
        base_year=series.baseline[0] if series.baseline else None,
        limit=100 if indicator.measure == Measure.PERCENTAGE else None,
    )
    projection = None
    target_year = indicator.target_year or (
        indicator.node.plan.period_end.year if indicator.node_id else None
    )
    if target_year:
        projection = progress.project_to_target_year(
            observations, target_year=target_year, target_value=target, direction=direction
        )
    return IndicatorAssessment(series=series, assessment=assessment, projection=projection)


def indicator_detail(*, plan: Plan, pk: int) -> Indicator:
    """One indicator of a plan with its result, periods, reported values and reporters (Indicator.DoesNotExist)."""
    indicator = (
        Indicator.objects.select_related("node")
        .prefetch_related(
            Prefetch(
                "periods",
                queryset=ReportingPeriod.objects.select_related(
                    "actual", "actual__submitted_by", "actual__reviewed_by"
                ).order_by("start"),
                to_attr="period_list",
            )
        )
        .get(pk=pk, node__plan=plan)
    )
    indicator.node.plan = plan
    return indicator


def value_history(indicator: Indicator) -> QuerySet[ValueChange]:
    """Every change to the indicator's reported values, newest first, with who made it."""
    return ValueChange.objects.filter(value__period__indicator=indicator).select_related(
        "changed_by", "value__period"
    )


# --- the results framework ---------------------------------------------------------------------------------


@dataclass
class PlanTree:
    """A plan's results as a tree (`roots`, each with `child_nodes`) and the same nodes depth-first (`nodes`).

    Each node carries `child_nodes`, `indicator_list` and `depth`; each indicator `period_list`,
    `latest_actual` (the latest approved value, or None) and `progress` (an IndicatorAssessment).
    """

    plan: Plan
    roots: list[ResultNode]
    nodes: list[ResultNode]
    indicators: list[Indicator] = field(default_factory=list)


def plan_tree(plan: Plan) -> PlanTree:
    """The whole framework with indicators, periods and actuals in four queries, whatever its size."""
    nodes = list(
        ResultNode.objects.filter(plan=plan)
        .prefetch_related(
            Prefetch("responsible_organisations", queryset=Organisation.objects.order_by("name"))
        )
        .order_by("position", "pk")
    )
    indicators = list(Indicator.objects.filter(node__plan=plan).order_by("position", "pk"))
    periods = list(
        ReportingPeriod.objects.filter(indicator__node__plan=plan).select_related("actual").order_by("start")
    )
    periods_by_indicator: dict[int, list[ReportingPeriod]] = {}
    for period in periods:
        periods_by_indicator.setdefault(period.indicator_id, []).append(period)
    by_id = {node.pk: node for node in nodes}
    children: dict[int | None, list[ResultNode]] = {}
    for node in nodes:
        node.plan = plan
        node.child_nodes = []  # type: ignore[attr-defined]
        node.indicator_list = []  # type: ignore[attr-defined]
        children.setdefault(node.parent_id if node.parent_id in by_id else None, []).append(node)
    for indicator in indicators:
        node = by_id[indicator.node_id]
        indicator.node = node
        indicator.period_list = periods_by_indicator.get(indicator.pk, [])  # type: ignore[attr-defined]
        for period in indicator.period_list:  # type: ignore[attr-defined]
            period.indicator = indicator
        approved = [p for p in indicator.period_list if _approved(p) is not None]  # type: ignore[attr-defined]
        indicator.latest_actual = approved[-1].actual if approved else None  # type: ignore[attr-defined]
        indicator.progress = indicator_assessment(indicator, indicator.period_list)  # type: ignore[attr-defined]
        node.indicator_list.append(indicator)  # type: ignore[attr-defined]
    ordered: list[ResultNode] = []

    def walk(node: ResultNode, depth: int) -> None:
        node.depth = depth  # type: ignore[attr-defined]
        ordered.append(node)
        node.child_nodes = children.get(node.pk, [])  # type: ignore[attr-defined]
        for child in node.child_nodes:  # type: ignore[attr-defined]
            walk(child, depth + 1)

    roots = children.get(None, [])
    for root in roots:
        walk(root, 0)
    flat_indicators = [indicator for node in ordered for indicator in node.indicator_list]  # type: ignore[attr-defined]
    return PlanTree(plan=plan, roots=roots, nodes=ordered, indicators=flat_indicators)


@dataclass(frozen=True)
class VerdictCount:
    category: progress.ProgressCategory
    label: str
    count: int


def plan_verdict_summary(plan: Plan, tree: PlanTree | None = None) -> list[VerdictCount]:
    """How many of the plan's indicators fall in each progress category (every category listed, in order)."""
    tree = tree or plan_tree(plan)
    counts = Counter(indicator.progress.assessment.category for indicator in tree.indicators)  # type: ignore[attr-defined]
    return [
        VerdictCount(category, str(category.label), counts.get(category, 0))
        for category in progress.ProgressCategory
    ]


# --- budgets -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BudgetTotals:
    """Planned, committed and spent money, and the funding gap (planned − committed, never below zero)."""

    year: int | None
    planned: Decimal
    committed: Decimal
    spent: Decimal

    @property
    def funding_gap(self) -> Decimal:
        return max(self.planned - self.committed, Decimal(0))


@dataclass(frozen=True)
class BudgetSummary:
    currency: str
    lines: list[BudgetLine]
    years: list[BudgetTotals]
    total: BudgetTotals


def _totals(year: int | None, lines: list[BudgetLine]) -> BudgetTotals:
    return BudgetTotals(
        year=year,
        planned=sum((line.planned for line in lines), Decimal(0)),
        committed=sum((line.committed for line in lines), Decimal(0)),
        spent=sum((line.spent for line in lines), Decimal(0)),
    )


def plan_budget_summary(plan: Plan) -> BudgetSummary:
    """The plan's budget lines with totals per year and overall, all in the plan's currency."""
    lines = list(
        BudgetLine.objects.filter(plan=plan)
        .select_related("node", "funder")
        .order_by("year", "node__code", "pk")
    )
    by_year: dict[int, list[BudgetLine]] = {}
    for line in lines:
        by_year.setdefault(line.year, []).append(line)
    return BudgetSummary(
        currency=plan.currency,
        lines=lines,
        years=[_totals(year, by_year[year]) for year in sorted(by_year)],
        total=_totals(None, lines),
    )


# --- review ------------------------------------------------------------------------------------------------


def pending_values_for(user: Any) -> QuerySet[IndicatorValue]:
    """Submitted values waiting for approval on the plans this person edits, oldest first."""
    editable = Plan.objects.filter(editable_plans_filter(user)).values("pk")
    return (
        IndicatorValue.objects.filter(
            status=ValueStatus.SUBMITTED, period__indicator__node__plan__in=editable
        )
        .select_related("period__indicator__node__plan", "submitted_by")
        .order_by("submitted_at", "pk")
    )


# --- for the API -------------------------------------------------------------------------------------------


def plan_nodes(*, plan: Plan) -> QuerySet[ResultNode]:
    """The plan's results as a flat list, tier by tier, each parent's results together and in order."""
    return (
        ResultNode.objects.filter(plan=plan)
        .select_related("plan")
        .prefetch_related(
            Prefetch("responsible_organisations", queryset=Organisation.objects.order_by("name"))
        )
        .order_by("level", "parent_id", "position", "pk")
    )


def plan_indicators(*, plan: Plan) -> QuerySet[Indicator]:
    """The plan's indicators in the order of their results (as `plan_nodes`), with their result and plan."""
    return (
        Indicator.objects.filter(node__plan=plan)
        .select_related("node__plan")
        .order_by("node__level", "node__parent_id", "node__position", "node_id", "position", "pk")
    )


def value_changes(*, value: IndicatorValue) -> QuerySet[ValueChange]:
    """Every change to one reported value, newest first, with who made it."""
    return ValueChange.objects.filter(value=value).select_related("changed_by")
