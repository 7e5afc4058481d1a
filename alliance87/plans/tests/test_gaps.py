"""The implementation-gap report: every kind of gap, the filters, who sees what, query counts and the CSV."""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve

from alliance87.core.assessment import ProgressCategory
from alliance87.core.tests.helpers import assert_queries_do_not_grow
from alliance87.plans import gap_counts, verdicts
from alliance87.plans.gaps import GapFilters, gap_report, months_before, plan_gap_report
from alliance87.plans.gaps import views as gap_views
from alliance87.plans.models import (
    BudgetLine,
    Direction,
    Indicator,
    IndicatorValue,
    NodeStatus,
    Plan,
    PlanStatus,
    ReportingPeriod,
    ResultNode,
    ValueStatus,
)

TODAY = datetime.date(2026, 6, 30)
D = datetime.date


def make_plan(slug: str, *, owner_body=None, owner_country=None, status=PlanStatus.ADOPTED, **extra) -> Plan:
    return Plan.objects.create(
        title=extra.pop("title", slug.replace("-", " ").title()),
        slug=slug,
        owner_body=owner_body,
        owner_country=owner_country,
        status=status,
        period_start=extra.pop("period_start", D(2020, 1, 1)),
        period_end=extra.pop("period_end", D(2028, 12, 31)),
        **extra,
    )


def node(plan: Plan, code: str, *, parent: ResultNode | None = None, **extra) -> ResultNode:
    level = 0 if parent is None else parent.level + 1
    extra.setdefault("title", f"Result {code}")
    created = ResultNode.objects.create(plan=plan, parent=parent, level=level, code=code, **extra)
    gap_counts.store([plan.pk])  # as the services do
    return created


def indicator(result: ResultNode, code: str, **extra) -> Indicator:
    defaults = {
        "title": f"Indicator {code}",
        "baseline_value": Decimal(100),
        "baseline_year": 2020,
        "target_value": Decimal(200),
        "target_year": 2030,
    }
    created = Indicator.objects.create(node=result, code=code, **{**defaults, **extra})
    verdicts.refresh([created.pk])  # as the services do
    return created


def report_value(
    ind: Indicator, year: int, value, *, status=ValueStatus.APPROVED, end=None, source=""
) -> None:
    period = ReportingPeriod.objects.create(indicator=ind, start=D(year, 1, 1), end=end or D(year, 12, 31))
    IndicatorValue.objects.create(
        period=period, value=None if value is None else Decimal(str(value)), status=status, source=source
    )
    verdicts.refresh([ind.pk])  # as the services do


def framework(plan: Plan) -> dict[str, ResultNode]:
    """Goal, outcome, output and activity, each measured except the activity."""
    goal = node(plan, "G")
    outcome = node(plan, "1", parent=goal)
    output = node(plan, "1.1", parent=outcome)
    activity = node(plan, "1.1.1", parent=output)
    return {"goal": goal, "outcome": outcome, "output": output, "activity": activity}


def ids(rows) -> set[int]:
    return {row.indicator.id for row in rows}


# --- Each kind of gap -------------------------------------------------------------------------------------------


def test_falling_indicator_is_off_track_on_approved_values_only(world):
    plan = make_plan("work-plan", owner_body=world.supply_chains)
    outcome = framework(plan)["outcome"]
    falling = indicator(outcome, "A", source="Survey")
    report_value(falling, 2022, 98, source="Survey 2022")
    report_value(falling, 2024, 95, source="Survey 2024")
    report_value(
        falling, 2025, 500, status=ValueStatus.SUBMITTED
    )  # would reach the target, but is not approved
    rising = indicator(outcome, "B")
    report_value(rising, 2024, 150)

    gaps = plan_gap_report(plan, today=TODAY)

    assert ids(gaps.off_track) == {falling.pk}
    row = gaps.off_track[0]
    assert row.assessment.category == ProgressCategory.DETERIORATION
    assert row.assessment.base_year == 2020  # the baseline is the first observation
    assert (row.latest.year, row.latest.value, row.latest.source) == (2024, Decimal(95), "Survey 2024")


