"""The cross-plan gap report as a page: every list's count, and a bounded number of its rows.

Over 500 plans of 200 indicators the report's lists hold tens of thousands of rows (every indicator of a plan
that has not reported this year is "without recent data"); building them all in Python and rendering them on one
page took more than a minute. The page needs the count of each list and the rows it shows: the counts come from
one aggregate query over the indicators (their stored verdicts), the rows from a query per list with a limit and
an offset, in the framework order the whole report uses. Every row stays reachable: each list has pages of its own
(`?section=<key>&page=<n>`), and the CSV download holds every row (`selectors.gap_report`).

The rules are those of `selectors` (the whole report, used by the CSV, the plan's own gap page and the
benchmarks); here they are written as filters the database applies. `tests/test_gaps.py` checks that the page's
counts and rows are the whole report's.
"""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import verdicts
from ..models import Indicator, Measure, ResultNode
from .report import (
    GapFilters,
    GapReport,
    GapSection,
    MissingField,
    OffTrackIndicator,
    OverdueResult,
    PlanRef,
    StaleIndicator,
    months_before,
)
from .selectors import (
    FINISHED,
    OFF_TRACK,
    _funding_gaps,
    _is_activity,
    _missing,
    _plans,
    filtered_plans,
    indicator_rows,
    result_refs,
)

#: Rows of each list on the report's page; a list's own pages (`?section=`) show `SECTION_PAGE_ROWS` at a time.
FIRST_ROWS = 25
SECTION_PAGE_ROWS = 200
#: The plans of the summary ("progress of each plan at a glance"), pageable like a list under this key.
PLANS = "plans"
FIRST_PLANS = 50
SECTIONS = (PLANS, *GapSection.ORDER)
INDICATOR_SECTIONS = (
    GapSection.OFF_TRACK,
    GapSection.NO_RECENT_DATA,
    GapSection.NO_BASELINE,
    GapSection.NO_TARGET,
)
FRAMEWORK_ORDER = ("node__plan_id", "node__level", "node__position", "node_id", "position", "pk")


@dataclass(frozen=True, slots=True)
class Shown:
    """Which rows of a list the page shows: `number` of `pages` (of `per_page` rows), out of `count`."""

    key: str
    count: int
    number: int
    per_page: int
    paged: bool = False  # the list's own pages (`?section=`), rather than its first rows on the report

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.count / self.per_page))

    @property
    def start(self) -> int:
        return (self.number - 1) * self.per_page

    @property
    def stop(self) -> int:
        return self.start + self.per_page

    @property
    def first_shown(self) -> int:
        return min(self.start + 1, self.count)

    @property
    def last_shown(self) -> int:
        return min(self.stop, self.count)

    @property
    def is_partial(self) -> bool:
        return self.count > self.per_page

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.pages else None


#: Which rows of a list the page shows, given the list's key and its count (`gap_report_page` decides).
ShownAs = Callable[[str, int], Shown]
T = TypeVar("T")


def _show(report: GapReport, key: str, count: int, shown_as: ShownAs) -> Shown:
    """The rows of the list `key` (of `count` rows) the page shows; the report keeps them and the list's count."""
    shown = report.shown[key] = shown_as(key, count)
    report.totals[key] = count
    return shown


def _cut(report: GapReport, key: str, rows: list[T], shown_as: ShownAs) -> list[T]:
    """The rows of a list read whole (its rule applied in Python) that the page shows, counted as `_show` does."""
    shown = _show(report, key, len(rows), shown_as)
    return rows[shown.start : shown.stop]


def indicator_filters(recent_since: datetime.date) -> dict[str, Q]:
    """Each indicator list's rule (`selectors._indicator_gaps`) as a filter over indicators with stored verdicts."""
    quantitative = ~Q(measure=Measure.QUALITATIVE)
    return {
        GapSection.OFF_TRACK: quantitative
        & Q(verdict__latest_period_end__isnull=False)
        & Q(verdict__category__in=[category.value for category in OFF_TRACK]),
        # A plan that started less than the recent window ago is not yet expected to have reported.
        GapSection.NO_RECENT_DATA: Q(node__plan__period_start__lte=recent_since)
        & (Q(verdict__latest_period_end__isnull=True) | Q(verdict__latest_period_end__lt=recent_since)),
        GapSection.NO_BASELINE: quantitative
        & (Q(baseline_value__isnull=True) | Q(baseline_year__isnull=True)),
        GapSection.NO_TARGET: quantitative & (Q(target_value__isnull=True) | Q(target_year__isnull=True)),
    }


