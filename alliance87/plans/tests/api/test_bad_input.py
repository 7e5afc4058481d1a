"""Bad requests to the plans API get a 4xx JSON answer naming the field at fault; stale versions get a 409."""

from typing import Any

import pytest

from alliance87.accounts.models import User
from alliance87.plans.models import BudgetLine, IndicatorValue, Plan, ReportingPeriod, ValueStatus
from tests.api import field_names

from .conftest import PlanWorld

NEW_PLAN = {
    "title": "Supply Chains plan 2026",
    "owner_body": "supply-chains",
    "period_start": "2026-01-01",
    "period_end": "2027-12-31",
}


@pytest.fixture
def chair(api_as: Any, plan_world: PlanWorld) -> Any:
    return api_as("chair")


def test_malformed_json_is_a_400(chair: Any, plan_world: PlanWorld) -> None:
    response = chair.put(f"/periods/{plan_world.empty_period.pk}/value", raw='{"version": 0, "value": ')
    assert response.status_code == 400
    assert response.json()["detail"] == "The request body is not valid JSON."


def test_missing_required_fields_are_named(chair: Any) -> None:
    response = chair.post("/plans", {})
    assert response.status_code == 422
    assert field_names(response) == {"title", "period_start", "period_end"}


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({**NEW_PLAN, "title": 87}, "title"),
        ({**NEW_PLAN, "period_start": "next year"}, "period_start"),
        ({**NEW_PLAN, "tier_names": "Goal, Outcome"}, "tier_names"),
        ({**NEW_PLAN, "status": "archived"}, "status"),
        ({**NEW_PLAN, "owner_country": "XX"}, "owner_country"),
        ({**NEW_PLAN, "slug": "my-slug"}, "slug"),
    ],
)
def test_plan_schema_errors_name_the_field(chair: Any, payload: dict[str, Any], field: str) -> None:
    response = chair.post("/plans", payload)
    assert response.status_code == 422
    assert field_names(response) == {field}


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({**NEW_PLAN, "period_end": "2025-12-31"}, "period_end"),
        ({**NEW_PLAN, "currency": "XYZ"}, "currency"),
        ({**NEW_PLAN, "owner_body": "no-such-body"}, "owner_body"),
        ({**NEW_PLAN, "owner_country": "BR"}, "owner_country"),
        ({**NEW_PLAN, "responsible_organisations": ["ilo", "nobody"]}, "responsible_organisations"),
        ({**NEW_PLAN, "tier_names": ["Goal"] * 7}, "tier_names"),
    ],
)
def test_plan_rule_errors_name_the_field(chair: Any, payload: dict[str, Any], field: str) -> None:
    response = chair.post("/plans", payload)
    assert response.status_code == 400
    assert field_names(response) == {field}
    assert not Plan.objects.filter(title=NEW_PLAN["title"]).exists()


def test_patch_may_not_null_a_required_field(chair: Any, plan_world: PlanWorld) -> None:
    response = chair.patch(f"/plans/{plan_world.plan.slug}", {"title": None})
    assert response.status_code == 422
    assert field_names(response) == {"title"}


def test_node_errors_name_the_field(chair: Any, plan_world: PlanWorld) -> None:
    nodes = f"/plans/{plan_world.plan.slug}/nodes"
    assert field_names(chair.post(nodes, {"title": "x", "status": "finished"})) == {"status"}
    assert field_names(chair.post(nodes, {"title": "x", "parent": 999999})) == {"parent"}
    late = chair.post(nodes, {"title": "x", "start_date": "2025-06-01", "due_date": "2025-01-01"})
    assert (late.status_code, field_names(late)) == (400, {"due_date"})
    moved_in_patch = chair.patch(f"/nodes/{plan_world.goal.pk}", {"parent": plan_world.other_goal.pk})
    assert (moved_in_patch.status_code, field_names(moved_in_patch)) == (422, {"parent"})


