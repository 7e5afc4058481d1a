"""Services: every change checks rights, refuses bad input without saving half, and keeps the values' history."""

from __future__ import annotations

import datetime
from dataclasses import replace
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from alliance87.plans import services
from alliance87.plans.models import (
    BudgetLine,
    Indicator,
    IndicatorValue,
    Plan,
    ReportingPeriod,
    ResultNode,
    ValueChange,
    ValueStatus,
)
from alliance87.plans.services.budget import BudgetLineFields
from alliance87.plans.services.framework import NodeFields, PlanFields
from alliance87.plans.services.indicators import IndicatorFields
from alliance87.plans.tests.factories import make_indicator, make_node, make_period, make_plan

pytestmark = pytest.mark.django_db


def plan_fields(world, **changes):
    data = {
        "title": "Supply chains work plan",
        "owner_body": world.supply_chains,
        "period_start": datetime.date(2024, 1, 1),
        "period_end": datetime.date(2027, 12, 31),
        "currency": "eur",
    }
    data.update(changes)
    return PlanFields(**data)


# --- plans -------------------------------------------------------------------------------------------------


def test_a_chair_creates_a_plan_for_their_body_with_a_slug_and_an_upper_case_currency(world):
    plan = services.framework.create_plan(
        by=world.chair, fields=plan_fields(world, responsible_organisations=[world.ilo])
    )

    assert plan.slug == "supply-chains-work-plan"
    assert plan.currency == "EUR"
    assert list(plan.responsible_organisations.all()) == [world.ilo]


def test_a_chair_cannot_create_a_plan_for_another_body(world):
    with pytest.raises(PermissionDenied):
        services.framework.create_plan(by=world.chair, fields=plan_fields(world, owner_body=world.migration))
    assert not Plan.objects.exists()


@pytest.mark.parametrize("user", ["member", "focal_point", "outsider"])
def test_people_who_chair_nothing_cannot_create_body_plans(world, user):
    with pytest.raises(PermissionDenied):
        services.framework.create_plan(by=getattr(world, user), fields=plan_fields(world))
    assert not Plan.objects.exists()


def test_the_focal_point_of_a_countrys_focal_institution_creates_its_plan(world):
    world.fiji.focal_institution = world.ngo
    world.fiji.save()

    plan = services.framework.create_plan(
        by=world.focal_point, fields=plan_fields(world, owner_body=None, owner_country=world.fiji)
    )

    assert plan.owner_country == world.fiji


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"currency": "EURO"}, "currency"),
        ({"currency": "XYZ"}, "currency"),
        ({"period_end": datetime.date(2023, 1, 1)}, "period_end"),
        ({"tier_names": []}, "tier_names"),
        ({"tier_names": ["a", "b", "c", "d", "e", "f", "g"]}, "tier_names"),
        ({"owner_country": "fiji"}, "owner_body"),
    ],
)
def test_a_plan_with_bad_fields_is_refused_and_not_saved(world, changes, field):
    if changes.get("owner_country") == "fiji":
        changes["owner_country"] = world.fiji
    with pytest.raises(ValidationError) as refusal:
        services.framework.create_plan(by=world.secretariat, fields=plan_fields(world, **changes))
    assert field in refusal.value.message_dict
    assert not Plan.objects.exists()


def test_a_plan_owned_by_neither_a_body_nor_a_country_is_refused(world):
    with pytest.raises(ValidationError):
        services.framework.create_plan(by=world.secretariat, fields=plan_fields(world, owner_body=None))


def test_tier_names_cannot_shrink_below_the_depth_of_the_framework(world):
    plan = make_plan(owner_body=world.supply_chains)
    goal = make_node(plan)
    make_node(plan, parent=make_node(plan, parent=goal))

    with pytest.raises(ValidationError) as refusal:
        services.framework.update_plan(
            plan=plan, by=world.chair, fields=replace(PlanFields.of(plan), tier_names=["Goal", "Outcome"])
        )
    assert "tier_names" in refusal.value.message_dict


