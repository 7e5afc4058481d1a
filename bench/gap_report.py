"""Time the implementation-gap report over 100 plans × 200 indicators × 10 periods (prints figures; not a test).

Run from the repository root:

    DJANGO_SETTINGS_MODULE=alliance87.settings.dev .venv/bin/python bench/gap_report.py

It builds a fresh SQLite database under var/bench/ (never the development database), then prints the build time,
the median and 95th percentile of the cross-plan gap report, and the time to render the page of one plan with 500
indicators (the plan page if `plans:detail` exists, and the plan's gap page).
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import time
from decimal import Decimal

from database import prepare_database

prepare_database("gap_report", own_file=True)  # a fresh file, never the development database
os.environ["PAGE_CACHE"] = "off"  # time the pages rendered, not served from the visitors' cache

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import AnonymousUser  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402

from alliance87.accounts.models import User  # noqa: E402
from alliance87.bodies.models import Body, BodyKind  # noqa: E402
from alliance87.plans.gaps import GapFilters, gap_report  # noqa: E402
from alliance87.plans.gaps.bounded import gap_report_page  # noqa: E402
from alliance87.plans.models import (  # noqa: E402
    BudgetLine,
    Direction,
    Indicator,
    IndicatorValue,
    NodeStatus,
    Plan,
    PlanStatus,
    ReportingPeriod,
    ResultNode,
    ValueOrigin,
    ValueStatus,
)
from alliance87.plans.verdicts import BATCH_SIZE, refresh, refresh_all  # noqa: E402

TODAY = datetime.date(2026, 6, 30)
FIRST_YEAR = 2016


def _framework(plan: Plan, indicator_count: int, periods: int) -> tuple[int, int, int]:
    """A goal, 4 outcomes, 8 outputs and 16 activities; indicators spread over outcomes and outputs."""
    goal = ResultNode.objects.create(plan=plan, level=0, code="G", title="Goal")
    outcomes = ResultNode.objects.bulk_create(
        ResultNode(plan=plan, parent=goal, level=1, position=i, code=f"{i + 1}", title=f"Outcome {i + 1}")
        for i in range(4)
    )
    outputs = ResultNode.objects.bulk_create(
        ResultNode(
            plan=plan,
            parent=outcomes[i // 2],
            level=2,
            position=i,
            code=f"{i // 2 + 1}.{i % 2 + 1}",
            title=f"Output {i + 1}",
        )
        for i in range(8)
    )
    activities = ResultNode.objects.bulk_create(
        ResultNode(
            plan=plan,
            parent=outputs[i // 2],
            level=3,
            position=i,
            code=f"A{i + 1}",
            title=f"Activity {i + 1}",
            due_date=datetime.date(2025 + i % 3, 3, 31),
            status=NodeStatus.COMPLETED if i % 4 == 0 else NodeStatus.IN_PROGRESS,
        )
        for i in range(16)
    )
    measured = [*outcomes, *outputs]
    indicators = Indicator.objects.bulk_create(
        Indicator(
            node=measured[i % len(measured)],
            position=i,
            code=f"I{i + 1}",
            title=f"Indicator {i + 1}",
            direction=Direction.DECREASE if i % 3 == 0 else Direction.INCREASE,
            baseline_value=None if i % 17 == 0 else Decimal(100),
            baseline_year=FIRST_YEAR - 1,
            target_value=None if i % 13 == 0 else Decimal(60 if i % 3 == 0 else 200),
            target_year=2030,
            source="Bench source",
            unit="people",
        )
        for i in range(indicator_count)
    )
    period_rows = ReportingPeriod.objects.bulk_create(
        ReportingPeriod(
            indicator=indicator,
            start=datetime.date(FIRST_YEAR + p, 1, 1),
            end=datetime.date(FIRST_YEAR + p, 12, 31),
            target_value=Decimal(100 + p),
        )
        for indicator in indicators
        for p in range(periods)
    )
    values = IndicatorValue.objects.bulk_create(
        IndicatorValue(
            period=period,
            value=Decimal(100 + (n % 7) * (1 if n % 5 else -1) * (n % periods)),
            status=ValueStatus.APPROVED if n % 10 else ValueStatus.SUBMITTED,
            origin=ValueOrigin.IMPORT,
            source="Bench survey",
        )
        for n, period in enumerate(period_rows)
    )
    BudgetLine.objects.bulk_create(
        BudgetLine(
            plan=plan,
            node=activity,
            year=year,
            planned=Decimal(10000),
            committed=Decimal(10000 if (i + year) % 3 else 2500),
        )
        for i, activity in enumerate(activities)
        for year in (2025, 2026)
    )
    return len(indicators), len(period_rows), len(values)


def build(plan_count: int, indicator_count: int, periods: int) -> Plan:
    owners = [
        Body.objects.create(kind=BodyKind.ACTION_GROUP, name=f"Bench Action Group {i}", slug=f"bench-ag-{i}")
        for i in range(4)
    ]
    totals = [0, 0, 0]
    with transaction.atomic():
        for n in range(plan_count):
            plan = Plan.objects.create(
                title=f"Bench plan {n:03d}",
                slug=f"bench-plan-{n:03d}",
                owner_body=owners[n % 4],
                period_start=datetime.date(FIRST_YEAR, 1, 1),
                period_end=datetime.date(2030, 12, 31),
                status=PlanStatus.DRAFT if n % 10 == 0 else PlanStatus.IN_IMPLEMENTATION,
            )
            for i, count in enumerate(_framework(plan, indicator_count, periods)):
                totals[i] += count
        big = Plan.objects.create(
            title="Bench plan with 500 indicators",
            slug="bench-plan-big",
            owner_body=owners[0],
            period_start=datetime.date(FIRST_YEAR, 1, 1),
            period_end=datetime.date(2030, 12, 31),
            status=PlanStatus.IN_IMPLEMENTATION,
        )
        _framework(big, 500, periods)
    print(
        f"  built {plan_count} plans, {totals[0]} indicators, {totals[1]} periods, {totals[2]} values "
        "(+ one plan of 500 indicators)"
    )
    return big


def timed(function, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def summary(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (
        f"median {statistics.median(ordered) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms over {len(ordered)} runs"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=100)
    parser.add_argument("--indicators", type=int, default=200)
    parser.add_argument("--periods", type=int, default=10)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    print(f"Database: {settings.DATABASES['default']['NAME']}")
    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrate: {time.perf_counter() - start:.1f} s")

    start = time.perf_counter()
    big = build(args.plans, args.indicators, args.periods)
    print(f"build: {time.perf_counter() - start:.1f} s")

    # bulk_create goes around the services, so the stored verdicts are computed once here, as
    # `alliance87 refresh_verdicts` would after a bulk load; the services keep them up to date afterwards.
    start = time.perf_counter()
    stored = sum(1 for _batch in refresh_all())
    print(
        f"store every indicator's verdict (refresh_verdicts): {time.perf_counter() - start:.1f} s "
        f"({stored} batches of {BATCH_SIZE})"
    )
    indicator = Indicator.objects.filter(node__plan=big).first()
    approve = timed(lambda: refresh([indicator.pk]), args.runs)
    print(f"store one indicator's verdict (what approving a value adds): {summary(approve)}")

    secretariat = User.objects.create_user(
        username="bench@example.org", email="bench@example.org", is_secretariat=True
    )
    for label, user in (
        ("anonymous (public plans)", AnonymousUser()),
        ("secretariat (all plans)", secretariat),
    ):
        with CaptureQueriesContext(connection) as queries:
            report = gap_report(user=user, filters=GapFilters(), today=TODAY)
        counts = ", ".join(f"{key} {len(rows)}" for key, _label, rows in report.sections())
        print(
            f"gap report, {label}: {len(report.plans)} plans, {len(queries.captured_queries)} queries; {counts}"
        )
        print("  " + summary(timed(lambda user=user: gap_report(user=user, today=TODAY), args.runs)))
        with CaptureQueriesContext(connection) as queries:
            page = gap_report_page(user=user, today=TODAY)
        print(
            f"the report's page (counts and first rows), {label}: {len(queries.captured_queries)} queries; "
            + ", ".join(f"{key} {count}" for key, _label, count in page.summary())
        )
        print("  " + summary(timed(lambda user=user: gap_report_page(user=user, today=TODAY), args.runs)))

    visitor = Client(HTTP_HOST="localhost")
    for label, path in (
        ("cross-plan gap page /plans/gaps/, anonymous", "/plans/gaps/"),
        ("one list's page 2, anonymous", "/plans/gaps/?section=no_recent_data&page=2"),
    ):
        if visitor.get(path).status_code == 200:
            print(f"{label}: {summary(timed(lambda path=path: visitor.get(path), args.runs))}")

    client = Client(HTTP_HOST="localhost")
    client.force_login(secretariat)
    pages = [("plan gap page", "plans:plan_gaps"), ("plan page", "plans:detail")]
    for label, name in pages:
        try:
            url = reverse(name, kwargs={"slug": big.slug})
        except NoReverseMatch:
            print(f"{label}: skipped, the URL {name!r} does not exist yet")
            continue
        try:
            response = client.get(url)
        except Exception as error:  # the page is someone else's work in progress: report, don't stop
            print(f"{label}: skipped, {url} failed: {type(error).__name__}: {error}")
            continue
        if response.status_code != 200:
            print(f"{label}: skipped, {url} answered {response.status_code}")
            continue
        print(
            f"{label} ({url}, 500 indicators): {summary(timed(lambda url=url: client.get(url), args.runs))}"
        )


if __name__ == "__main__":
    main()
