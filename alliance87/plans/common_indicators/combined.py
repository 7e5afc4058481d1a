"""One common indicator across every plan that measures it: each plan's approved values and their combination.

Selectors only: the rules are aggregation.py's (`combine_across_plans`: counts and money add up, yes/no counts the
yeses, ordinal and qualitative values are not combined; `combine_percentages`: numerators over denominators), and
each plan's figure for a year is its yearly series (`verdicts.indicator_series`, so a cumulative indicator brings
its running total). Only approved values count, and only plans the reader may see. A year's combination covers
the plans that reported for that year, and says how many of how many.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from alliance87.accounts.types import Person

from .. import aggregation, verdicts
from ..models import CommonIndicator, Indicator, Measure, Plan, ReportingPeriod
from ..permissions import visible_plans_filter


@dataclass(frozen=True)
class PlanFigure:
    """One plan's figure for one year: the value of its series, and for a percentage the parts it rests on."""

    year: int
    value: Decimal
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    source: str = ""


@dataclass
class PlanSeries:
    """A linked indicator of one plan with its figures by year."""

    indicator: Indicator
    plan: Plan
    figures: dict[int, PlanFigure] = field(default_factory=dict)

    @property
    def currency(self) -> str:
        return self.plan.currency


@dataclass(frozen=True)
class CombinedYear:
    year: int
    combined: aggregation.Aggregate
    reporting: int  # plans with a figure for the year
    linked: int  # plans linked to the common indicator

    @property
    def value(self) -> Decimal | None:
        return self.combined.value


@dataclass
class CombinedIndicator:
    common: CommonIndicator
    plans: list[PlanSeries]
    years: list[CombinedYear]

    @property
    def rule(self) -> str:
        return combination_rule(self.common.measure)

    def cells(self) -> list[tuple[PlanSeries, list[PlanFigure | None]]]:
        """Each plan's figures in the order of `years` (None where the plan has none), for the data table."""
        return [(series, [series.figures.get(year.year) for year in self.years]) for series in self.plans]


def combination_rule(measure: str) -> str:
    """How values of this measure combine across plans, in words."""
    if measure in (Measure.NUMBER, Measure.CURRENCY):
        return _("Sum of the plans' values (amounts only in one currency).")
    if measure == Measure.PERCENTAGE:
        return _("Sum of the numerators over the sum of the denominators, never an average of percentages.")
    if measure == Measure.YES_NO:
        return _("Number of plans answering yes.")
    return _("Not combined: ordinal and qualitative values have no meaningful total.")


def common_indicators(user: Person) -> QuerySet[CommonIndicator]:
    """Every common indicator, with how many plans this person may see measure it."""
    visible = Q(plan_indicators__node__plan__in=Plan.objects.filter(visible_plans_filter(user)))
    return CommonIndicator.objects.annotate(
        plan_count=Count("plan_indicators__node__plan", filter=visible, distinct=True)
    ).order_by("reference", "title")


def combined_indicator(common: CommonIndicator, user: Person) -> CombinedIndicator:
    """The linked indicators of the plans this person may see, their yearly figures and the combination a year.

    Three queries whatever the number of plans: the indicators with their plans and owners, and their periods
    with the reported values.
    """
    indicators = list(
        Indicator.objects.filter(
            common_indicator=common, node__plan__in=Plan.objects.filter(visible_plans_filter(user))
        )
        .select_related("node__plan__owner_body", "node__plan__owner_country")
        .prefetch_related(
            Prefetch(
                "periods",
                queryset=ReportingPeriod.objects.select_related("actual").order_by("start"),
                to_attr="period_list",
            )
        )
        .order_by("node__plan__title", "node__plan_id", "pk")
    )
    plans = [_plan_series(indicator) for indicator in indicators]
    years = sorted({year for series in plans for year in series.figures})
    combined = [_combine_year(common.measure, year, plans) for year in years]
    return CombinedIndicator(common=common, plans=plans, years=combined)


def _plan_series(indicator: Indicator) -> PlanSeries:
    periods: list[ReportingPeriod] = indicator.period_list  # type: ignore[attr-defined]
    series = verdicts.indicator_series(indicator, periods)
    latest_in_year: dict[int, Any] = {}
    for period in sorted(periods, key=lambda p: (p.end, p.start)):
        actual = verdicts.approved_actual(period)
        if actual is not None and actual.value is not None:
            latest_in_year[period.end.year] = actual
    figures = {}
    for year, value in series.observations:
        actual = latest_in_year.get(year)
        figures[year] = PlanFigure(
            year=year,
            value=value,
            numerator=actual.numerator if actual is not None else None,
            denominator=actual.denominator if actual is not None else None,
            source=(actual.source if actual is not None else "") or indicator.source,
        )
    return PlanSeries(indicator=indicator, plan=indicator.node.plan, figures=figures)


def _combine_year(measure: str, year: int, plans: list[PlanSeries]) -> CombinedYear:
    reporting = [(series, series.figures[year]) for series in plans if year in series.figures]
    if measure == Measure.PERCENTAGE:
        combined = aggregation.combine_percentages(
            (figure.numerator, figure.denominator) for _series, figure in reporting
        )
    else:
        combined = aggregation.combine_across_plans(
            [figure.value for _series, figure in reporting],
            measure=measure,
            currencies=[series.currency for series, _figure in reporting],
        )
    return CombinedYear(year=year, combined=combined, reporting=len(reporting), linked=len(plans))