def test_only_editors_update_a_plan(world):
    plan = make_plan(owner_body=world.supply_chains)
    with pytest.raises(PermissionDenied):
        services.framework.update_plan(
            plan=plan, by=world.other_chair, fields=replace(PlanFields.of(plan), title="Taken")
        )
    services.framework.update_plan(
        plan=plan, by=world.chair, fields=replace(PlanFields.of(plan), title="Renamed")
    )
    plan.refresh_from_db()
    assert plan.title == "Renamed"


# --- framework ---------------------------------------------------------------------------------------------


def test_a_result_is_added_one_tier_below_its_parent_and_last_among_its_siblings(world):
    plan = make_plan(owner_body=world.supply_chains)
    goal = services.framework.add_node(plan=plan, by=world.chair, title="Goal")
    first = services.framework.add_node(plan=plan, by=world.chair, title="First", parent=goal)
    second = services.framework.add_node(plan=plan, by=world.chair, title="Second", parent=goal)

    assert (goal.level, first.level, second.level) == (0, 1, 1)
    assert (first.position, second.position) == (0, 1)
    assert second.tier == "Outcome"


def test_a_result_cannot_go_below_the_last_tier(world):
    plan = make_plan(owner_body=world.supply_chains, tier_names=["Goal", "Output"])
    output = make_node(plan, parent=make_node(plan))

    with pytest.raises(ValidationError):
        services.framework.add_node(plan=plan, by=world.chair, title="Too deep", parent=output)
    assert ResultNode.objects.count() == 2


def test_a_result_cannot_have_a_parent_in_another_plan(world):
    plan = make_plan(owner_body=world.supply_chains)
    other = make_node(make_plan(owner_body=world.supply_chains))
    with pytest.raises(ValidationError):
        services.framework.add_node(plan=plan, by=world.chair, title="X", parent=other)


def test_a_result_due_before_it_starts_is_refused(world):
    plan = make_plan(owner_body=world.supply_chains)
    with pytest.raises(ValidationError) as refusal:
        services.framework.add_node(
            plan=plan,
            by=world.chair,
            title="X",
            start_date=datetime.date(2025, 1, 1),
            due_date=datetime.date(2024, 1, 1),
        )
    assert "due_date" in refusal.value.message_dict
    assert not ResultNode.objects.exists()


def test_update_node_changes_wording_and_partners(world):
    plan = make_plan(owner_body=world.supply_chains)
    node = make_node(plan)
    services.framework.update_node(
        node=node,
        by=world.chair,
        fields=replace(NodeFields.of(node), title=" New ", responsible_organisations=[world.ngo]),
    )
    node.refresh_from_db()
    assert node.title == "New"
    assert list(node.responsible_organisations.all()) == [world.ngo]


def test_moving_a_result_under_its_own_descendant_is_refused(world):
    plan = make_plan(owner_body=world.supply_chains)
    goal = make_node(plan)
    outcome = make_node(plan, parent=goal)
    output = make_node(plan, parent=outcome)

    for target in (goal, outcome, output):
        with pytest.raises(ValidationError):
            services.framework.move_node(node=goal, by=world.chair, new_parent=target, position=0)
    goal.refresh_from_db()
    assert goal.parent_id is None and goal.level == 0


def test_moving_a_result_carries_its_descendants_and_renumbers_both_sibling_lists(world):
    plan = make_plan(owner_body=world.supply_chains)
    goal_a, goal_b = make_node(plan), make_node(plan)
    a1, a2, a3 = (make_node(plan, parent=goal_a) for _ in range(3))
    output = make_node(plan, parent=a2)
    b1 = make_node(plan, parent=goal_b)

    services.framework.move_node(node=a2, by=world.chair, new_parent=goal_b, position=0)

    a2.refresh_from_db()
    output.refresh_from_db()
    assert (a2.parent_id, a2.level, a2.position) == (goal_b.pk, 1, 0)
    assert output.level == 2
    assert list(
        ResultNode.objects.filter(parent=goal_a).order_by("position").values_list("pk", "position")
    ) == [
        (a1.pk, 0),
        (a3.pk, 1),
    ]
    b1.refresh_from_db()
    assert b1.position == 1