def test_slow_progress_is_off_track_as_limited_progress(world):
    plan = make_plan("work-plan", owner_body=world.supply_chains)
    slow = indicator(framework(plan)["outcome"], "A", baseline_value=Decimal(100), target_value=Decimal(200))
    report_value(slow, 2024, 102)

    [row] = plan_gap_report(plan, today=TODAY).off_track

    assert row.assessment.category == ProgressCategory.LIMITED_PROGRESS


def test_decrease_indicator_falling_fast_enough_is_not_off_track(world):
    plan = make_plan("work-plan", owner_body=world.supply_chains)
    falling = indicator(
        framework(plan)["outcome"],
        "A",
        direction=Direction.DECREASE,
        target_value=Decimal(50),
        target_year=2026,
    )
    report_value(falling, 2024, 60)

    assert plan_gap_report(plan, today=TODAY).off_track == []


def test_indicators_without_recent_approved_data(world):
    plan = make_plan("work-plan", owner_body=world.supply_chains)
    outcome = framework(plan)["outcome"]
    stale = indicator(outcome, "OLD")
    report_value(stale, 2024, 120)  # ended 31 Dec 2024, 18 months before TODAY
    fresh = indicator(outcome, "NEW")
    report_value(fresh, 2025, 120, end=D(2025, 9, 30))
    only_submitted = indicator(outcome, "SUB")
    report_value(only_submitted, 2025, 120, status=ValueStatus.SUBMITTED, end=D(2026, 3, 31))
    never = indicator(outcome, "NONE")

    gaps = plan_gap_report(plan, today=TODAY)

    assert ids(gaps.no_recent_data) == {stale.pk, only_submitted.pk, never.pk}
    by_id = {row.indicator.id: row for row in gaps.no_recent_data}
    assert by_id[stale.pk].latest.period_end == D(2024, 12, 31)
    assert by_id[never.pk].latest is None
    assert ids(plan_gap_report(plan, today=TODAY, recent_months=24).no_recent_data) == {
        only_submitted.pk,
        never.pk,
    }


def test_a_plan_younger_than_the_recent_window_is_not_asked_for_data(world):
    plan = make_plan("new-plan", owner_body=world.supply_chains, period_start=D(2026, 1, 1))
    indicator(framework(plan)["outcome"], "A")

    assert plan_gap_report(plan, today=TODAY).no_recent_data == []


def test_overdue_results_are_those_past_due_and_not_finished(world):
    plan = make_plan("work-plan", owner_body=world.supply_chains)
    output = framework(plan)["output"]
    late = node(plan, "A1", parent=output, due_date=D(2026, 6, 29), status=NodeStatus.IN_PROGRESS)
    delayed = node(plan, "A2", parent=output, due_date=D(2025, 1, 31), status=NodeStatus.DELAYED)
    node(plan, "A3", parent=output, due_date=D(2025, 1, 31), status=NodeStatus.COMPLETED)
    node(plan, "A4", parent=output, due_date=D(2025, 1, 31), status=NodeStatus.CANCELLED)
    node(plan, "A5", parent=output, due_date=TODAY, status=NodeStatus.NOT_STARTED)

    overdue = plan_gap_report(plan, today=TODAY).overdue

    assert [row.result.id for row in overdue] == [delayed.pk, late.pk]
    assert overdue[1].days_overdue == 1
    assert overdue[0].result.tier == "Activity"


def test_under_funded_lines_add_up_per_result_and_year_with_the_plan_currency(world):
    plan = make_plan("work-plan", owner_body=world.supply_chains, currency="EUR")
    parts = framework(plan)
    activity = parts["activity"]
    BudgetLine.objects.create(
        plan=plan, node=activity, year=2026, planned=Decimal(600), committed=Decimal(100)
    )
    BudgetLine.objects.create(
        plan=plan, node=activity, year=2026, planned=Decimal(400), committed=Decimal(300)
    )
    BudgetLine.objects.create(plan=plan, node=activity, year=2027, planned=Decimal(500), committed=Decimal(0))
    BudgetLine.objects.create(
        plan=plan, node=parts["output"], year=2026, planned=Decimal(50), committed=Decimal(50)
    )

    gaps = plan_gap_report(plan, today=TODAY)

    rows = [
        (row.result.id, row.year, row.planned, row.committed, row.gap, row.currency)
        for row in gaps.underfunded
    ]
    assert rows == [
        (activity.pk, 2026, Decimal(1000), Decimal(400), Decimal(600), "EUR"),
        (activity.pk, 2027, Decimal(500), Decimal(0), Decimal(500), "EUR"),
    ]
    assert [row.is_unfunded for row in gaps.underfunded] == [False, True]
    assert gaps.funding_gap_totals() == {"EUR": Decimal(1100)}
    assert gaps.no_budget == []


