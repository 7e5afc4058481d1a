"""Each indicator's progress verdict: computed from its approved values, stored, and read by the reports.

One function decides an indicator's verdict (`assess`, on the series `indicator_series` builds with the period
rule); the indicator page calls it live and `refresh` stores its result in IndicatorVerdict, so the plan page and
the gap report across every plan read stored verdicts instead of recomputing them. The services (services/,
the IATI and XLSX importers, the demo loader and the admin) call `refresh` in the transaction that changes what a verdict
rests on; `alliance87 refresh_verdicts` recomputes every verdict after data was written any other way.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from alliance87.core import assessment as progress

from . import aggregation, gap_counts
from .models import (
    Indicator,
    IndicatorValue,
    IndicatorVerdict,
    Measure,
    PeriodRule,
    Plan,
    PublishedValue,
    ReportingPeriod,
)

ASSESSABLE_MEASURES = (Measure.NUMBER, Measure.PERCENTAGE, Measure.CURRENCY, Measure.ORDINAL, Measure.YES_NO)
#: Indicators per batch when many verdicts are recomputed: bounds the memory and the size of each query.
BATCH_SIZE = 500


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


def approved_actual(period: ReportingPeriod) -> PublishedValue | None:
    """The approved version of the period's value (only approved values count), else None.

    While a correction of an approved value is reviewed, or after it was returned, the last approved version
    keeps counting: a value under review never makes a verdict, a chart or a report lose what was approved.
    """
    try:
        actual = period.actual
    except IndicatorValue.DoesNotExist:
        return None
    return actual.published if actual is not None else None


def periods_of(indicator: Indicator) -> list[ReportingPeriod]:
    """The indicator's periods with their values, from `period_list` when a selector prefetched it."""
    cached = getattr(indicator, "period_list", None)
    if cached is not None:
        return cached
    return list(indicator.periods.select_related("actual").order_by("start"))


def indicator_series(indicator: Indicator, periods: list[ReportingPeriod] | None = None) -> IndicatorSeries:
    """Approved values as (year, value), one per year, combined by the indicator's period rule.

    Several periods ending in one year are combined by `aggregation.combine_periods`. A cumulative indicator is
    a running total: its baseline plus every approved period so far. Only approved values count.
    """
    periods = sorted(
        periods if periods is not None else periods_of(indicator), key=lambda p: (p.end, p.start)
    )
    baseline = (
        (indicator.baseline_year, Decimal(indicator.baseline_value))
        if indicator.baseline_year and indicator.baseline_value is not None
        else None
    )
    by_year: dict[int, list[Decimal]] = {}
    for period in periods:
        actual = approved_actual(period)
        if actual is not None and actual.value is not None:
            by_year.setdefault(period.end.year, []).append(actual.value)
    rule = indicator.period_rule
    observations: list[tuple[int, Decimal]] = []
    if rule == PeriodRule.CUMULATIVE_SUM:
        running = baseline[1] if baseline else Decimal(0)
        for year in sorted(by_year):
            running += (
                aggregation.combine_periods(by_year[year], rule=rule, measure=indicator.measure).value or 0
            )
            observations.append((year, running))
    else:
        within_year_rule = (
            rule if indicator.measure in (Measure.NUMBER, Measure.CURRENCY) else PeriodRule.LATEST
        )
        for year in sorted(by_year):
            combined = aggregation.combine_periods(
                by_year[year], rule=within_year_rule, measure=indicator.measure
            )
            if combined.value is not None:
                observations.append((year, combined.value))
    return IndicatorSeries(
        observations=observations, baseline=baseline, rule=rule, explanation=series_explanation(rule)
    )


def series_explanation(rule: str) -> str:
    if rule == PeriodRule.CUMULATIVE_SUM:
        return _("Running total: the baseline plus every approved period up to the year.")
    if rule == PeriodRule.AVERAGE:
        return _("The average of the approved periods ending in each year.")
    return _("The latest approved value in each year.")


def period_target(periods: Sequence[ReportingPeriod]) -> progress.PeriodTarget | None:
    """The latest approved value with the target of its own period, if that period has one."""
    latest = latest_approved(periods)
    if latest is None:
        return None
    period, published = latest
    if period.target_value is None or published.value is None:
        return None
    return progress.PeriodTarget(year=period.end.year, value=published.value, target=period.target_value)


def assess(
    indicator: Indicator,
    series: IndicatorSeries,
    *,
    periods: Sequence[ReportingPeriod] = (),
    today: datetime.date | None = None,
) -> progress.Assessment:
    """The indicator's verdict on the series with its baseline, judged against today's date (see
    `progress.assess_indicator`); percentages are bounded by their limit of 100. `periods` adds the comparison
    of the latest value with its period's target."""
    direction = str(indicator.direction)
    today = today or timezone.localdate()
    if indicator.measure not in ASSESSABLE_MEASURES:
        return progress.not_assessed(progress.Reason.QUALITATIVE, direction=direction)
    common: dict[str, Any] = {
        "direction": direction,
        "today": today,
        "target_value": indicator.target_value,
        "target_year": indicator.target_year,
        "period": period_target(periods),
    }
    if indicator.measure == Measure.YES_NO:
        return _assess_yes_no(series, common)
    return progress.assess_indicator(
        series.with_baseline(),
        base_year=series.baseline[0] if series.baseline else None,
        limit=100 if indicator.measure == Measure.PERCENTAGE and not indicator.allows_over_100 else None,
        **common,
    )


