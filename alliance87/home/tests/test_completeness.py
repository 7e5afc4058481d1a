"""The completeness dashboard: per plan, body and country, what is expected, reported, awaiting review,
approved and late, as of a date; the Secretariat sees every plan, a chair their bodies' plans, nobody else."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from alliance87.plans.models import PlanStatus, ValueStatus
from alliance87.plans.tests.factories import make_indicator, make_node, make_period, make_plan
from tests.api import Operation, check_answer, matrix

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def plans(world: Any) -> dict[str, Any]:
    """Supply Chains' plan: four indicators for 2025 (approved, awaiting review, draft, nothing); Fiji's plan:
    one approved; a draft plan of Migration, asked for nothing."""
    supply = make_plan(owner_body=world.supply_chains, slug="sc", title="Supply chains work plan")
    node = make_node(supply)
    make_period(make_indicator(node), 2025, value=10, status=ValueStatus.APPROVED)
    make_period(make_indicator(node), 2025, value=11, status=ValueStatus.SUBMITTED)
    make_period(make_indicator(node), 2025, value=12, status=ValueStatus.DRAFT)
    make_period(make_indicator(node), 2025)
    make_period(make_indicator(node), 2024, value=9)  # another year
    fiji = make_plan(owner_country=world.fiji, slug="fj", title="Fiji national action plan")
    make_period(make_indicator(make_node(fiji)), 2025, value=3)
    draft = make_plan(owner_body=world.migration, slug="mg", status=PlanStatus.DRAFT, title="Migration draft")
    make_period(make_indicator(make_node(draft)), 2025)
    return {"supply": supply, "fiji": fiji, "draft": draft}


def test_counts_per_plan_body_and_country_as_of_a_date(world, client_for, plans):
    page = client_for(world.secretariat).get("/dashboard/completeness/?year=2025&as_of=2026-03-01")
    content = page.content.decode()

    assert page.status_code == 200
    assert "Reporting periods ending in 2025, as of" in content
    supply = page.context["report"].groups
    assert [group.kind for group in supply] == ["body", "country"]
    counts = {plan.slug: c for group in supply for plan, c in group.plans}
    assert (counts["sc"].expected, counts["sc"].reported, counts["sc"].submitted) == (4, 3, 1)
    assert (counts["sc"].approved, counts["sc"].late) == (1, 2)
    assert (counts["fj"].expected, counts["fj"].approved, counts["fj"].late) == (1, 1, 0)
    assert "mg" not in counts
    assert page.context["report"].total.expected == 5


def test_nothing_is_late_before_the_due_date(world, client_for, plans):
    page = client_for(world.secretariat).get("/dashboard/completeness/?year=2025&as_of=2026-01-15")

    assert page.context["report"].total.late == 0
    assert page.context["report"].total.expected == 5


def test_a_chair_sees_only_their_bodies_plans(world, client_for, plans):
    page = client_for(world.chair).get("/dashboard/completeness/?year=2025")

    slugs = [plan.slug for group in page.context["report"].groups for plan, _counts in group.plans]
    assert slugs == ["sc"]


@pytest.mark.parametrize("role", ["focal_point", "member", "outsider"])
def test_others_may_not_open_it(world, client_for, plans, role):
    assert client_for(getattr(world, role)).get("/dashboard/completeness/").status_code == 403


def test_visitors_are_asked_to_sign_in(client, world):
    assert client.get("/dashboard/completeness/").status_code == 302


def test_a_bad_date_still_shows_the_page(world, client_for, plans):
    page = client_for(world.secretariat).get("/dashboard/completeness/?as_of=2026-02-30&year=abc")

    assert page.status_code == 200
    assert 'id="id_as_of_error"' in page.content.decode()


def test_the_query_count_does_not_grow_with_plans(world, client_for, plans, django_assert_max_num_queries):
    client = client_for(world.secretariat)
    client.get("/dashboard/completeness/?year=2025")  # warm the session and caches
    with django_assert_max_num_queries(12) as before:
        client.get("/dashboard/completeness/?year=2025")
    for n in range(5):
        plan = make_plan(owner_body=world.migration, slug=f"more-{n}", title=f"More {n}")
        make_period(make_indicator(make_node(plan)), 2025, value=1)
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get("/dashboard/completeness/?year=2025")


OPERATIONS = {
    "completeness": Operation(
        "GET", "/dashboard/completeness?year=2025", None, frozenset({"secretariat", "admin", "chair"}), 200
    ),
}


@pytest.mark.parametrize(("operation", "role", "expected"), matrix(OPERATIONS))
def test_api_permission_matrix(api_as: Any, world: Any, operation: str, role: str, expected: int) -> None:
    check_answer(OPERATIONS[operation].call(api_as(role), world), expected)


def test_the_api_gives_the_same_counts(api_as: Any, world: Any, plans: Any) -> None:
    body = api_as("secretariat").get("/dashboard/completeness", year=2025, as_of="2026-03-01").json()

    assert (body["year"], body["as_of"]) == (2025, "2026-03-01")
    plans_by_slug = {p["slug"]: p["counts"] for g in body["groups"] for p in g["plans"]}
    assert plans_by_slug["sc"] == {"expected": 4, "reported": 3, "submitted": 1, "approved": 1, "late": 2}
    assert body["total"]["late"] == 2


@pytest.fixture
def accountability(world: Any) -> None:
    """Supply Chains: a partner's deliverable without its 2024 report, and a decision with an overdue action;
    Fiji: a delivered deliverable; Migration (not chaired by our chair): an action."""
    from django.utils import timezone

    from alliance87.bodies.models import Role, RoleTerm
    from alliance87.commitments.models import DeliveryStatus
    from alliance87.commitments.tests.factories import make_commitment, make_deliverable, make_report
    from alliance87.meetings import services as meetings
    from alliance87.meetings.tests.factories import make_event

    commitment = make_commitment(world.ngo, by=world.focal_point)
    make_deliverable(commitment, by=world.focal_point, body=world.supply_chains)
    delivered = make_deliverable(commitment, by=world.focal_point, country=world.fiji, title="Fiji training")
    make_report(delivered, 2022, by=world.focal_point, status=DeliveryStatus.DELIVERED)
    RoleTerm.objects.create(
        body=world.supply_chains, role=Role.MEMBER, organisation=world.ngo, start_date=D(2018, 1, 1)
    )
    for body, chair in ((world.supply_chains, world.chair), (world.migration, world.other_chair)):
        starts = timezone.make_aware(datetime.datetime(2024, 3, 12, 9, 0))
        event = make_event(owner_body=body, starts_at=starts, title=f"Meeting of {body.slug}", slug=body.slug)
        decision = meetings.record_decision(
            event=event,
            by=chair,
            values=meetings.DecisionInput(text="Adopt the plan.", decided_on=D(2024, 3, 12)),
        )
        meetings.add_follow_up_action(
            decision=decision,
            by=chair,
            values=meetings.FollowUpActionInput(
                description="Circulate the plan", owner_body=body, due_date=D(2024, 4, 30)
            ),
        )


def test_commitments_and_follow_up_actions_join_their_body_and_country(
    world, client_for, plans, accountability
):
    page = client_for(world.secretariat).get("/dashboard/completeness/?year=2025&as_of=2026-03-01")
    report = page.context["report"]
    groups = {(g.kind, g.name): g for g in report.groups}

    supply = (
        groups[("body", "Supply Chains")]
        if ("body", "Supply Chains") in groups
        else next(g for g in report.groups if g.url == world.supply_chains.get_absolute_url())
    )
    assert supply.commitments.total == 1 and supply.commitments.without_report == 1
    assert (supply.follow_ups.open, supply.follow_ups.overdue) == (1, 1)
    fiji = next(g for g in report.groups if g.kind == "country")
    assert fiji.commitments.delivered == 1 and fiji.follow_ups is None
    migration = next(g for g in report.groups if g.url == world.migration.get_absolute_url())
    assert (
        migration.plans == [] and migration.follow_ups.open == 1
    )  # a body with no plan followed still shows
    assert report.commitments.total == 2 and report.follow_ups.overdue == 2
    content = page.content.decode()
    assert (
        "Partners&#x27; commitments: 1 deliverable" in content
        or "Partners' commitments: 1 deliverable" in content
    )
    assert "Follow-up actions of decisions: 1 open (1 overdue), 0 done" in content


def test_a_chair_sees_the_commitments_and_actions_of_their_bodies_only(
    world, client_for, plans, accountability
):
    report = client_for(world.chair).get("/dashboard/completeness/?as_of=2026-03-01").context["report"]

    assert [g.url for g in report.groups] == [world.supply_chains.get_absolute_url()]
    assert report.commitments.total == 1 and report.follow_ups.open == 1


def test_the_api_carries_the_commitments_and_actions(api_as, world, plans, accountability):
    body = api_as("secretariat").get("/dashboard/completeness", as_of="2026-03-01").json()

    assert body["commitments"]["total"] == 2
    assert body["follow_ups"] == {"open": 2, "overdue": 2, "done": 0, "dropped": 0}