def test_moving_to_the_top_changes_the_tier_of_the_whole_branch(world):
    plan = make_plan(owner_body=world.supply_chains)
    goal = make_node(plan)
    outcome = make_node(plan, parent=goal)
    output = make_node(plan, parent=outcome)

    services.framework.move_node(node=outcome, by=world.chair, new_parent=None, position=0)

    outcome.refresh_from_db()
    output.refresh_from_db()
    assert (outcome.level, output.level) == (0, 1)
    assert outcome.position == 0


def test_moving_a_branch_deeper_than_the_tiers_is_refused(world):
    plan = make_plan(owner_body=world.supply_chains, tier_names=["Goal", "Outcome", "Output"])
    goal = make_node(plan)
    other_goal = make_node(plan)
    outcome = make_node(plan, parent=other_goal)
    make_node(plan, parent=outcome)
    target = make_node(plan, parent=goal)

    with pytest.raises(ValidationError):
        services.framework.move_node(node=outcome, by=world.chair, new_parent=target, position=0)
    outcome.refresh_from_db()
    assert outcome.parent_id == other_goal.pk


def test_shift_node_moves_a_result_up_and_down_among_its_siblings(world):
    plan = make_plan(owner_body=world.supply_chains)
    first, second, third = make_node(plan), make_node(plan), make_node(plan)

    services.framework.shift_node(node=third, by=world.chair, offset=-1)
    order = list(ResultNode.objects.filter(plan=plan).order_by("position").values_list("pk", flat=True))
    assert order == [first.pk, third.pk, second.pk]

    services.framework.shift_node(node=first, by=world.chair, offset=-1)  # already first: stays
    order = list(ResultNode.objects.filter(plan=plan).order_by("position").values_list("pk", flat=True))
    assert order == [first.pk, third.pk, second.pk]


def test_deleting_a_result_removes_its_branch_and_renumbers_its_siblings(world):
    plan = make_plan(owner_body=world.supply_chains)
    first, second, third = make_node(plan), make_node(plan), make_node(plan)
    make_indicator(make_node(plan, parent=second))

    services.framework.delete_node(node=second, by=world.chair)

    assert list(ResultNode.objects.filter(plan=plan).order_by("position").values_list("pk", "position")) == [
        (first.pk, 0),
        (third.pk, 1),
    ]
    assert not Indicator.objects.exists()


@pytest.mark.parametrize("user", ["member", "focal_point", "outsider", "other_chair"])
def test_people_who_do_not_edit_the_plan_cannot_change_its_framework(world, user):
    plan = make_plan(owner_body=world.supply_chains)
    node = make_node(plan)
    by = getattr(world, user)
    with pytest.raises(PermissionDenied):
        services.framework.add_node(plan=plan, by=by, title="X")
    with pytest.raises(PermissionDenied):
        services.framework.update_node(node=node, by=by, fields=NodeFields(title="X"))
    with pytest.raises(PermissionDenied):
        services.framework.move_node(node=node, by=by, new_parent=None, position=3)
    with pytest.raises(PermissionDenied):
        services.framework.delete_node(node=node, by=by)
    with pytest.raises(PermissionDenied):
        services.indicators.add_indicator(node=node, by=by, fields=IndicatorFields(title="X"))
    assert ResultNode.objects.count() == 1


# --- indicators and periods --------------------------------------------------------------------------------


def test_an_indicator_keeps_every_field(world):
    plan = make_plan(owner_body=world.supply_chains)
    node = make_node(plan)
    indicator = services.indicators.add_indicator(
        node=node,
        by=world.chair,
        fields=IndicatorFields(
            **{
                "code": "1.1",
                "title": "Children in child labour",
                "unit": "children",
                "direction": "decrease",
                "baseline_value": Decimal(5000),
                "baseline_year": 2020,
                "target_value": Decimal(1000),
                "target_year": 2030,
                "period_rule": "latest",
                "disaggregations": {"sex": ["female", "male"]},
                "source": "Labour force survey",
                "caveats": "Sample survey.",
            }
        ),
    )
    indicator.refresh_from_db()
    assert indicator.direction == "decrease"
    assert indicator.disaggregations == {"sex": ["female", "male"]}
    assert indicator.position == 0