def gap_report_page(
    *,
    user: Any,
    filters: GapFilters | None = None,
    section: str = "",
    page: int = 1,
    today: datetime.date | None = None,
) -> GapReport:
    """The gaps of every plan this person may see: the count of every list and its first rows, or, for the list
    named by `section`, its rows on `page` (out of range: the last page)."""
    filters = filters or GapFilters()
    today = today or timezone.localdate()
    recent_since = months_before(today, filters.recent_months)
    report = GapReport(today=today, recent_since=recent_since, filters=filters)
    plans = filtered_plans(user, filters)
    plan_by_id, tiers, in_plans = _plans(report, plans)
    if not plan_by_id:
        return report

    def shown(key: str, count: int) -> Shown:
        if key != section:
            return Shown(key, count, 1, FIRST_PLANS if key == PLANS else FIRST_ROWS)
        pages = max(1, math.ceil(count / SECTION_PAGE_ROWS))
        return Shown(key, count, min(max(page, 1), pages), SECTION_PAGE_ROWS, paged=True)

    _show(report, PLANS, len(report.plans), shown)
    _indicator_lists(report, in_plans, plan_by_id, tiers, recent_since, shown)
    _result_lists(report, in_plans, plan_by_id, tiers, today, shown)
    _funding_lists(report, in_plans, plan_by_id, tiers, shown)
    return report


def _indicator_lists(
    report: GapReport,
    in_plans: Any,
    plan_by_id: dict[int, PlanRef],
    tiers: dict[int, list[str]],
    recent_since: datetime.date,
    shown_as: ShownAs,
) -> None:
    of_plans = Indicator.objects.filter(node__plan_id__in=in_plans)
    rules = indicator_filters(recent_since)
    per_plan = _counts_per_plan(of_plans, rules)
    wanted: dict[str, list[int]] = {}
    node_ids: set[int] = set()
    for key in INDICATOR_SECTIONS:
        shown = _show(report, key, sum(counts[key] for counts in per_plan.values()), shown_as)
        page = _page_of(of_plans.filter(rules[key]), key, per_plan, shown) if shown.count else []
        wanted[key] = [pk for pk, _node in page]
        node_ids.update(node for _pk, node in page)
    if not node_ids:
        return
    results = result_refs(ResultNode.objects.filter(pk__in=node_ids), plan_by_id, tiers)
    rows = Indicator.objects.filter(pk__in={pk for ids in wanted.values() for pk in ids})
    by_id = {row.reference.id: row for row in indicator_rows(rows, results)}
    value_year = (str(_("value")), str(_("year")))
    for pk in wanted[GapSection.OFF_TRACK]:
        row = by_id[pk]
        assert row.latest is not None  # the rule asks for a latest value
        report.off_track.append(OffTrackIndicator(row.reference, row.numbers, row.latest))
    for pk in wanted[GapSection.NO_RECENT_DATA]:
        row = by_id[pk]
        report.no_recent_data.append(StaleIndicator(row.reference, row.latest))
    for pk in wanted[GapSection.NO_BASELINE]:
        ref = by_id[pk].reference
        missing = _missing(ref.baseline_value, ref.baseline_year, value_year)
        report.no_baseline.append(MissingField(ref, missing))
    for pk in wanted[GapSection.NO_TARGET]:
        ref = by_id[pk].reference
        report.no_target.append(MissingField(ref, _missing(ref.target_value, ref.target_year, value_year)))