def _assess_yes_no(series: IndicatorSeries, common: dict[str, Any]) -> progress.Assessment:
    """A yes/no answer has no growth rate: the target is reached, missed once its year is over, or not yet (a
    "no" is not a deterioration)."""
    assessment = progress.assess_indicator(series.with_baseline()[-1:], **common)
    if assessment.category in (
        progress.ProgressCategory.TARGET_ACHIEVED,
        progress.ProgressCategory.TARGET_MISSED,
    ):
        return assessment
    return progress.not_assessed(progress.Reason.YES_NO, direction=common["direction"])


def latest_approved(periods: Sequence[ReportingPeriod]) -> tuple[ReportingPeriod, PublishedValue] | None:
    """The approved value of the period that ends last (the latest started one on a tie), with its period."""
    found = None
    for period in sorted(periods, key=lambda p: (p.end, p.start)):
        actual = approved_actual(period)
        if actual is not None:
            found = (period, actual)
    return found


def compute(indicator: Indicator, periods: list[ReportingPeriod]) -> IndicatorVerdict:
    """The verdict row for an indicator (not saved), from its periods and their values."""
    assessment = assess(indicator, indicator_series(indicator, periods), periods=periods)
    latest = latest_approved(periods)
    period, actual = latest if latest is not None else (None, None)
    return IndicatorVerdict(
        indicator=indicator,
        category=assessment.category.value,
        numbers=assessment.as_dict(),
        latest_period_end=period.end if period is not None else None,
        latest_value=actual.value if actual is not None else None,
        latest_text=actual.text_value if actual is not None else "",
        latest_source=actual.source if actual is not None else "",
    )


@transaction.atomic
def refresh(indicator_ids: Iterable[int]) -> int:
    """Recompute and store the verdicts of these indicators; returns how many were stored.

    Locks the indicators first, so two transactions changing values of one indicator store their verdicts one
    after the other, the second one computed on data that includes the first's (on PostgreSQL; SQLite writes
    one transaction at a time anyway). Ids of indicators that no longer exist are ignored. The gap report's
    counts of their plans are stored again in the same transaction (`gap_counts.store`).
    """
    ids = sorted(set(indicator_ids))
    stored = 0
    for start in range(0, len(ids), BATCH_SIZE):
        batch = ids[start : start + BATCH_SIZE]
        indicators = _with_periods(Indicator.objects.select_for_update().filter(pk__in=batch).order_by("pk"))
        rows = [compute(indicator, indicator.period_list) for indicator in indicators]  # type: ignore[attr-defined]
        IndicatorVerdict.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["indicator"],
            update_fields=[
                "category",
                "numbers",
                "latest_period_end",
                "latest_value",
                "latest_text",
                "latest_source",
                "computed_at",
            ],
        )
        stored += len(rows)
    gap_counts.store(gap_counts.plans_of(ids))
    return stored


@transaction.atomic
def refresh_plan(plan_id: int) -> int:
    """Recompute the verdicts of every indicator of a plan (after an import, say), and its gap counts (also
    when it has no indicator left)."""
    stored = refresh(Indicator.objects.filter(node__plan_id=plan_id).values_list("pk", flat=True))
    if not stored:
        gap_counts.store([plan_id])
    return stored


def refresh_all() -> Iterator[int]:
    """Recompute every verdict, a batch at a time (each its own transaction); yields the running count."""
    ids = list(Indicator.objects.order_by("pk").values_list("pk", flat=True))
    done = 0
    for start in range(0, len(ids), BATCH_SIZE):
        done += refresh(ids[start : start + BATCH_SIZE])
        yield done


def missing_filter() -> Q:
    """Indicators without a verdict (data written around the services), or with one computed in an earlier year
    (a target year may have ended since: "Target missed" is judged against today's date)."""
    start_of_year = timezone.make_aware(datetime.datetime(timezone.localdate().year, 1, 1))
    return Q(verdict__isnull=True) | Q(verdict__computed_at__lt=start_of_year)


def fill_missing(indicators: QuerySet[Indicator]) -> int:
    """Compute the verdicts these indicators lack (`missing_filter`); one query if none."""
    missing = list(indicators.filter(missing_filter()).values_list("pk", flat=True))
    return refresh(missing) if missing else 0


def store_counts(plan_ids: Sequence[int], *, today: datetime.date | None = None) -> None:
    """Store again the gap counts of these plans (`gap_counts.store`), the verdicts their indicators lack or have
    from an earlier year first; in the caller's transaction."""
    fill_missing(Indicator.objects.filter(node__plan_id__in=plan_ids))
    gap_counts.store(plan_ids, today=today)


def refresh_stale_counts(today: datetime.date | None = None) -> int:
    """Store again the gap counts of every stale plan (`gap_counts.stale_filter`: a new day on which a result
    falls due, a new year, data written around the services), a batch of plans per transaction; returns how many
    plans were counted. Scheduled after midnight (`tasks.refresh_stale_gap_counts`), so that readers rarely find
    a stale plan; the page still counts those it finds."""
    today = today or timezone.localdate()
    stale = list(
        Plan.objects.filter(gap_counts.stale_filter(today)).order_by("pk").values_list("pk", flat=True)
    )
    for start in range(0, len(stale), gap_counts.BATCH_SIZE):
        with transaction.atomic():
            store_counts(stale[start : start + gap_counts.BATCH_SIZE], today=today)
    return len(stale)


def _with_periods(indicators: QuerySet[Indicator]) -> list[Indicator]:
    return list(
        indicators.prefetch_related(
            Prefetch(
                "periods",
                queryset=ReportingPeriod.objects.select_related("actual").order_by("start"),
                to_attr="period_list",
            )
        )
    )