def test_plan_whose_activities_have_no_budget_line(world):
    unbudgeted = make_plan("no-money", owner_body=world.supply_chains)
    framework(unbudgeted)
    empty = make_plan("no-framework", owner_body=world.supply_chains)

    gaps = gap_report(user=world.secretariat, today=TODAY)

    assert [(row.plan.id, row.activity_count) for row in gaps.no_budget] == [(unbudgeted.pk, 1)]
    assert empty.pk not in {row.plan.id for row in gaps.no_budget}


def test_results_without_indicators_leave_out_activities(world):
    plan = make_plan("work-plan", owner_body=world.supply_chains)
    parts = framework(plan)
    indicator(parts["outcome"], "A")

    gaps = plan_gap_report(plan, today=TODAY)

    assert {result.id for result in gaps.results_without_indicators} == {parts["goal"].pk, parts["output"].pk}


def test_indicators_without_baseline_or_target(world):
    plan = make_plan("work-plan", owner_body=world.supply_chains)
    outcome = framework(plan)["outcome"]
    complete = indicator(outcome, "OK")
    no_baseline = indicator(outcome, "NB", baseline_value=None, baseline_year=None)
    no_target_year = indicator(outcome, "NT", target_year=None)
    indicator(outcome, "Q", measure="qualitative", baseline_value=None, target_value=None)

    gaps = plan_gap_report(plan, today=TODAY)

    assert [(row.indicator.id, row.missing) for row in gaps.no_baseline] == [
        (no_baseline.pk, ("value", "year"))
    ]
    assert [(row.indicator.id, row.missing) for row in gaps.no_target] == [(no_target_year.pk, ("year",))]
    assert complete.pk not in ids(gaps.no_baseline) | ids(gaps.no_target)


def test_months_before_clips_to_the_end_of_the_month():
    assert months_before(D(2026, 3, 31), 1) == D(2026, 2, 28)
    assert months_before(D(2026, 6, 30), 12) == D(2025, 6, 30)
    assert months_before(D(2026, 1, 15), 13) == D(2024, 12, 15)


# --- Filters and permissions ------------------------------------------------------------------------------------


@pytest.fixture
def three_plans(world):
    """A plan of Supply Chains, one of its working group, one of Migration and one of Fiji, each with one gap."""
    plans = {
        "supply": make_plan("supply", owner_body=world.supply_chains),
        "research": make_plan("research", owner_body=world.working_group),
        "migration": make_plan("migration", owner_body=world.migration),
        "fiji": make_plan("fiji", owner_country=world.fiji),
    }
    for plan in plans.values():
        node(plan, "G")  # a goal without indicators
    return plans


def plan_slugs(gaps) -> set[str]:
    return {plan.slug for plan in gaps.plans}


def test_filters_by_owner_body_country_and_theme(world, three_plans):
    def slugs(**filters):
        return plan_slugs(gap_report(user=None, filters=GapFilters(**filters), today=TODAY))

    assert slugs() == {"supply", "research", "migration", "fiji"}
    assert slugs(body="supply-chains") == {"supply"}
    assert slugs(theme="supply-chains") == {"supply", "research"}
    assert slugs(country="fj") == {"fiji"}
    assert slugs(theme="migration", country="FJ") == set()