def test_a_percentage_baseline_is_computed_from_its_numerator_and_denominator(world):
    node = make_node(make_plan(owner_body=world.supply_chains))
    indicator = services.indicators.add_indicator(
        node=node,
        by=world.chair,
        fields=IndicatorFields(
            **{
                "title": "Share",
                "measure": "percentage",
                "baseline_numerator": Decimal(1),
                "baseline_denominator": Decimal(3),
                "baseline_year": 2020,
            }
        ),
    )
    assert indicator.baseline_value == Decimal("33.3333")


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"baseline_value": Decimal(1)}, "baseline_year"),
        ({"target_value": Decimal(1)}, "target_year"),
        ({"baseline_year": 2025, "target_year": 2020}, "target_year"),
        ({"measure": "percentage", "period_rule": "cumulative_sum"}, "period_rule"),
        ({"measure": "percentage", "target_value": Decimal(150), "target_year": 2030}, "target_value"),
        (
            {"measure": "percentage", "baseline_numerator": Decimal(1), "baseline_year": 2020},
            "baseline_denominator",
        ),
        ({"disaggregations": {"sex": []}}, "disaggregations"),
        ({"disaggregations": {"sex": ["a", "a"]}}, "disaggregations"),
        ({"disaggregations": ["sex"]}, "disaggregations"),
    ],
)
def test_bad_indicators_are_refused_and_not_saved(world, data, field):
    node = make_node(make_plan(owner_body=world.supply_chains))
    with pytest.raises(ValidationError) as refusal:
        services.indicators.add_indicator(
            node=node, by=world.chair, fields=IndicatorFields(title="X", **data)
        )
    assert field in refusal.value.message_dict
    assert not Indicator.objects.exists()


def test_update_indicator_changes_the_target(world):
    indicator = make_indicator(make_node(make_plan(owner_body=world.supply_chains)))
    services.indicators.update_indicator(
        indicator=indicator,
        by=world.chair,
        fields=replace(IndicatorFields.of(indicator), target_value=Decimal(300)),
    )
    indicator.refresh_from_db()
    assert indicator.target_value == 300


def test_periods_are_set_changed_and_may_not_overlap(world):
    indicator = make_indicator(make_node(make_plan(owner_body=world.supply_chains)))
    period = services.indicators.set_period(
        indicator=indicator,
        by=world.chair,
        start=datetime.date(2024, 1, 1),
        end=datetime.date(2024, 12, 31),
        target_value=Decimal(5),
    )
    again = services.indicators.set_period(
        indicator=indicator,
        by=world.chair,
        start=datetime.date(2024, 1, 1),
        end=datetime.date(2024, 12, 31),
        target_value=Decimal(7),
    )
    assert again.pk == period.pk and again.target_value == 7

    with pytest.raises(ValidationError):
        services.indicators.set_period(
            indicator=indicator,
            by=world.chair,
            start=datetime.date(2024, 6, 1),
            end=datetime.date(2025, 5, 31),
        )
    with pytest.raises(ValidationError):
        services.indicators.set_period(
            indicator=indicator,
            by=world.chair,
            start=datetime.date(2026, 1, 1),
            end=datetime.date(2025, 1, 1),
        )
    assert ReportingPeriod.objects.count() == 1


def test_a_period_with_a_reported_value_cannot_be_deleted(world):
    indicator = make_indicator(make_node(make_plan(owner_body=world.supply_chains)))
    empty = make_period(indicator, 2023)
    reported = make_period(indicator, 2024, value=5)

    services.indicators.delete_period(period=empty, by=world.chair)
    with pytest.raises(ValidationError):
        services.indicators.delete_period(period=reported, by=world.chair)
    assert list(ReportingPeriod.objects.values_list("pk", flat=True)) == [reported.pk]


# --- values ------------------------------------------------------------------------------------------------