def test_a_node_cannot_move_under_itself_or_below_the_last_tier(chair: Any, plan_world: PlanWorld) -> None:
    under_own = chair.post(
        f"/nodes/{plan_world.goal.pk}/move", {"parent": plan_world.outcome.pk, "position": 0}
    )
    assert (under_own.status_code, field_names(under_own)) == (400, {"parent"})
    negative = chair.post(f"/nodes/{plan_world.goal.pk}/move", {"parent": None, "position": -1})
    assert (negative.status_code, field_names(negative)) == (422, {"position"})
    missing = chair.post(f"/nodes/{plan_world.goal.pk}/move", {"position": 0})
    assert (missing.status_code, field_names(missing)) == (422, {"parent"})


def test_a_node_in_another_plan_is_refused_as_parent(chair: Any, plan_world: PlanWorld, world: Any) -> None:
    other = Plan.objects.create(
        title="Other",
        slug="other",
        owner_body=world.supply_chains,
        period_start="2020-01-01",
        period_end="2021-01-01",
    )
    foreign = other.nodes.create(title="Elsewhere")
    response = chair.post(f"/nodes/{plan_world.goal.pk}/move", {"parent": foreign.pk, "position": 0})
    assert (response.status_code, field_names(response)) == (400, {"parent"})


@pytest.mark.parametrize(
    ("payload", "status", "field"),
    [
        ({"title": "x", "measure": "ratio"}, 422, "measure"),
        ({"title": "x", "direction": "sideways"}, 422, "direction"),
        ({"title": "x", "baseline_value": "many"}, 422, "baseline_value"),
        ({"title": "x", "baseline_value": "NaN"}, 422, "baseline_value"),
        ({"title": "x", "disaggregations": {"sex": "female"}}, 422, "disaggregations.sex"),
        ({"title": "x", "baseline_value": 5}, 400, "baseline_year"),
        (
            {"title": "x", "measure": "percentage", "target_value": 120, "target_year": 2030},
            400,
            "target_value",
        ),
        ({"title": "x", "measure": "percentage", "period_rule": "cumulative_sum"}, 400, "period_rule"),
    ],
)
def test_indicator_errors_name_the_field(
    chair: Any, plan_world: PlanWorld, payload: dict[str, Any], status: int, field: str
) -> None:
    response = chair.post(f"/nodes/{plan_world.outcome.pk}/indicators", payload)
    assert response.status_code == status
    assert field_names(response) == {field}


def test_period_that_ends_before_it_starts_is_refused(chair: Any, plan_world: PlanWorld) -> None:
    response = chair.post(
        f"/indicators/{plan_world.indicator.pk}/periods", {"start": "2025-12-31", "end": "2025-01-01"}
    )
    assert (response.status_code, field_names(response)) == (400, {"end"})
    patched = chair.patch(f"/periods/{plan_world.empty_period.pk}", {"end": "2022-06-30"})
    assert (patched.status_code, field_names(patched)) == (400, {"end"})


def test_overlapping_period_is_refused(chair: Any, plan_world: PlanWorld) -> None:
    response = chair.post(
        f"/indicators/{plan_world.indicator.pk}/periods", {"start": "2023-06-01", "end": "2024-05-31"}
    )
    assert (response.status_code, field_names(response)) == (400, {"start"})


def test_period_with_a_value_cannot_be_deleted(chair: Any, plan_world: PlanWorld) -> None:
    response = chair.delete(f"/periods/{plan_world.submitted_period.pk}")
    assert response.status_code == 400
    assert "value" in response.json()["detail"]
    assert ReportingPeriod.objects.filter(pk=plan_world.submitted_period.pk).exists()


@pytest.mark.parametrize(
    ("payload", "status", "field"),
    [
        ({"year": 2024, "planned": -5}, 400, "planned"),
        ({"year": 2024, "spent": "-0.01"}, 400, "spent"),
        ({"year": 2024, "planned": "lots"}, 422, "planned"),
        ({"year": "soon"}, 422, "year"),
        ({"year": 2024, "funding_source": "lottery"}, 422, "funding_source"),
        ({"year": 2024, "funding_source": "donor"}, 400, "funder"),
        ({"year": 2024, "funder": "nobody"}, 400, "funder"),
        ({"year": 2024, "node": 999999}, 400, "node"),
        ({"year": 1800}, 400, "year"),
    ],
)
def test_budget_line_errors_name_the_field(
    chair: Any, plan_world: PlanWorld, payload: dict[str, Any], status: int, field: str
) -> None:
    response = chair.post(f"/plans/{plan_world.plan.slug}/budget", payload)
    assert response.status_code == status
    assert field_names(response) == {field}
    assert BudgetLine.objects.filter(plan=plan_world.plan).count() == 1


