"""What the plans API answers: the same plans, frameworks, verdicts and budgets as the pages."""

from typing import Any

import pytest

from alliance87.accounts.models import User
from alliance87.countries.models import PathfinderCountry
from alliance87.plans import selectors
from alliance87.plans.models import IndicatorValue, ValueStatus
from alliance87.plans.tests.factories import make_plan

from .conftest import PlanWorld


def test_plan_list_filters_by_owner_country_and_status(
    api_as: Any, plan_world: PlanWorld, world: Any
) -> None:
    world.fiji.focal_institution = world.ilo
    world.fiji.save()
    make_plan(owner_country=world.fiji, slug="fiji-nap", status="in_implementation")
    make_plan(owner_body=world.migration, slug="migration-plan", status="closed")
    anonymous = api_as("anonymous")

    def slugs(**filters: Any) -> list[str]:
        return sorted(p["slug"] for p in anonymous.get("/plans", **filters).json()["items"])

    assert slugs() == ["fiji-nap", "migration-plan", "supply-chains-plan"]
    assert slugs(body="supply-chains") == ["supply-chains-plan"]
    assert slugs(country="fj") == ["fiji-nap"]
    assert slugs(status="closed") == ["migration-plan"]
    assert slugs(body="no-such-body") == []
    assert slugs(country="BR") == []  # not a Pathfinder Country: no plans
    fiji = next(p for p in anonymous.get("/plans", country="FJ").json()["items"])
    assert fiji["owner_country"] == {"code": "FJ", "name": "Fiji"}
    assert fiji["owner_body"] is None


def test_plan_detail_has_tiers_owner_verdicts_and_budget(api_as: Any, plan_world: PlanWorld) -> None:
    response = api_as("anonymous").get("/plans/supply-chains-plan")
    assert response.status_code == 200
    plan = response.json()
    assert plan["tier_names"] == ["Goal", "Outcome", "Output", "Activity"]
    assert plan["owner_body"] == {"slug": "supply-chains", "name": "Action Group on Supply Chains"}
    assert plan["owner_name"] == "Action Group on Supply Chains"
    assert plan["responsible_organisations"] == ["freedom-fund-example"]
    assert (plan["period_start"], plan["period_end"], plan["status"], plan["currency"]) == (
        "2020-01-01",
        "2030-12-31",
        "adopted",
        "USD",
    )
    expected = selectors.plan_verdict_summary(plan_world.plan)
    assert [(v["category"], v["count"]) for v in plan["verdicts"]] == [
        (v.category.value, v.count) for v in expected
    ]
    assert sum(v["count"] for v in plan["verdicts"]) == 1
    assert plan["budget"]["currency"] == "USD"
    assert plan["budget"]["total"] == {
        "year": None,
        "planned": "1000.00",
        "committed": "400.00",
        "spent": "0.00",
        "funding_gap": "600.00",
    }
    assert plan["can_edit"] is False
    assert plan["can_report"] is False
    mine = api_as("member").get("/plans/supply-chains-plan").json()
    assert (mine["can_edit"], mine["can_report"]) == (False, True)


def test_nodes_are_a_flat_list_with_parents_levels_and_positions(api_as: Any, plan_world: PlanWorld) -> None:
    nodes = api_as("anonymous").get(f"/plans/{plan_world.plan.slug}/nodes").json()
    assert nodes["count"] == 3
    assert [(n["code"], n["parent"], n["level"], n["tier"], n["position"]) for n in nodes["items"]] == [
        ("1", None, 0, "Goal", 0),
        ("2", None, 0, "Goal", 1),
        ("1.1", plan_world.goal.pk, 1, "Outcome", 0),
    ]


def test_moving_a_node_renumbers_its_siblings(api_as: Any, plan_world: PlanWorld) -> None:
    chair = api_as("chair")
    response = chair.post(f"/nodes/{plan_world.other_goal.pk}/move", {"parent": None, "position": 0})
    assert response.status_code == 200
    assert response.json()["position"] == 0
    moved = chair.post(
        f"/nodes/{plan_world.outcome.pk}/move", {"parent": plan_world.other_goal.pk, "position": 0}
    )
    assert (moved.json()["parent"], moved.json()["level"]) == (plan_world.other_goal.pk, 1)
    codes = [
        (n["code"], n["position"]) for n in chair.get(f"/plans/{plan_world.plan.slug}/nodes").json()["items"]
    ]
    assert codes == [("2", 0), ("1", 1), ("1.1", 0)]


def test_create_node_under_a_parent_is_one_tier_below(api_as: Any, plan_world: PlanWorld) -> None:
    response = api_as("chair").post(
        f"/plans/{plan_world.plan.slug}/nodes",
        {
            "title": "Guidance",
            "code": "1.1.1",
            "parent": plan_world.outcome.pk,
            "responsible_organisations": ["ilo"],
        },
    )
    assert response.status_code == 201
    node = response.json()
    assert (node["level"], node["tier"], node["responsible_organisations"]) == (2, "Output", ["ilo"])


