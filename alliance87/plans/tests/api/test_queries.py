"""Every plans list answers in a fixed number of SQL queries, however many rows it shows (N rows vs 3N)."""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from alliance87.partners.models import Organisation, OrganisationType
from alliance87.plans.models import IndicatorValue, Plan, ValueChange, ValueStatus
from alliance87.plans.tests.factories import make_framework, make_indicator, make_node, make_period, make_plan
from tests.api import ApiClient

from .conftest import PlanWorld

N = 5


def _partner(n: int) -> Organisation:
    return Organisation.objects.create(
        name=f"Partner {n}", slug=f"partner-{n}", type=OrganisationType.BUSINESS
    )


def add_plans(world: Any, plan_world: PlanWorld, count: int) -> None:
    for _ in range(count):
        plan = make_plan(owner_body=world.supply_chains, status="draft")
        plan.responsible_organisations.set([world.ngo, _partner(Plan.objects.count())])
        make_plan(owner_country=world.fiji)


def add_nodes(world: Any, plan_world: PlanWorld, count: int) -> None:
    for _ in range(count):
        node = make_node(plan_world.plan, parent=plan_world.goal)
        node.responsible_organisations.set([world.ilo, world.ngo])


def add_indicators(world: Any, plan_world: PlanWorld, count: int) -> None:
    for _ in range(count):
        make_indicator(make_node(plan_world.plan, parent=plan_world.other_goal))


def add_pending_values(world: Any, plan_world: PlanWorld, count: int) -> None:
    for _ in range(count):
        period = make_period(make_indicator(plan_world.outcome), 2024)
        IndicatorValue.objects.create(
            period=period,
            value=Decimal(1),
            status=ValueStatus.SUBMITTED,
            submitted_by=world.member,
            submitted_at=timezone.now(),
        )


def add_changes(world: Any, plan_world: PlanWorld, count: int) -> None:
    for _ in range(count):
        ValueChange.objects.create(
            value=plan_world.submitted_value, changed_by=world.member, action="submitted", new={"value": "1"}
        )


# Signed-in callers: their standing (organisations, chaired and member bodies) is read once per request.
LISTS = {
    "plans (anonymous)": ("/plans", "anonymous", add_plans, 3),
    "plans of a body (reporter)": ("/plans?body=supply-chains", "member", add_plans, 7),
    "plans (Secretariat)": ("/plans?status=draft", "secretariat", add_plans, 4),
    "results": ("/plans/supply-chains-plan/nodes", "anonymous", add_nodes, 5),
    "indicators": ("/plans/supply-chains-plan/indicators", "anonymous", add_indicators, 4),
    "values to approve": ("/values/pending", "chair", add_pending_values, 6),
    "value history": ("/values/{submitted_value}/history", "member", add_changes, 7),
}


@pytest.mark.parametrize(("path", "role", "add_rows", "queries"), list(LISTS.values()), ids=list(LISTS))
def test_plans_list_query_count_does_not_grow_with_rows(
    api_as: Callable[..., ApiClient],
    world: Any,
    plan_world: PlanWorld,
    django_assert_num_queries: Any,
    path: str,
    role: str,
    add_rows: Callable[[Any, PlanWorld, int], None],
    queries: int,
) -> None:
    client = api_as(role)
    path = path.format(**plan_world.ids())
    separator = "&" if "?" in path else "?"
    add_rows(world, plan_world, N)
    with django_assert_num_queries(queries):
        few = client.get(f"{path}{separator}limit=100")
    add_rows(world, plan_world, 2 * N)
    with django_assert_num_queries(queries):
        many = client.get(f"{path}{separator}limit=100")
    assert few.status_code == many.status_code == 200
    assert many.json()["count"] >= 3 * N
    assert len(many.json()["items"]) >= len(few.json()["items"]) + 2 * N


def test_plan_detail_query_count_does_not_grow_with_the_framework(
    api_as: Callable[..., ApiClient], plan_world: PlanWorld, django_assert_max_num_queries: Any
) -> None:
    client = api_as("anonymous")
    make_framework(plan_world.plan, N)
    with django_assert_max_num_queries(12) as few:
        assert client.get("/plans/supply-chains-plan").status_code == 200
    make_framework(plan_world.plan, 2 * N)
    with django_assert_max_num_queries(len(few.captured_queries)):
        detail = client.get("/plans/supply-chains-plan").json()
    assert sum(v["count"] for v in detail["verdicts"]) == 1 + 3 * N
