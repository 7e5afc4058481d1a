"""Who may open each plan page that changes something, for a plan of the Supply Chains Action Group."""

from __future__ import annotations

import pytest

from alliance87.plans.models import BudgetLine, PlanStatus, ValueStatus
from alliance87.plans.tests.factories import make_indicator, make_node, make_period, make_plan

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "outsider", "member", "focal_point", "chair", "secretariat"]
EDITORS = {"chair", "secretariat"}


@pytest.fixture
def plan_objects(world):
    plan = make_plan(owner_body=world.supply_chains, slug="sc")
    node = make_node(plan)
    indicator = make_indicator(node)
    period = make_period(indicator, 2021)
    reported = make_period(indicator, 2022, value=5, status=ValueStatus.SUBMITTED)
    line = BudgetLine.objects.create(plan=plan, year=2025, planned=10)
    return {
        "plan": plan,
        "node": node,
        "indicator": indicator,
        "period": period,
        "value": reported.actual,
        "line": line,
    }


EDIT_PAGES = [
    "/plans/sc/edit/",
    "/plans/sc/results/new/",
    "/plans/sc/results/{node}/edit/",
    "/plans/sc/results/{node}/move/",
    "/plans/sc/results/{node}/indicators/new/",
    "/plans/sc/indicators/{indicator}/edit/",
    "/plans/sc/indicators/{indicator}/periods/new/",
    "/plans/sc/periods/{period}/edit/",
    "/plans/sc/budget/new/",
    "/plans/sc/budget/{line}/edit/",
]
EDIT_ACTIONS = [
    "/plans/sc/results/{node}/delete/",
    "/plans/sc/indicators/{indicator}/delete/",
    "/plans/sc/periods/{period}/delete/",
    "/plans/sc/budget/{line}/delete/",
    "/plans/values/{value}/approve/",
]


def url(template: str, objects) -> str:
    return template.format(**{name: obj.pk for name, obj in objects.items()})


def client_as(world, client_for, role):
    return client_for(None if role == "anonymous" else getattr(world, role))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", EDIT_PAGES)
def test_only_editors_open_the_editing_pages(world, client_for, plan_objects, role, page):
    response = client_as(world, client_for, role).get(url(page, plan_objects))

    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/" in response["Location"]
    elif role in EDITORS:
        assert response.status_code == 200
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", EDIT_ACTIONS)
def test_only_editors_delete_and_approve(world, client_for, plan_objects, role, action):
    response = client_as(world, client_for, role).post(url(action, plan_objects))

    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/" in response["Location"]
    elif role in EDITORS:
        assert response.status_code == 302
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_moving_up_and_down_is_for_editors(world, client_for, plan_objects, role):
    response = client_as(world, client_for, role).post(
        url("/plans/sc/results/{node}/move/", plan_objects), {"direction": "up"}
    )
    expected = 302 if role in EDITORS or role == "anonymous" else 403
    assert response.status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_reporting_is_for_editors_and_responsible_organisations(world, client_for, plan_objects, role):
    plan_objects["plan"].responsible_organisations.add(world.ngo)
    response = client_as(world, client_for, role).get(url("/plans/sc/periods/{period}/report/", plan_objects))

    if role == "anonymous":
        assert response.status_code == 302
    elif role in {"member", "focal_point", "chair", "secretariat"}:
        assert response.status_code == 200
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ["anonymous", "outsider", "member"])
def test_a_draft_plan_is_not_found_for_people_outside_it(world, client_for, plan_objects, role):
    plan = plan_objects["plan"]
    plan.status = PlanStatus.DRAFT
    plan.save()
    client = client_as(world, client_for, role)
    for page in [
        "/plans/sc/",
        "/plans/sc/budget/",
        "/plans/sc/logframe.csv",
        "/plans/sc/indicators/{indicator}/",
        "/plans/sc/indicators/{indicator}/data.csv",
    ]:
        assert client.get(url(page, plan_objects)).status_code == 404
    assert "/plans/sc/" not in client.get("/plans/").content.decode()


@pytest.mark.parametrize("role", ["chair", "secretariat"])
def test_a_draft_plan_is_shown_to_its_editors(world, client_for, plan_objects, role):
    plan = plan_objects["plan"]
    plan.status = PlanStatus.DRAFT
    plan.save()
    assert client_as(world, client_for, role).get("/plans/sc/").status_code == 200