def test_indicator_detail_has_periods_targets_and_approved_values(api_as: Any, plan_world: PlanWorld) -> None:
    indicator = api_as("anonymous").get(f"/indicators/{plan_world.indicator.pk}").json()
    assert indicator["baseline_value"] == "100.0000"
    assert indicator["target_value"] == "200.0000"
    periods = [
        (p["start"], p["target_value"], p["approved_value"], p["actual"] and p["actual"]["status"])
        for p in indicator["periods"]
    ]
    assert periods == [
        ("2021-01-01", "110.0000", "120.0000", "approved"),
        ("2022-01-01", "120.0000", None, None),  # a value under review is the plan team's business
        ("2023-01-01", "130.0000", None, None),
    ]
    seen_by_team = api_as("member").get(f"/indicators/{plan_world.indicator.pk}").json()
    assert seen_by_team["periods"][1]["actual"]["status"] == "submitted"
    assert (
        seen_by_team["periods"][1]["actual"]["submitted_by"]
        == User.objects.get(email="member@example.org").display_name
    )
    assert indicator["periods"][0]["due_date"] == "2022-01-30"  # 30 days after the period ends


def test_plan_indicators_are_listed(api_as: Any, plan_world: PlanWorld) -> None:
    page = api_as("anonymous").get(f"/plans/{plan_world.plan.slug}/indicators").json()
    assert page["count"] == 1
    assert page["items"][0]["node"] == plan_world.outcome.pk
    assert page["items"][0]["url"].endswith(f"/indicators/{plan_world.indicator.pk}/")


def test_assessment_gives_the_verdict_with_its_numbers_and_projection(
    api_as: Any, plan_world: PlanWorld
) -> None:
    body = api_as("anonymous").get(f"/indicators/{plan_world.indicator.pk}/assessment").json()
    expected = selectors.indicator_assessment(plan_world.indicator)
    assessment = body["assessment"]
    assert assessment["category"] == expected.assessment.category.value
    assert assessment["category_label"] == str(expected.assessment.category.label)
    assert assessment["method"] == "open_sdg_ratio"
    assert (assessment["base_year"], assessment["current_year"], assessment["target_year"]) == (
        2020,
        2021,
        2030,
    )
    assert assessment["base_value"] == 100.0  # computed figures are JSON numbers
    assert assessment["ratio"] == expected.assessment.ratio
    assert assessment["explanation"]
    assert body["series"]["observations"] == [{"year": 2021, "value": "120.0000"}]
    assert body["series"]["baseline"] == {"year": 2020, "value": "100.0000"}
    assert body["projection"]["target_year"] == 2030
    assert body["projection"]["points_used"] == 2


def test_approving_a_value_makes_it_count(api_as: Any, plan_world: PlanWorld) -> None:
    chair = api_as("chair")
    response = chair.post(
        f"/values/{plan_world.submitted_value.pk}/approve", {"comment": "Checked.", "version": 1}
    )
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["version"]) == ("approved", 2)
    series = chair.get(f"/indicators/{plan_world.indicator.pk}/assessment").json()["series"]
    assert [o["year"] for o in series["observations"]] == [2021, 2022]
    history = chair.get(f"/values/{plan_world.submitted_value.pk}/history").json()
    assert [(c["action"], c["changed_by"], c["comment"]) for c in history["items"]] == [
        ("approved", User.objects.get(email="chair@example.org").display_name, "Checked.")
    ]
    assert history["items"][0]["old"]["value"] == "125.0000"


def test_returning_a_value_needs_a_comment_and_sends_it_back(api_as: Any, plan_world: PlanWorld) -> None:
    chair = api_as("chair")
    path = f"/values/{plan_world.submitted_value.pk}/return"
    assert chair.post(path, {"comment": " "}).status_code == 400
    response = chair.post(path, {"comment": "Which survey?"})
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["review_comment"]) == ("returned", "Which survey?")


def test_first_report_is_created_and_a_resubmission_replaces_it(api_as: Any, plan_world: PlanWorld) -> None:
    member = api_as("member")
    path = f"/periods/{plan_world.empty_period.pk}/value"
    first = member.put(path, {"version": 0, "value": 131.5, "source": "Survey"})
    assert first.status_code == 201
    assert (first.json()["value"], first.json()["status"], first.json()["version"]) == (
        "131.5",
        "submitted",
        1,
    )
    again = member.put(path, {"version": 1, "value": "132"})
    assert again.status_code == 200
    assert again.json()["version"] == 2
    assert IndicatorValue.objects.get(period=plan_world.empty_period).value == 132