def test_draft_plan_gaps_are_invisible_to_anonymous_and_visible_to_its_chair(world, three_plans, client_for):
    draft = make_plan(
        "draft-plan", owner_body=world.supply_chains, status=PlanStatus.DRAFT, title="Secret draft"
    )
    node(draft, "G", title="Draft goal")

    assert "draft-plan" not in plan_slugs(gap_report(user=None, today=TODAY))
    assert "draft-plan" in plan_slugs(gap_report(user=world.chair, today=TODAY))
    anonymous = client_for(None)
    assert "Secret draft" not in anonymous.get("/plans/gaps/").content.decode()
    assert "Secret draft" not in anonymous.get("/plans/gaps.csv").getvalue().decode()
    assert anonymous.get("/plans/draft-plan/gaps/").status_code == 404
    assert anonymous.get("/plans/draft-plan/gaps.csv").status_code == 404
    assert client_for(world.outsider).get("/plans/draft-plan/gaps/").status_code == 404
    chair = client_for(world.chair)
    assert chair.get("/plans/draft-plan/gaps/").status_code == 200
    assert "Secret draft" in chair.get("/plans/gaps/").content.decode()


def test_unknown_plan_is_not_found(client, db):
    assert client.get("/plans/no-such-plan/gaps/").status_code == 404
    assert client.get("/plans/no-such-plan/gaps.csv").status_code == 404


def test_gap_routes_are_not_shadowed_by_plan_pages():
    assert resolve("/plans/gaps/").func is gap_views.report
    assert resolve("/plans/gaps.csv").func is gap_views.report_csv
    assert resolve("/plans/some-plan/gaps/").func is gap_views.plan_report


# --- Pages ------------------------------------------------------------------------------------------------------


def test_report_page_has_labelled_filters_and_shows_figures_with_source_and_year(world, client):
    plan = make_plan("work-plan", owner_body=world.supply_chains, title="Supply chains work plan")
    falling = indicator(
        framework(plan)["outcome"], "A", title="Children reached", source="Monitoring records"
    )
    report_value(falling, 2022, 95, source="Annual survey")

    page = client.get("/plans/gaps/", {"theme": "supply-chains"}).content.decode()

    for name in ("body", "country", "theme", "recent"):
        assert f'<label for="id_{name}">' in page
    assert "Supply chains work plan" in page
    assert "Children reached" in page
    assert "95 (2022)" in page and "Annual survey" in page
    assert "100 (2020)" in page  # the baseline with its year
    assert 'href="/plans/gaps.csv?theme=supply-chains"' in page