@pytest.fixture
def reporting(world):
    """A plan of Supply Chains where the NGO is a responsible organisation, with one indicator and a period."""
    plan = make_plan(owner_body=world.supply_chains)
    plan.responsible_organisations.add(world.ngo)
    indicator = make_indicator(make_node(plan), disaggregations={"sex": ["female", "male"]})
    return make_period(indicator, 2024)


def test_a_reporter_submits_a_value_which_waits_for_approval_and_is_recorded(world, reporting):
    value = services.reporting.submit_value(
        period=reporting, by=world.member, value="120", source="Survey", expected_version=0
    )

    assert value.status == ValueStatus.SUBMITTED
    assert value.version == 1
    assert value.submitted_by == world.member
    change = ValueChange.objects.get()
    assert change.action == "submitted"
    assert change.old == {}
    assert change.new["value"] == "120"
    assert change.changed_by == world.member


def test_every_change_writes_history_with_old_and_new_values(world, reporting):
    value = services.reporting.submit_value(period=reporting, by=world.member, value=100, expected_version=0)
    value = services.reporting.return_value(
        value=value, by=world.chair, comment="Check the source.", expected_version=1
    )
    value = services.reporting.submit_value(period=reporting, by=world.member, value=110, expected_version=2)
    value = services.reporting.approve_value(value=value, by=world.chair, expected_version=3)

    assert value.status == ValueStatus.APPROVED and value.version == 4
    history = list(ValueChange.objects.order_by("pk"))
    assert [change.action for change in history] == ["submitted", "returned", "submitted", "approved"]
    assert history[1].comment == "Check the source."
    assert history[2].old["value"] == "100.0000" and history[2].new["value"] == "110"
    assert history[3].old["status"] == "submitted" and history[3].new["status"] == "approved"


def test_a_stale_version_is_refused_with_who_changed_it_and_nothing_is_overwritten(world, reporting):
    services.reporting.submit_value(period=reporting, by=world.chair, value=100, expected_version=0)

    with pytest.raises(ValidationError) as refusal:
        services.reporting.submit_value(period=reporting, by=world.member, value=999, expected_version=0)

    message = " ".join(refusal.value.messages)
    assert f"This value was changed by {world.chair.display_name} at" in message
    assert "since you opened it" in message
    value = IndicatorValue.objects.get()
    assert value.value == 100 and value.version == 1
    assert ValueChange.objects.count() == 1


def test_approving_with_a_stale_version_is_refused(world, reporting):
    value = services.reporting.submit_value(period=reporting, by=world.member, value=100, expected_version=0)
    services.reporting.submit_value(period=reporting, by=world.member, value=101, expected_version=1)

    with pytest.raises(ValidationError):
        services.reporting.approve_value(value=value, by=world.chair, expected_version=1)
    assert IndicatorValue.objects.get().status == ValueStatus.SUBMITTED


def test_a_percentage_value_is_computed_from_numerator_and_denominator(world):
    plan = make_plan(owner_body=world.supply_chains)
    indicator = make_indicator(make_node(plan), measure="percentage", baseline_value=None, target_value=None)
    period = make_period(indicator, 2024)

    value = services.reporting.submit_value(period=period, by=world.chair, numerator="2", denominator="8")

    assert value.value == Decimal("25.0000")
    assert (value.numerator, value.denominator) == (2, 8)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({}, "value"),
        ({"value": "abc"}, "value"),
        ({"value": 1, "disaggregated": {"age": {"5-11": 1}}}, "disaggregated"),
        ({"value": 3, "disaggregated": {"sex": {"other": 1}}}, "disaggregated"),
    ],
)
def test_bad_reports_are_refused_and_leave_no_value_or_history(world, reporting, kwargs, field):
    with pytest.raises(ValidationError) as refusal:
        services.reporting.submit_value(period=reporting, by=world.member, **kwargs)
    assert field in refusal.value.message_dict
    assert not IndicatorValue.objects.exists()
    assert not ValueChange.objects.exists()


def test_a_zero_denominator_is_refused(world):
    indicator = make_indicator(make_node(make_plan(owner_body=world.supply_chains)), measure="percentage")
    with pytest.raises(ValidationError) as refusal:
        services.reporting.submit_value(
            period=make_period(indicator, 2024), by=world.chair, numerator=1, denominator=0
        )
    assert "denominator" in refusal.value.message_dict