def test_percentage_values_from_numerator_and_denominator(api_as: Any, plan_world: PlanWorld) -> None:
    chair = api_as("chair")
    indicator = chair.post(
        f"/nodes/{plan_world.outcome.pk}/indicators",
        {"title": "Share audited", "measure": "percentage", "disaggregations": {"sex": ["female", "male"]}},
    ).json()
    period = chair.post(
        f"/indicators/{indicator['id']}/periods", {"start": "2024-01-01", "end": "2024-12-31"}
    )
    assert period.status_code == 201
    value = chair.put(
        f"/periods/{period.json()['id']}/value",
        {
            "version": 0,
            "numerator": 1,
            "denominator": 3,
            "disaggregated": {"sex": {"female": 1, "male": "0.5"}},
        },
    ).json()
    assert value["value"] == "33.3333"
    assert value["disaggregated"] == {"sex": {"female": "1", "male": "0.5"}}


def test_budget_lists_lines_and_totals_by_year(api_as: Any, plan_world: PlanWorld) -> None:
    chair = api_as("chair")
    created = chair.post(
        f"/plans/{plan_world.plan.slug}/budget",
        {
            "year": 2023,
            "planned": 250.5,
            "funding_source": "donor",
            "funder": "ilo",
            "node": plan_world.goal.pk,
        },
    )
    assert created.status_code == 201
    assert created.json()["funder"] == {
        "slug": "ilo",
        "name": "International Labour Organization",
        "acronym": "ILO",
    }
    budget = api_as("anonymous").get(f"/plans/{plan_world.plan.slug}/budget").json()
    assert [line["year"] for line in budget["lines"]] == [2022, 2023]
    assert [(y["year"], y["planned"]) for y in budget["years"]] == [(2022, "1000.00"), (2023, "250.50")]
    assert budget["total"]["planned"] == "1250.50"


def test_plan_create_and_update_through_the_api(api_as: Any, world: Any) -> None:
    world.fiji.focal_institution = world.ngo
    world.fiji.save()
    focal_point = api_as("focal_point")
    created = focal_point.post(
        "/plans",
        {
            "title": "Fiji National Action Plan",
            "owner_country": "fj",
            "period_start": "2025-01-01",
            "period_end": "2029-12-31",
            "currency": "fjd",
            "tier_names": ["Impact", "Outcome", "Output"],
            "responsible_organisations": ["freedom-fund-example", "ilo"],
        },
    )
    assert created.status_code == 201, created.content
    plan = created.json()
    assert (plan["slug"], plan["currency"], plan["status"]) == ("fiji-national-action-plan", "FJD", "draft")
    assert plan["owner_country"] == {"code": "FJ", "name": "Fiji"}
    assert plan["responsible_organisations"] == ["freedom-fund-example", "ilo"]
    assert plan["can_edit"] is True
    updated = focal_point.patch(
        f"/plans/{plan['slug']}", {"status": "adopted", "responsible_organisations": []}
    )
    assert (updated.json()["status"], updated.json()["responsible_organisations"]) == ("adopted", [])
    assert PathfinderCountry.objects.get(pk=world.fiji.pk).plans.count() == 1


@pytest.mark.parametrize(
    "path",
    [
        "/plans/no-such-plan",
        "/plans/no-such-plan/nodes",
        "/plans/no-such-plan/indicators",
        "/plans/no-such-plan/budget",
        "/indicators/999999",
        "/indicators/999999/assessment",
    ],
)
def test_unknown_plans_and_ids_are_not_found_on_reads(api_as: Any, world: Any, path: str) -> None:
    response = api_as("anonymous").get(path)
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "errors": []}


@pytest.mark.parametrize(
    ("method", "path", "payload"),
    [
        ("PATCH", "/plans/no-such-plan", {"title": "x"}),
        ("PATCH", "/nodes/999999", {"title": "x"}),
        ("POST", "/nodes/999999/move", {"parent": None, "position": 0}),
        ("DELETE", "/nodes/999999", None),
        ("POST", "/nodes/999999/indicators", {"title": "x"}),
        ("PATCH", "/indicators/999999", {"title": "x"}),
        ("POST", "/indicators/999999/periods", {"start": "2024-01-01", "end": "2024-12-31"}),
        ("PATCH", "/periods/999999", {"target_comment": "x"}),
        ("DELETE", "/periods/999999", None),
        ("PUT", "/periods/999999/value", {"version": 0, "value": 1}),
        ("POST", "/values/999999/approve", {}),
        ("POST", "/values/999999/return", {"comment": "x"}),
        ("GET", "/values/999999/history", None),
        ("PATCH", "/budget-lines/999999", {"spent": 1}),
        ("DELETE", "/budget-lines/999999", None),
    ],
)
def test_unknown_ids_are_not_found_on_writes(
    api_as: Any, world: Any, method: str, path: str, payload: Any
) -> None:
    response = api_as("secretariat").call(method, path, payload)
    assert response.status_code == 404
    assert response.json()["detail"] == "Not found."


def test_approved_values_are_no_longer_pending(api_as: Any, plan_world: PlanWorld) -> None:
    IndicatorValue.objects.filter(pk=plan_world.submitted_value.pk).update(status=ValueStatus.APPROVED)
    assert api_as("chair").get("/values/pending").json() == {"items": [], "count": 0, "count_is_exact": True}
