"""The cross-plan gap report as a page: every list's count, and a bounded number of its rows.

Over 500 plans of 200 indicators the report's lists hold tens of thousands of rows (every indicator of a plan
that has not reported this year is "without recent data"); building them all in Python and rendering them on one
page took more than a minute. The page needs the count of each list and the rows it shows: the indicator lists'
counts are added up from the counts stored per plan with the verdicts (`plans.gap_counts`: a row or two per plan,
never a pass over the indicators), the rows come from a query per list with a limit and an offset, read from the
few plans they fall in, in the framework order the whole report uses. Every row stays reachable: each list has pages of its own
(`?section=<key>&page=<n>`), and the CSV download holds every row (`selectors.gap_report`).

The rules are those of `selectors` (the whole report, used by the CSV, the plan's own gap page and the
benchmarks); here they are written as filters the database applies. `tests/test_gaps.py` checks that the page's
counts and rows are the whole report's.
"""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import gap_counts, verdicts
from ..models import (
    Indicator,
    Plan,
    PlanGapCounts,
    PlanLastValueCount,
    ResultNode,
)
from .report import (
    FundingGap,
    GapFilters,
    GapReport,
    GapSection,
    MissingField,
    OffTrackIndicator,
    OverdueResult,
    PlanRef,
    ResultRef,
    StaleIndicator,
    UnbudgetedPlan,
    months_before,
)
from .selectors import (
    MAX_LISTED_PLAN_IDS,
    IndicatorRow,
    _missing,
    filtered_plans,
    indicator_rows,
    plan_refs,
    result_refs,
    underfunded_lines,
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


def _show(report: GapReport, key: str, count: int, shown_as: ShownAs) -> Shown:
    """The rows of the list `key` (of `count` rows) the page shows; the report keeps them and the list's count."""
    shown = report.shown[key] = shown_as(key, count)
    report.totals[key] = count
    return shown


def indicator_filters(recent_since: datetime.date) -> dict[str, Q]:
    """Each indicator list's rule (`selectors._indicator_gaps`) as a filter over indicators with stored verdicts."""
    return gap_counts.indicator_rules(recent_since)


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
    count = plans.values("pk").count()  # DISTINCT over the ids, not over every column
    if not count:
        return report

    def shown(key: str, count: int) -> Shown:
        if key != section:
            return Shown(key, count, 1, FIRST_PLANS if key == PLANS else FIRST_ROWS)
        pages = max(1, math.ceil(count / SECTION_PAGE_ROWS))
        return Shown(key, count, min(max(page, 1), pages), SECTION_PAGE_ROWS, paged=True)

    summary = _show(report, PLANS, count, shown)
    refs = PlanRefs(plans)
    # The summary's plans: their ids by title first (two columns of every plan sorted, not every column joined
    # with its owner: 56 -> 20 ms over 5,000 plans as the Secretariat), then their references.
    shown_ids = list(plans.order_by("title", "pk").values_list("pk", flat=True)[summary.start : summary.stop])
    report.plans = refs.add(plan_refs(Plan.objects.filter(pk__in=shown_ids)))
    in_plans: Any = (
        list(plans.values_list("pk", flat=True)) if count <= MAX_LISTED_PLAN_IDS else plans.values("pk")
    )
    per_plan = counts_per_plan(plans, in_plans, recent_since, today)
    _indicator_lists(report, per_plan, refs, recent_since, shown)
    _result_lists(report, per_plan, in_plans, refs, today, shown)
    _funding_lists(report, per_plan, plans, in_plans, refs, shown)
    return report


class PlanRefs:
    """The report's plans by id with their tier names, read when a row shown needs them (a query per batch)."""

    def __init__(self, plans: QuerySet[Plan]) -> None:
        self.plans = plans
        self.by_id: dict[int, PlanRef] = {}
        self.tiers: dict[int, list[str]] = {}

    def add(self, refs: Iterable[tuple[PlanRef, list[str]]]) -> list[PlanRef]:
        added = []
        for reference, tiers in refs:
            self.by_id[reference.id], self.tiers[reference.id] = reference, tiers
            added.append(reference)
        return added

    def load(self, ids: Iterable[int]) -> None:
        """Read the plans among `ids` not read yet."""
        missing = set(ids) - self.by_id.keys()
        if missing:
            self.add(plan_refs(self.plans.filter(pk__in=missing)))

    def results(self, nodes: QuerySet[ResultNode]) -> dict[int, tuple[ResultRef, int | None, Any, str]]:
        return result_refs(nodes, self.by_id, self.tiers, load=self.load)


def _indicator_lists(
    report: GapReport,
    per_plan: PlanCounts,
    refs: PlanRefs,
    recent_since: datetime.date,
    shown_as: ShownAs,
) -> None:
    rules = indicator_filters(recent_since)
    wanted: dict[str, list[int]] = {}
    node_ids: set[int] = set()
    for key in INDICATOR_SECTIONS:
        shown = _show(report, key, per_plan.total(key), shown_as)
        page = _page_of(rules[key], key, per_plan, shown) if shown.count else []
        wanted[key] = [pk for pk, _node in page]
        node_ids.update(node for _pk, node in page)
    if not node_ids:
        return
    results = refs.results(ResultNode.objects.filter(pk__in=node_ids))
    rows = Indicator.objects.filter(pk__in={pk for ids in wanted.values() for pk in ids})
    by_id = {row.reference.id: row for row in indicator_rows(rows, results)}
    for key in INDICATOR_SECTIONS:
        report.section(key).extend(indicator_items(key, [by_id[pk] for pk in wanted[key]]))


def indicator_items(key: str, rows: Iterable[IndicatorRow]) -> list[Any]:
    """The entries of the indicator list `key` for these indicators (which its rule has selected)."""
    if key == GapSection.OFF_TRACK:
        return [OffTrackIndicator(row.reference, row.numbers, row.latest) for row in rows if row.latest]
    if key == GapSection.NO_RECENT_DATA:
        return [StaleIndicator(row.reference, row.latest) for row in rows]
    value_year = (str(_("value")), str(_("year")))
    if key == GapSection.NO_BASELINE:
        return [
            MissingField(
                row.reference, _missing(row.reference.baseline_value, row.reference.baseline_year, value_year)
            )
            for row in rows
        ]
    return [
        MissingField(
            row.reference, _missing(row.reference.target_value, row.reference.target_year, value_year)
        )
        for row in rows
    ]


#: The stored counts the page adds up, by list (`PlanGapCounts`' field of each), and the plan's activities.
ACTIVITIES = "activities"
STORED = {
    GapSection.OFF_TRACK: "off_track",
    GapSection.NO_BASELINE: "no_baseline",
    GapSection.NO_TARGET: "no_target",
    GapSection.OVERDUE: "overdue",
    GapSection.RESULTS_WITHOUT_INDICATORS: "unmeasured",
    ACTIVITIES: "activities",
}


def counts_per_plan(
    plans: QuerySet[Plan], in_plans: Any, recent_since: datetime.date, today: datetime.date
) -> PlanCounts:
    """Each list's number of rows in each plan (and its activities), by plan id in ascending order (the
    framework order's first key), added up from the counts stored per plan (`gap_counts`): a row or two per plan,
    never a pass over the indicators or results. Plans whose counts are missing, rest on missing or last year's
    verdicts, or whose overdue count does not hold today have their verdicts and counts stored first."""
    stale = list(plans.filter(gap_counts.stale_filter(today)).order_by().values_list("pk", flat=True))
    if stale:
        with transaction.atomic():
            verdicts.store_counts(stale, today=today)
    rows = (
        PlanGapCounts.objects.filter(plan_id__in=in_plans)
        .order_by("plan_id")
        .values_list("plan_id", *STORED.values())
    )
    recent = (
        PlanLastValueCount.objects.filter(plan_id__in=in_plans, plan__period_start__lte=recent_since)
        .filter(Q(latest_period_end__isnull=True) | Q(latest_period_end__lt=recent_since))
        .values_list("plan_id")
        .annotate(number=Sum("indicators"))
        .order_by()
    )
    no_recent_data = dict(recent)
    return PlanCounts([(pk, *numbers, no_recent_data.get(pk, 0)) for pk, *numbers in rows])


class PlanCounts:
    """Each list's number of rows in each plan, by plan id in ascending order: tuples of (plan id, the numbers in
    `PlanCounts.KEYS` order), not a dictionary per plan (5,000 plans at 10×)."""

    KEYS = (*STORED, GapSection.NO_RECENT_DATA)

    def __init__(self, rows: list[tuple[int, ...]]) -> None:
        self.rows = rows

    def total(self, key: str) -> int:
        column = self.KEYS.index(key) + 1
        return sum(row[column] for row in self.rows)

    def of(self, key: str) -> Iterator[tuple[int, int]]:
        """(plan id, number) of the plans with rows in the list `key`, in ascending plan id."""
        column = self.KEYS.index(key) + 1
        return ((row[0], row[column]) for row in self.rows if row[column])


def _page_of(rule: Q, key: str, per_plan: PlanCounts, shown: Shown) -> list[tuple[int, int]]:
    """(id, result id) of the rows `shown`, read from the few plans they are in: no sort of every matching row.

    The rule is read beside each indicator of those plans rather than filtered on: a filter on the verdict's
    category may lead SQLite (without statistics) to start from every verdict of that category.
    """
    plan_ids, start = _plans_holding(per_plan.of(key), shown)
    rows = (
        Indicator.objects.filter(node__plan_id__in=plan_ids)
        .annotate(listed=ExpressionWrapper(rule, output_field=BooleanField()))
        .order_by(*FRAMEWORK_ORDER)
        .values_list("pk", "node_id", "listed")
    )
    return [(pk, node_id) for pk, node_id, listed in rows if listed][start : start + shown.per_page]


def _result_lists(
    report: GapReport,
    per_plan: PlanCounts,
    in_plans: Any,
    refs: PlanRefs,
    today: datetime.date,
    shown_as: ShownAs,
) -> None:
    """Overdue results and results without indicators, counted per plan; the rows shown are read from the plans
    they fall in (overdue: the plans with any, sorted by due date; without indicators: the few plans holding the
    rows shown, in framework order)."""
    count = per_plan.total(GapSection.OVERDUE)
    shown = _show(report, GapSection.OVERDUE, count, shown_as)
    if shown.count:
        overdue = [pk for pk, _number in per_plan.of(GapSection.OVERDUE)]
        within = overdue if len(overdue) <= MAX_LISTED_PLAN_IDS else in_plans
        page = _overdue_page(ResultNode.objects.filter(plan_id__in=within), today, shown)
        refs_by_id = refs.results(ResultNode.objects.filter(pk__in=page))
        for pk in page:
            result, _parent, due_date, status = refs_by_id[pk]
            assert due_date is not None
            report.overdue.append(OverdueResult(result, due_date, status, (today - due_date).days))

    key = GapSection.RESULTS_WITHOUT_INDICATORS
    shown = _show(report, key, per_plan.total(key), shown_as)
    plan_ids, start = _plans_holding(per_plan.of(key), shown)
    if not plan_ids:
        return
    holding = set(plan_ids)
    among = plan_ids if len(plan_ids) <= MAX_LISTED_PLAN_IDS else in_plans  # the CSV's: every plan
    activity = {
        pk: gap_counts.activity_level(names)
        for pk, names in Plan.objects.filter(pk__in=among).order_by().values_list("pk", "tier_names")
    }
    rows = (
        ResultNode.objects.filter(plan_id__in=among)
        .filter(~Exists(Indicator.objects.filter(node_id=OuterRef("pk"))))
        .order_by("plan_id", "level", "position", "pk")
    )
    listed = [
        pk
        for pk, plan_id, level in rows.values_list("pk", "plan_id", "level")
        if plan_id in holding and level < (activity[plan_id] or level + 1)
    ][start : start + shown.per_page]
    results = refs.results(ResultNode.objects.filter(pk__in=listed))
    report.results_without_indicators = [results[pk][0] for pk in listed]


def _overdue_page(of_plans: QuerySet[ResultNode], today: datetime.date, shown: Shown) -> list[int]:
    """The ids of the overdue results `shown` (of the plans `of_plans`), by due date, plan title and framework
    order: the due date of the last row shown is read first, then only the rows due by that date are sorted."""
    overdue = of_plans.filter(due_date__lt=today).exclude(status__in=gap_counts.FINISHED)
    last = overdue.order_by("due_date").values_list("due_date", flat=True)[shown.stop - 1 : shown.stop]
    bounded = overdue.filter(due_date__lte=last[0]) if last else overdue
    return list(
        bounded.order_by("due_date", "plan__title", "plan_id", "level", "position", "pk").values_list(
            "pk", flat=True
        )[shown.start : shown.stop]
    )


def _plans_holding(per_plan: Iterable[tuple[int, int]], shown: Shown) -> tuple[list[int], int]:
    """The plans (ascending ids, `per_plan` their number of rows) holding the rows `shown`, and where the first of
    those rows is among theirs."""
    plan_ids: list[int] = []
    before = seen = 0
    for plan_id, number in per_plan:
        if seen >= shown.stop:
            break
        if number and seen + number > shown.start and seen < shown.stop:
            if not plan_ids:
                before = seen
            plan_ids.append(plan_id)
        seen += number
    return plan_ids, shown.start - before


def _funding_lists(
    report: GapReport,
    per_plan: PlanCounts,
    plans: QuerySet[Plan],
    in_plans: Any,
    refs: PlanRefs,
    shown_as: ShownAs,
) -> None:
    """Under-funded lines (their totals over every line) and plans whose activities have no line; activities are
    counted per plan (`gap_counts`), and only the plans and results of the rows shown are read."""
    activities = dict(per_plan.of(ACTIVITIES))
    gaps, budgeted = underfunded_lines(in_plans)
    currencies = dict(Plan.objects.filter(pk__in={gap[0] for gap in gaps}).values_list("pk", "currency"))
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for plan_id, _node, _year, planned, committed in gaps:
        totals[currencies[plan_id]] += planned - committed
    report.funding_totals = dict(sorted(totals.items()))
    shown = _show(report, GapSection.UNDERFUNDED, len(gaps), shown_as)
    page = gaps[shown.start : shown.stop]
    refs.load(gap[0] for gap in page)
    results = refs.results(ResultNode.objects.filter(pk__in={gap[1] for gap in page if gap[1]}))
    report.underfunded = [
        FundingGap(
            refs.by_id[plan_id], results[node][0] if node in results else None, year, planned, committed
        )
        for plan_id, node, year, planned, committed in page
    ]
    unbudgeted = {plan_id: n for plan_id, n in activities.items() if plan_id not in budgeted}
    shown = _show(report, GapSection.NO_BUDGET, len(unbudgeted), shown_as)
    if shown.count:
        ordered = [
            pk for pk in plans.order_by("title", "pk").values_list("pk", flat=True) if pk in unbudgeted
        ]
        listed = ordered[shown.start : shown.stop]
        refs.load(listed)
        report.no_budget = [UnbudgetedPlan(refs.by_id[pk], unbudgeted[pk]) for pk in listed]
