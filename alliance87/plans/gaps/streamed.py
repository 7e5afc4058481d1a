"""The whole cross-plan gap report as rows read a few plans at a time: what the CSV download streams.

`selectors.gap_report` holds every row of every list in memory at once (131,000 rows over 450 plans: most of a
384 MB process). The CSV needs them one after the other, in the report's order: list by list, and within an
indicator list the framework order, whose first key is the plan. So the indicator lists are read
`PLANS_PER_CHUNK` plans at a time with the page's rules (`bounded.indicator_filters`), and only the other lists,
far shorter (overdue results, funding gaps, results without indicators), are built whole first, as the page
builds them (from the counts stored per plan, `gap_counts`). The rows and their order are the whole report's (`tests/test_gaps_download.py` compares the files).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from django.utils import timezone

from alliance87.accounts.types import Person

from .. import verdicts
from ..models import Indicator, ResultNode
from .bounded import (
    INDICATOR_SECTIONS,
    PlanRefs,
    Shown,
    _funding_lists,
    _result_lists,
    counts_per_plan,
    indicator_filters,
    indicator_items,
)
from .report import GapFilters, GapReport, GapSection, PlanRef, months_before
from .selectors import _plans, filtered_plans, indicator_rows, result_refs

#: Plans whose indicators are read at once (at 200 indicators a plan: some 5,000 rows).
PLANS_PER_CHUNK = 25


def gap_rows(
    *, user: Person, filters: GapFilters | None = None, today: datetime.date | None = None
) -> Iterator[tuple[str, Any]]:
    """Every row of the report as (list key, entry), in the whole report's order (`selectors.gap_report`).

    The plans, the verdicts they lack and the short lists are read now (an error is raised here, before any row
    is sent); the indicator lists as the rows are taken.
    """
    filters = filters or GapFilters()
    today = today or timezone.localdate()
    recent_since = months_before(today, filters.recent_months)
    report = GapReport(today=today, recent_since=recent_since, filters=filters)
    plans = filtered_plans(user, filters)
    plan_by_id, tiers, in_plans = _plans(report, plans)
    if not plan_by_id:
        return iter(())
    verdicts.fill_missing(Indicator.objects.filter(node__plan_id__in=in_plans))
    per_plan = counts_per_plan(plans, in_plans, recent_since, today)

    def everything(key: str, count: int) -> Shown:
        return Shown(key, count, 1, max(count, 1))

    refs = PlanRefs(plans)
    refs.add((plan, tiers[plan.id]) for plan in report.plans)
    _result_lists(report, per_plan, in_plans, refs, today, everything)
    _funding_lists(report, per_plan, plans, in_plans, refs, everything)
    return _rows(report, plan_by_id, tiers, recent_since)


def _rows(
    report: GapReport,
    plan_by_id: dict[int, PlanRef],
    tiers: dict[int, list[str]],
    recent_since: datetime.date,
) -> Iterator[tuple[str, Any]]:
    rules = indicator_filters(recent_since)
    plan_ids = sorted(plan_by_id)
    for key in GapSection.ORDER:
        if key not in INDICATOR_SECTIONS:
            for item in report.section(key):
                yield key, item
            continue
        for start in range(0, len(plan_ids), PLANS_PER_CHUNK):
            chunk = plan_ids[start : start + PLANS_PER_CHUNK]
            matching = Indicator.objects.filter(node__plan_id__in=chunk).filter(rules[key])
            results = result_refs(ResultNode.objects.filter(plan_id__in=chunk), plan_by_id, tiers)
            for item in indicator_items(key, indicator_rows(matching, results)):
                yield key, item