def test_negative_amount_in_a_patch_is_refused(chair: Any, plan_world: PlanWorld) -> None:
    response = chair.patch(f"/budget-lines/{plan_world.budget_line.pk}", {"committed": -1})
    assert (response.status_code, field_names(response)) == (400, {"committed"})
    plan_world.budget_line.refresh_from_db()
    assert plan_world.budget_line.committed == 400


@pytest.mark.parametrize(
    ("payload", "status", "field"),
    [
        ({"value": 1}, 422, "version"),
        ({"version": "first", "value": 1}, 422, "version"),
        ({"version": 0, "value": "a lot"}, 422, "value"),
        ({"version": 0, "value": "Infinity"}, 422, "value"),
        (
            {"version": 0, "disaggregated": {"sex": {"female": "x"}}, "value": 1},
            422,
            "disaggregated.sex.female",
        ),
        ({"version": 0}, 400, "value"),
        ({"version": 0, "value": 1, "disaggregated": {"age": {"child": 1}}}, 400, "disaggregated"),
    ],
)
def test_value_errors_name_the_field(
    api_as: Any, plan_world: PlanWorld, payload: dict[str, Any], status: int, field: str
) -> None:
    response = api_as("member").put(f"/periods/{plan_world.empty_period.pk}/value", payload)
    assert response.status_code == status
    assert field_names(response) == {field}
    assert not IndicatorValue.objects.filter(period=plan_world.empty_period).exists()


# --- concurrent changes ------------------------------------------------------------------------------------


def test_stale_version_on_submit_is_a_conflict_and_saves_nothing(api_as: Any, plan_world: PlanWorld) -> None:
    path = f"/periods/{plan_world.submitted_period.pk}/value"
    response = api_as("focal_point").put(path, {"version": 0, "value": "999"})
    assert response.status_code == 409
    body = response.json()
    assert body["detail"].startswith("This value was changed by")
    assert "your changes were not saved" in body["detail"]
    assert body["errors"] == [{"field": None, "message": body["detail"]}]
    plan_world.submitted_value.refresh_from_db()
    assert (plan_world.submitted_value.value, plan_world.submitted_value.version) == (125, 1)


def test_two_reporters_on_the_same_version_the_second_gets_a_conflict(
    api_as: Any, plan_world: PlanWorld
) -> None:
    path = f"/periods/{plan_world.empty_period.pk}/value"
    assert api_as("member").put(path, {"version": 0, "value": 10}).status_code == 201
    second = api_as("focal_point").put(path, {"version": 0, "value": 11})
    assert second.status_code == 409
    assert User.objects.get(email="member@example.org").display_name in second.json()["detail"]
    assert IndicatorValue.objects.get(period=plan_world.empty_period).value == 10


def test_stale_version_on_review_is_a_conflict(api_as: Any, plan_world: PlanWorld) -> None:
    chair = api_as("chair")
    value_id = plan_world.submitted_value.pk
    assert chair.post(f"/values/{value_id}/approve", {"version": 7}).status_code == 409
    assert chair.post(f"/values/{value_id}/return", {"comment": "Why?", "version": 0}).status_code == 409
    plan_world.submitted_value.refresh_from_db()
    assert plan_world.submitted_value.status == ValueStatus.SUBMITTED


def test_reviewing_a_value_twice_is_refused(api_as: Any, plan_world: PlanWorld) -> None:
    chair = api_as("chair")
    path = f"/values/{plan_world.submitted_value.pk}/approve"
    assert chair.post(path, {}).status_code == 200
    again = chair.post(path, {})
    assert again.status_code == 400
    assert "approved" in again.json()["detail"]