def test_incomplete_disaggregations_are_kept_and_flagged(world, reporting):
    value = services.reporting.submit_value(
        period=reporting, by=world.member, value=10, disaggregated={"sex": {"female": 4}}
    )

    assert value.disaggregated == {"sex": {"female": 4}}
    checks = services.reporting.disaggregation_checks(reporting.indicator, value)
    assert checks["sex"].status == "missing_categories"
    assert checks["sex"].missing_categories == ("male",)

    value = services.reporting.submit_value(
        period=reporting, by=world.member, value=10, disaggregated={"sex": {"female": 4, "male": 6}}
    )
    assert services.reporting.disaggregation_checks(reporting.indicator, value)["sex"].is_complete


def test_outsiders_cannot_report_and_reporters_cannot_approve(world, reporting):
    with pytest.raises(PermissionDenied):
        services.reporting.submit_value(period=reporting, by=world.outsider, value=1)
    value = services.reporting.submit_value(period=reporting, by=world.member, value=1)
    with pytest.raises(PermissionDenied):
        services.reporting.approve_value(value=value, by=world.member)
    with pytest.raises(PermissionDenied):
        services.reporting.return_value(value=value, by=world.focal_point, comment="No")
    assert IndicatorValue.objects.get().status == ValueStatus.SUBMITTED


def test_returning_needs_a_comment_and_only_submitted_values_are_reviewed(world, reporting):
    value = services.reporting.submit_value(period=reporting, by=world.member, value=1)
    with pytest.raises(ValidationError):
        services.reporting.return_value(value=value, by=world.chair, comment="  ")
    value = services.reporting.approve_value(value=value, by=world.chair)
    with pytest.raises(ValidationError):
        services.reporting.approve_value(value=value, by=world.chair)
    assert ValueChange.objects.count() == 2


def test_an_approved_value_is_changed_by_editors_only(world, reporting):
    value = services.reporting.submit_value(period=reporting, by=world.member, value=1)
    services.reporting.approve_value(value=value, by=world.chair)
    with pytest.raises(PermissionDenied):
        services.reporting.submit_value(period=reporting, by=world.member, value=2)
    revised = services.reporting.submit_value(period=reporting, by=world.chair, value=2)
    assert revised.status == ValueStatus.SUBMITTED


# --- budgets -----------------------------------------------------------------------------------------------


def test_budget_lines_are_saved_and_deleted_by_editors(world):
    plan = make_plan(owner_body=world.supply_chains)
    node = make_node(plan)
    line = services.budget.save_budget_line(
        plan=plan,
        by=world.chair,
        fields=BudgetLineFields(
            **{
                "node": node,
                "year": 2025,
                "planned": Decimal(100),
                "committed": Decimal(40),
                "funding_source": "donor",
                "funder": world.ilo,
            }
        ),
    )
    assert line.spent == 0
    services.budget.save_budget_line(
        plan=plan, by=world.chair, fields=replace(BudgetLineFields.of(line), spent=Decimal(10)), line=line
    )
    line.refresh_from_db()
    assert line.spent == 10
    with pytest.raises(PermissionDenied):
        services.budget.delete_budget_line(line=line, by=world.member)
    services.budget.delete_budget_line(line=line, by=world.chair)
    assert not BudgetLine.objects.exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"planned": Decimal(-1)}, "planned"),
        ({"committed": Decimal(-5)}, "committed"),
        ({"funding_source": "donor"}, "funder"),
        ({"node": "other"}, "node"),
    ],
)
def test_bad_budget_lines_are_refused_and_not_saved(world, data, field):
    plan = make_plan(owner_body=world.supply_chains)
    if data.get("node") == "other":
        data["node"] = make_node(make_plan(owner_body=world.supply_chains))
    with pytest.raises(ValidationError) as refusal:
        services.budget.save_budget_line(
            plan=plan, by=world.chair, fields=BudgetLineFields(year=2025, **data)
        )
    assert field in refusal.value.message_dict
    assert not BudgetLine.objects.exists()
