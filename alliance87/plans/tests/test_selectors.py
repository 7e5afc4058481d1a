"""Selectors: visible plans, the tree in fixed queries, series and verdicts from approved values only, budgets."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alliance87.core.assessment import ProgressCategory
from alliance87.plans import selectors, verdicts
from alliance87.plans.models import BudgetLine, Plan, PlanStatus, ValueStatus
from alliance87.plans.tests.factories import make_framework, make_indicator, make_node, make_period, make_plan

pytestmark = pytest.mark.django_db


def test_plan_list_hides_drafts_from_outsiders_and_filters_by_owner_and_status(world):
    adopted = make_plan(owner_body=world.supply_chains)
    draft = make_plan(owner_body=world.supply_chains, status=PlanStatus.DRAFT)
    country = make_plan(owner_country=world.fiji)

    assert set(selectors.plan_list(None)) == {adopted, country}
    assert set(selectors.plan_list(world.outsider)) == {adopted, country}
    assert set(selectors.plan_list(world.chair)) == {adopted, draft, country}
    assert list(selectors.plan_list(world.secretariat, owner_country=world.fiji)) == [country]
    assert list(selectors.plan_list(world.secretariat, status=PlanStatus.DRAFT)) == [draft]
    assert set(selectors.plan_list(world.secretariat, owner_body=world.supply_chains)) == {adopted, draft}


def test_a_plan_one_may_not_see_does_not_exist_for_them(world):
    make_plan(owner_body=world.supply_chains, status=PlanStatus.DRAFT, slug="draft-plan")
    make_plan(owner_body=world.supply_chains, slug="adopted-plan")
    anonymous = AnonymousUser()

    assert selectors.visible_plan(anonymous, "adopted-plan").slug == "adopted-plan"
    assert selectors.visible_plan(world.chair, "draft-plan").slug == "draft-plan"
    for user, slug in [
        (anonymous, "draft-plan"),
        (world.outsider, "draft-plan"),
        (world.chair, "no-such-plan"),
    ]:
        with pytest.raises(Plan.DoesNotExist):
            selectors.visible_plan(user, slug)


def test_plan_tree_nests_results_and_attaches_indicators_and_actuals(world):
    plan = make_plan(owner_body=world.supply_chains)
    goal = make_node(plan)
    outcome = make_node(plan, parent=goal)
    indicator = make_indicator(outcome)
    make_period(indicator, 2021, value=120)
    make_period(indicator, 2022, value=999, status=ValueStatus.SUBMITTED)

    tree = selectors.plan_tree(plan)

    assert tree.roots == [goal]
    assert tree.roots[0].child_nodes == [outcome]
    assert [node.depth for node in tree.nodes] == [0, 1]
    (found,) = tree.indicators
    assert found.verdict.latest_value == 120
    assert found.verdict.latest_period_end == datetime.date(2021, 12, 31)
    assert found.verdict.assessment.current_value == 120.0  # the submitted 999 does not count


def test_plan_tree_takes_the_same_queries_for_any_size(world):
    plan = make_plan(owner_body=world.supply_chains)
    make_framework(plan, 2)
    with CaptureQueriesContext(connection) as small:
        selectors.plan_tree(plan)
    make_framework(plan, 6)
    with CaptureQueriesContext(connection) as large:
        tree = selectors.plan_tree(plan)
        for node in tree.nodes:
            list(node.responsible_organisations.all())
            for indicator in node.indicator_list:
                _ = indicator.verdict.latest_period_end, indicator.verdict.assessment.explanation
    # nodes, their organisations, indicators without a verdict (none: the services store them), indicators
    assert len(small.captured_queries) == len(large.captured_queries) == 4


def test_only_approved_values_count_in_the_series_and_the_verdict(world):
    indicator = make_indicator(make_node(make_plan(owner_body=world.supply_chains)))
    make_period(indicator, 2021, value=150, status=ValueStatus.SUBMITTED)
    make_period(indicator, 2022, value=200, status=ValueStatus.RETURNED)

    series = verdicts.indicator_series(indicator)
    assert series.observations == []
    assert series.baseline == (2020, Decimal(100))
    result = selectors.indicator_assessment(indicator)
    assert result.assessment.category == ProgressCategory.INSUFFICIENT_DATA


def test_the_assessment_uses_the_baseline_and_approved_values_and_projects_to_the_target_year(world):
    indicator = make_indicator(make_node(make_plan(owner_body=world.supply_chains)))
    make_period(indicator, 2022, value=121)

    result = selectors.indicator_assessment(indicator)

    assert result.assessment.base_year == 2020 and result.assessment.current_year == 2022
    assert result.assessment.observed_cagr == pytest.approx(0.1)
    assert result.assessment.category == ProgressCategory.SUBSTANTIAL_PROGRESS
    assert result.projection.target_year == 2030
    assert result.projection.reaches_target is True


def test_a_cumulative_indicator_is_a_running_total_from_the_baseline(world):
    indicator = make_indicator(
        make_node(make_plan(owner_body=world.supply_chains)),
        period_rule="cumulative_sum",
        baseline_value=Decimal(10),
    )
    make_period(indicator, 2021, value=5)
    make_period(indicator, 2022, value=7)

    assert verdicts.indicator_series(indicator).observations == [(2021, Decimal(15)), (2022, Decimal(22))]


def test_plan_verdict_summary_counts_indicators_per_category(world):
    plan = make_plan(owner_body=world.supply_chains)
    node = make_node(plan)
    achieved = make_indicator(node)
    make_period(achieved, 2022, value=250)
    make_indicator(node)

    counts = {verdict.category: verdict.count for verdict in selectors.plan_verdict_summary(plan)}

    assert counts[ProgressCategory.TARGET_ACHIEVED] == 1
    assert counts[ProgressCategory.INSUFFICIENT_DATA] == 1
    assert sum(counts.values()) == 2


def test_plan_budget_summary_totals_years_and_the_funding_gap(world):
    plan = make_plan(owner_body=world.supply_chains, currency="EUR")
    BudgetLine.objects.create(plan=plan, year=2025, planned=100, committed=40, spent=10)
    BudgetLine.objects.create(plan=plan, year=2025, planned=50, committed=60, spent=0)
    BudgetLine.objects.create(plan=plan, year=2026, planned=30, committed=0, spent=0)

    summary = selectors.plan_budget_summary(plan)

    assert summary.currency == "EUR"
    assert [(t.year, t.planned, t.committed, t.funding_gap) for t in summary.years] == [
        (2025, 150, 100, 50),
        (2026, 30, 0, 30),
    ]
    assert (summary.total.planned, summary.total.spent, summary.total.funding_gap) == (180, 10, 80)


def test_pending_values_are_those_of_plans_the_person_edits(world):
    ours = make_indicator(make_node(make_plan(owner_body=world.supply_chains)))
    theirs = make_indicator(make_node(make_plan(owner_body=world.migration)))
    mine = make_period(ours, 2021, value=1, status=ValueStatus.SUBMITTED)
    make_period(ours, 2022, value=1, status=ValueStatus.APPROVED)
    other = make_period(theirs, 2021, value=1, status=ValueStatus.SUBMITTED)

    assert [v.period for v in selectors.pending_values_for(world.chair)] == [mine]
    assert {v.period for v in selectors.pending_values_for(world.secretariat)} == {mine, other}
    assert list(selectors.pending_values_for(world.member)) == []
    assert list(selectors.pending_values_for(None)) == []
