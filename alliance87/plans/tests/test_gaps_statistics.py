"""The gap report on SQLite once the planner has statistics: its off-track list starts from the plans shown.

Without statistics (`sqlite_stat1`) SQLite guessed that the verdict category narrowed most, and read the first page
of the off-track list starting from every off-track verdict of every plan (0.24–0.36 s over 500 plans); with them it
starts from the results of the few plans the page shows (~1 ms). `core.sqlite` keeps them: after `migrate`, and
when a connection closes (`PRAGMA optimize`).
"""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alliance87.core.assessment import ProgressCategory
from alliance87.core.sqlite import optimize
from alliance87.plans.gaps import bounded
from alliance87.plans.models import Indicator, IndicatorVerdict, ResultNode

from .test_gaps import TODAY, make_plan

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL analyses tables itself")

CATEGORIES = [
    ProgressCategory.TARGET_MISSED,
    ProgressCategory.DETERIORATION,
    ProgressCategory.LIMITED_PROGRESS,
    ProgressCategory.SUBSTANTIAL_PROGRESS,
]


def _plans_with_verdicts(world, *, plans: int, indicators: int) -> None:
    """Plans of `indicators` indicators each, most of them off track, written in bulk (verdicts included)."""
    for n in range(plans):
        plan = make_plan(f"plan-{n}", owner_body=world.supply_chains)
        goal = ResultNode.objects.create(plan=plan, level=0, code="1", title="Goal")
        outcome = ResultNode.objects.create(plan=plan, parent=goal, level=1, code="1.1", title="Outcome")
        created = Indicator.objects.bulk_create(
            Indicator(node=outcome, code=str(i), title=f"Indicator {i}", position=i)
            for i in range(indicators)
        )
        IndicatorVerdict.objects.bulk_create(
            IndicatorVerdict(
                indicator=indicator,
                category=CATEGORIES[i % len(CATEGORIES)],
                latest_period_end=datetime.date(2025, 12, 31),
            )
            for i, indicator in enumerate(created)
        )


def _off_track_query_plan() -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        page = bounded.gap_report_page(user=AnonymousUser(), today=TODAY)
    assert page.off_track
    [sql] = [
        q["sql"] for q in queries.captured_queries if '"category" IN' in q["sql"] and "LIMIT" in q["sql"]
    ]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        return [row[-1] for row in cursor.fetchall()]


def test_the_off_track_list_starts_from_the_plans_shown_once_the_closing_connection_has_analysed(world):
    _plans_with_verdicts(world, plans=40, indicators=50)
    _off_track_query_plan()  # the report's queries ask the planner about these tables
    optimize(connection.connection)  # what the connection does when it closes (`core.sqlite.base`)
    with connection.cursor() as cursor:
        cursor.execute("SELECT DISTINCT tbl FROM sqlite_stat1")
        analysed = {row[0] for row in cursor.fetchall()}
    assert {"plans_indicator", "plans_resultnode", "plans_indicatorverdict"} <= analysed

    plan = _off_track_query_plan()
    assert "plans_resultnode" in plan[0] and "plan_id" in plan[0], plan  # the shown plans' results first
    assert not any("category" in step for step in plan), plan  # not every off-track verdict