def _counts_per_plan(of_plans: QuerySet[Indicator], rules: dict[str, Q]) -> dict[int, dict[str, int]]:
    """Each list's number of indicators in each plan, by plan id in ascending order (the framework order's first
    key), in one pass over the indicators; the verdicts they lack are stored first (counted in the same pass)."""
    aggregates = {key: Count("pk", filter=rule) for key, rule in rules.items()}

    def count() -> list[dict[str, Any]]:
        return list(
            of_plans.values("node__plan_id")
            .annotate(**aggregates, missing=Count("pk", filter=verdicts.missing_filter()))
            .order_by("node__plan_id")
        )

    rows = count()
    if any(row["missing"] for row in rows):
        verdicts.fill_missing(of_plans)
        rows = count()
    return {row["node__plan_id"]: row for row in rows}


def _page_of(
    matching: QuerySet[Indicator], key: str, per_plan: dict[int, dict[str, int]], shown: Shown
) -> list[tuple[int, int]]:
    """(id, result id) of the rows `shown`, read from the few plans they are in: no sort of every matching row."""
    plan_ids: list[int] = []
    before = seen = 0
    for plan_id, counts in per_plan.items():  # ascending plan ids, as the rows are ordered
        number = counts[key]
        if number and seen + number > shown.start and seen < shown.stop:
            if not plan_ids:
                before = seen
            plan_ids.append(plan_id)
        seen += number
    start = shown.start - before
    return list(
        matching.filter(node__plan_id__in=plan_ids)
        .order_by(*FRAMEWORK_ORDER)
        .values_list("pk", "node_id")[start : start + shown.per_page]
    )


def _result_lists(
    report: GapReport,
    in_plans: Any,
    plan_by_id: dict[int, PlanRef],
    tiers: dict[int, list[str]],
    today: datetime.date,
    shown_as: ShownAs,
) -> None:
    """Overdue results (counted and cut in the database), results without indicators (read and cut here: the
    activity tier depends on each plan's tiers; only results without an indicator are read)."""
    of_plans = ResultNode.objects.filter(plan_id__in=in_plans)
    overdue = of_plans.filter(due_date__lt=today).exclude(status__in=FINISHED)
    shown = _show(report, GapSection.OVERDUE, overdue.count(), shown_as)
    if shown.count:
        page = list(
            overdue.order_by("due_date", "plan__title", "plan_id", "level", "position", "pk").values_list(
                "pk", flat=True
            )[shown.start : shown.stop]
        )
        refs = result_refs(ResultNode.objects.filter(pk__in=page), plan_by_id, tiers)
        for pk in page:
            result, _parent, due_date, status = refs[pk]
            assert due_date is not None
            report.overdue.append(OverdueResult(result, due_date, status, (today - due_date).days))

    unmeasured = of_plans.filter(~Exists(Indicator.objects.filter(node_id=OuterRef("pk"))))
    listed = [
        result
        for result, _parent, _due, _status in result_refs(unmeasured, plan_by_id, tiers).values()
        if not _is_activity(result.level, tiers[result.plan.id])
    ]
    report.results_without_indicators = _cut(report, GapSection.RESULTS_WITHOUT_INDICATORS, listed, shown_as)


def _funding_lists(
    report: GapReport,
    in_plans: Any,
    plan_by_id: dict[int, PlanRef],
    tiers: dict[int, list[str]],
    shown_as: ShownAs,
) -> None:
    """Under-funded lines (their totals over every line) and plans whose activities have no line; the activities
    are counted per plan and tier in the database."""
    levels = (
        ResultNode.objects.filter(plan_id__in=in_plans)
        .values_list("plan_id", "level")
        .annotate(number=Count("pk"))
        .order_by()
    )
    activities: dict[int, int] = defaultdict(int)
    for plan_id, level, number in levels:
        if _is_activity(level, tiers[plan_id]):
            activities[plan_id] += number
    budget_nodes = ResultNode.objects.filter(plan_id__in=in_plans, budget_lines__isnull=False).distinct()
    results = result_refs(budget_nodes, plan_by_id, tiers)
    _funding_gaps(report, in_plans, plan_by_id, results, tiers, activities=activities)
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for line in report.underfunded:
        totals[line.currency] += line.gap
    report.funding_totals = dict(sorted(totals.items()))
    for key in (GapSection.UNDERFUNDED, GapSection.NO_BUDGET):
        setattr(report, key, _cut(report, key, report.section(key), shown_as))
