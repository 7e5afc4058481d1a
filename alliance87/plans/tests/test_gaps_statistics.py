"""The gap report on SQLite once the planner has statistics: no query of the page starts from every verdict.

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
from alliance87.countries.models import PathfinderCountry
from alliance87.plans.gaps import bounded
from alliance87.plans.models import Indicator, IndicatorVerdict, ResultNode
from alliance87.plans.selectors import plan_list

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


def _page_query_plans() -> list[list[str]]:
    """The query plan of every query the cross-plan page runs."""
    with CaptureQueriesContext(connection) as queries:
        page = bounded.gap_report_page(user=AnonymousUser(), today=TODAY)
    assert page.off_track
    plans = []
    with connection.cursor() as cursor:
        for query in queries.captured_queries:
            if query["sql"].lstrip().upper().startswith("SELECT"):
                cursor.execute(f"EXPLAIN QUERY PLAN {query['sql']}")
                plans.append([row[-1] for row in cursor.fetchall()])
    return plans


def test_the_page_never_starts_from_every_verdict_once_the_tables_are_analysed(world):
    """With statistics (what `migrate` and a closing connection keep: `core/tests` checks those hooks), no query plan
    of the page starts from the verdicts' category index."""
    _plans_with_verdicts(world, plans=40, indicators=50)
    with connection.cursor() as cursor:
        for table in ("plans_indicator", "plans_resultnode", "plans_indicatorverdict", "plans_plan"):
            cursor.execute(f"ANALYZE {table}")
    for plan in _page_query_plans():
        # The off-track rows are read from the few plans shown (`bounded._page_of`), never by the verdicts'
        # category index, which would start from every off-track verdict of every plan.
        assert not any("category" in step for step in plan), plan


def test_a_countrys_plans_are_found_through_its_own_index_once_analysed(world):
    """Most plans belong to a body: counted as one value, their empty country made the foreign-key index look
    unselective, and SQLite walked the list-order index of every plan for a country's few."""
    for n in range(60):
        make_plan(f"body-plan-{n}", owner_body=world.supply_chains)
    country, _created = PathfinderCountry.objects.get_or_create(country="MG")
    make_plan("country-plan", owner_country=country)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE plans_plan")
    query = plan_list(AnonymousUser(), owner_country=country)
    assert [plan.slug for plan in query] == ["country-plan"]
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(row[-1] for row in cursor.fetchall())
    assert "plans_plan_country_idx" in plan, plan
