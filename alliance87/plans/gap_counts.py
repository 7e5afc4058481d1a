"""Each plan's counts for the gap report's lists, stored with what they rest on.

The cross-plan gap page shows how many indicators are off track, without recent data, without a baseline and
without a target, how many results are overdue or lack an indicator, and which plans' activities have no budget
line, across every plan a reader may see: at 5,000 plans of 200 indicators and 5 results, counting them is a pass
over a million indicators with their verdicts and every result. So each plan's counts are stored
(`PlanGapCounts`, and for "no recent data", whose window the reader chooses, its indicators counted by the date of
their latest value: `PlanLastValueCount`), and the page adds up a row or two per plan.

"Overdue" depends on the day: a plan's count is stored with the days it holds for (`overdue_latest_due`: the
latest due date it counts, `next_due`: the earliest due date of an unfinished result it does not count), so it
stays exact from one day to the next until one of its results falls due; then the plan is stale (`stale_filter`)
and counted again, by the scheduled task after midnight (`verdicts.refresh_stale_counts`) or by the page.

`store` recounts whole plans from their indicators, stored verdicts and results, in the caller's transaction. It
runs wherever those change: `verdicts.refresh` (every service, import, admin change, the demo loader and
`alliance87 refresh_verdicts` store verdicts through it) counts the plans of the indicators it stores; the services
that add, change, move or delete a result or change a plan's tiers, and the admin's result doors, count their plan
again. Data written around all of them: `alliance87 refresh_verdicts`; the page itself stores the counts of a plan
that has none, whose count says verdicts are missing or from an earlier year, or whose overdue count no longer
holds today (`stale`).

Each list's rule is written once, here (`indicator_rules`, `FINISHED`, `activity_level`): the page's rows
(`gaps.bounded`) use the same filters, and `tests/test_gap_counts.py` checks the stored counts against the whole
report (`gaps.selectors.gap_report`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import Count, Exists, Max, Min, OuterRef, Q
from django.utils import timezone

from alliance87.core.assessment import ProgressCategory

from .models import (
    DEFAULT_TIER_NAMES,
    Indicator,
    Measure,
    NodeStatus,
    Plan,
    PlanGapCounts,
    PlanLastValueCount,
    ResultNode,
)

#: The verdicts that put an indicator on the off-track list.
OFF_TRACK = (
    ProgressCategory.TARGET_MISSED,
    ProgressCategory.DETERIORATION,
    ProgressCategory.LIMITED_PROGRESS,
)
OFF_TRACK_LIST = "off_track"
NO_RECENT_DATA_LIST = "no_recent_data"
NO_BASELINE_LIST = "no_baseline"
NO_TARGET_LIST = "no_target"
#: Results with these statuses are no longer due.
FINISHED = (NodeStatus.COMPLETED, NodeStatus.CANCELLED)
#: Plans recounted per round of queries (bounds each query's list of ids).
BATCH_SIZE = 200


def indicator_rules(recent_since: datetime.date) -> dict[str, Q]:
    """Each indicator list's rule (`gaps.selectors._indicator_gaps`) as a filter over indicators with stored
    verdicts; `recent_since`: the first day that counts as recent."""
    quantitative = ~Q(measure=Measure.QUALITATIVE)
    return {
        OFF_TRACK_LIST: quantitative
        & Q(verdict__latest_period_end__isnull=False)
        & Q(verdict__category__in=[category.value for category in OFF_TRACK]),
        # A plan that started less than the recent window ago is not yet expected to have reported.
        NO_RECENT_DATA_LIST: Q(node__plan__period_start__lte=recent_since)
        & (Q(verdict__latest_period_end__isnull=True) | Q(verdict__latest_period_end__lt=recent_since)),
        NO_BASELINE_LIST: quantitative & (Q(baseline_value__isnull=True) | Q(baseline_year__isnull=True)),
        NO_TARGET_LIST: quantitative & (Q(target_value__isnull=True) | Q(target_year__isnull=True)),
    }


def activity_level(tier_names: Sequence[str] | None) -> int | None:
    """The level of a plan's activities: the lowest tier of a framework with three tiers or more (Goal, Outcome,
    Output, Activity); none in a shorter framework. Activities are followed by their due date and status and
    their budget lines, not by indicators."""
    count = len(tier_names or DEFAULT_TIER_NAMES)
    return count - 1 if count >= 3 else None


def store(plan_ids: Iterable[int], *, today: datetime.date | None = None) -> None:
    """Count these plans' indicators and results again and store the counts (plans that no longer exist are
    skipped); "overdue" is counted for `today` (by default the current date) and holds until a result falls due.

    Each plan's counts row is written (and so locked, on PostgreSQL) before its indicators are counted: two
    transactions storing counts of one plan count one after the other, the second on data that includes the
    first's (as `verdicts.refresh` does with the indicators it locks).
    """
    wanted = sorted(set(plan_ids))
    today = today or timezone.localdate()
    for start in range(0, len(wanted), BATCH_SIZE):
        _store(wanted[start : start + BATCH_SIZE], today)


def _store(batch: list[int], today: datetime.date) -> None:
    ids = list(Plan.objects.filter(pk__in=batch).order_by("pk").values_list("pk", flat=True))
    if not ids:
        return
    PlanGapCounts.objects.bulk_create(
        [PlanGapCounts(plan_id=pk) for pk in ids],
        update_conflicts=True,
        unique_fields=["plan"],
        update_fields=["computed_at"],
    )
    rules = indicator_rules(datetime.date.min)
    of_plans = Indicator.objects.filter(node__plan_id__in=ids)
    counted = {
        row["node__plan_id"]: row
        for row in of_plans.values("node__plan_id")
        .annotate(
            number=Count("pk"),
            off=Count("pk", filter=rules[OFF_TRACK_LIST]),
            baseline=Count("pk", filter=rules[NO_BASELINE_LIST]),
            target=Count("pk", filter=rules[NO_TARGET_LIST]),
            without=Count("pk", filter=Q(verdict__isnull=True)),
            oldest=Min("verdict__computed_at"),
        )
        .order_by()
    }
    results = _result_counts(ids, today)
    rows = []
    for pk in ids:
        row = counted.get(pk, {})
        rows.append(
            PlanGapCounts(
                plan_id=pk,
                indicators=row.get("number", 0),
                off_track=row.get("off", 0),
                no_baseline=row.get("baseline", 0),
                no_target=row.get("target", 0),
                missing=row.get("without", 0),
                oldest_verdict=row.get("oldest"),
                **results.get(pk, {}),
            )
        )
    PlanGapCounts.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["plan"],
        update_fields=[
            "indicators",
            "off_track",
            "no_baseline",
            "no_target",
            "missing",
            "oldest_verdict",
            *RESULT_FIELDS,
        ],
    )
    PlanLastValueCount.objects.filter(plan_id__in=ids).delete()
    PlanLastValueCount.objects.bulk_create(
        PlanLastValueCount(plan_id=plan_id, latest_period_end=end, indicators=number)
        for plan_id, end, number in of_plans.values_list("node__plan_id", "verdict__latest_period_end")
        .annotate(number=Count("pk"))
        .order_by()
    )


#: The counts of a plan's results (`PlanGapCounts`), all zero or empty for a plan without results.
RESULT_FIELDS = ("unmeasured", "activities", "overdue", "overdue_latest_due", "next_due")


def _result_counts(ids: list[int], today: datetime.date) -> dict[int, dict[str, Any]]:
    """Per plan: its results above the activity tier without an indicator, its activities, and its unfinished
    results due before `today` with the days that count holds for (`overdue_latest_due` < day <= `next_due`)."""
    tiers = dict(Plan.objects.filter(pk__in=ids).values_list("pk", "tier_names"))
    of_plans = ResultNode.objects.filter(plan_id__in=ids)
    counts: dict[int, dict[str, Any]] = {pk: dict.fromkeys(RESULT_FIELDS) for pk in ids}
    for row in counts.values():
        row.update(unmeasured=0, activities=0, overdue=0)
    measured = Exists(Indicator.objects.filter(node_id=OuterRef("pk")))
    for plan_id, level, number, unmeasured in (
        of_plans.values_list("plan_id", "level")
        .annotate(number=Count("pk"), unmeasured=Count("pk", filter=~Q(measured)))
        .order_by()
    ):
        activity = activity_level(tiers[plan_id])
        if activity is not None and level >= activity:
            counts[plan_id]["activities"] += number
        else:
            counts[plan_id]["unmeasured"] += unmeasured
    for plan_id, overdue, latest, upcoming in (
        of_plans.filter(due_date__isnull=False)
        .exclude(status__in=FINISHED)
        .values_list("plan_id")
        .annotate(
            overdue=Count("pk", filter=Q(due_date__lt=today)),
            latest=Max("due_date", filter=Q(due_date__lt=today)),
            upcoming=Min("due_date", filter=Q(due_date__gte=today)),
        )
        .order_by()
    ):
        counts[plan_id].update(overdue=overdue, overdue_latest_due=latest, next_due=upcoming)
    return counts


def plans_of(indicator_ids: Iterable[int]) -> set[int]:
    """The plans of these indicators (those that still exist)."""
    ids = list(indicator_ids)
    plans: set[int] = set()
    for start in range(0, len(ids), 500):
        plans.update(
            Indicator.objects.filter(pk__in=ids[start : start + 500])
            .values_list("node__plan_id", flat=True)
            .distinct()
        )
    return plans


def stale_filter(today: datetime.date | None = None) -> Q:
    """Plans whose stored counts must be stored again (their verdicts first) before they are read on `today` (by
    default the current date): none stored yet, some verdicts missing, or some computed in an earlier year (a
    target year may have ended since: "Target missed" is judged against today), or an overdue count that does
    not hold on `today` (a result has fallen due since it was counted)."""
    today = today or timezone.localdate()
    start_of_year = timezone.make_aware(datetime.datetime(timezone.localdate().year, 1, 1))
    return (
        Q(gap_counts__isnull=True)
        | Q(gap_counts__missing__gt=0)
        | Q(gap_counts__oldest_verdict__lt=start_of_year)
        | Q(gap_counts__overdue_latest_due__gte=today)
        | Q(gap_counts__next_due__lt=today)
    )