def test_plan_page_and_print_styles(world, client):
    plan = make_plan("work-plan", owner_body=world.supply_chains, title="Supply chains work plan")
    framework(plan)

    response = client.get("/plans/work-plan/gaps/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Implementation gaps: Supply chains work plan" in page
    assert 'href="/plans/work-plan/gaps.csv"' in page
    stylesheet = Path(gap_views.__file__).parents[2] / "core" / "static" / "core" / "platform.css"
    print_rules = stylesheet.read_text().split("@media print", 1)[1]
    assert ".site-header" in print_rules and ".no-print" in print_rules and "form" in print_rules


def test_dashboard_links_the_gap_report_for_the_secretariat_and_chairs(world, client_for):
    assert "/plans/gaps/" in client_for(world.secretariat).get("/dashboard/").content.decode()
    assert "/plans/gaps/" in client_for(world.chair).get("/dashboard/").content.decode()
    assert "/plans/gaps/" not in client_for(world.member).get("/dashboard/").content.decode()


def test_csv_lists_every_gap_with_its_section(world, client):
    plan = make_plan("work-plan", owner_body=world.supply_chains, currency="USD", title="=HYPERLINK(1)")
    parts = framework(plan)
    falling = indicator(parts["outcome"], "A", source="Survey")
    report_value(falling, 2022, "95.5", source="Survey 2022")
    node(plan, "A1", parent=parts["output"], due_date=D(2020, 1, 31))
    BudgetLine.objects.create(plan=plan, node=parts["activity"], year=2026, planned=Decimal(1000))

    response = client.get("/plans/gaps.csv")

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    sections = {row["section"] for row in rows}
    assert {"off_track", "no_recent_data", "overdue", "underfunded", "results_without_indicators"} <= sections
    off_track = next(row for row in rows if row["section"] == "off_track")
    assert (off_track["latest_value"], off_track["latest_year"], off_track["source"]) == (
        "95.5",
        "2022",
        "Survey 2022",
    )
    assert off_track["category"] == "deterioration"
    funding = next(row for row in rows if row["section"] == "underfunded")
    assert (funding["planned"], funding["committed"], funding["gap"], funding["currency"]) == (
        "1000",
        "0",
        "1000",
        "USD",
    )
    assert off_track["plan"] == "'=HYPERLINK(1)"  # spreadsheets must not run it as a formula
    one_plan = list(
        csv.DictReader(io.StringIO(client.get("/plans/work-plan/gaps.csv").content.decode("utf-8-sig")))
    )
    assert len(one_plan) == len(rows)


# --- Speed --------------------------------------------------------------------------------------------------------


def _add_plans(world, count: int, start: int) -> None:
    for n in range(start, start + count):
        plan = make_plan(f"plan-{n}", owner_body=world.supply_chains)
        parts = framework(plan)
        for code in ("A", "B"):
            ind = indicator(parts["outcome"], code)
            report_value(ind, 2022, 90)
            report_value(ind, 2023, 95, status=ValueStatus.SUBMITTED)
        BudgetLine.objects.create(plan=plan, node=parts["activity"], year=2026, planned=Decimal(10))


def test_cross_plan_report_runs_a_fixed_number_of_queries(world, django_assert_num_queries):
    _add_plans(world, 3, 0)
    with CaptureQueriesContext(connection) as first:
        small = gap_report(user=world.chair, today=TODAY)
    _add_plans(world, 6, 3)
    with django_assert_num_queries(len(first.captured_queries)):
        large = gap_report(user=world.chair, today=TODAY)
    assert (len(small.plans), len(large.plans)) == (3, 9)
    assert len(large.off_track) == 18
    assert len(first.captured_queries) <= 12


def test_report_page_queries_do_not_grow_with_plans(world, client, django_assert_num_queries):
    added = [0]

    def add_rows(count: int) -> None:
        _add_plans(world, count, added[0])
        added[0] += count

    queries = assert_queries_do_not_grow(
        django_assert_num_queries, add_rows=add_rows, load=lambda: client.get("/plans/gaps/")
    )
    # the plans (count, summary, ids, stale counts), the stored counts (two), each non-empty list's page and the
    # plans and results its rows need, activities per plan and tier, the summary's verdicts: none grows with plans
    assert queries <= 25


def test_report_opens_with_each_plans_indicators_by_progress_category(world, client):
    plan = make_plan("work-plan", owner_body=world.supply_chains, title="Supply chains work plan")
    outcome = framework(plan)["outcome"]
    report_value(indicator(outcome, "A"), 2022, 95)  # falling from the baseline of 100
    indicator(outcome, "B")  # no value: unable to assess
    make_plan("empty-plan", owner_body=world.supply_chains, title="Plan without indicators")

    page = client.get("/plans/gaps/").content.decode()

    summary = page[page.index('id="summary-h"') : page.index('id="off_track-h"')]
    assert "Supply chains work plan" in summary and "Plan without indicators" in summary
    assert "Deterioration: 1" in summary and "Unable to assess: 1" in summary
    assert 'class="verdict-bar-deterioration" x="0.000" y="0" width="50.000"' in summary
    assert "No indicator yet." in summary


def test_the_report_says_how_long_a_result_is_overdue_in_words_and_draws_a_summary(client, world):
    from alliance87.plans.tests.factories import make_node, make_plan

    plan = make_plan(owner_body=world.supply_chains, slug="late")
    make_node(plan, title="Mapping published", due_date=datetime.date(2021, 6, 30))
    html = client.get("/plans/late/gaps/").content.decode()
    assert "Overdue for" in html and "Days overdue" not in html
    assert "year" in html.split("Mapping published")[1].split("</tr>")[0]  # "5 years, 5 months", not 1985
    assert 'class="gap-bar"' in html and '<rect width="100"' in html  # no inline style: the CSP forbids it


def test_the_logframe_shows_no_empty_date_ranges(client, world):
    from alliance87.plans.tests.factories import make_node, make_plan

    plan = make_plan(owner_body=world.supply_chains, slug="undated")
    make_node(plan, title="Undated")
    make_node(plan, title="Due only", due_date=datetime.date(2027, 3, 31))
    html = client.get("/plans/undated/").content.decode()
    assert "… – …" not in html
    assert "no dates" in html and "by Mar 2027" in html
