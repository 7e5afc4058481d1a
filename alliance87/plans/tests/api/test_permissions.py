"""Who may change plans through the API: every write (and restricted read) for every role, both credentials.

The plan belongs to Supply Chains, which `chair` chairs; the NGO of `member` and `focal_point` is responsible
for it, so they report on it; `other_chair` chairs another group. The rules are the pages' rules.
"""

from typing import Any

import pytest

from alliance87.plans.models import BudgetLine, Indicator, IndicatorValue, Plan, ResultNode, ValueStatus
from tests.api import ApiClient, Operation, check_answer, matrix

from .conftest import PlanWorld, build_plan_world

ROLES = ("anonymous", "outsider", "member", "focal_point", "chair", "other_chair", "secretariat")
EDITORS = frozenset({"chair", "secretariat"})
REPORTERS = EDITORS | {"member", "focal_point"}
SIGNED_IN = frozenset(ROLES) - {"anonymous"}


def _without_approved_values(_world: Any) -> dict[str, Any]:
    """Approved values make a plan or indicator undeletable (test_deletion); this matrix is about who may."""
    IndicatorValue.objects.filter(status=ValueStatus.APPROVED).delete()
    return {}


OPERATIONS = {
    "create plan": Operation(
        "POST",
        "/plans",
        {
            "title": "Supply Chains work plan 2026",
            "owner_body": "supply-chains",
            "period_start": "2026-01-01",
            "period_end": "2027-12-31",
        },
        EDITORS,
        201,
    ),
    "update plan": Operation("PATCH", "/plans/{plan}", {"description": "Revised."}, EDITORS, 200),
    "delete plan": Operation("DELETE", "/plans/{plan}", None, EDITORS, 204, setup=_without_approved_values),
    "create node": Operation(
        "POST", "/plans/{plan}/nodes", {"title": "Guidance published", "parent": "{outcome}"}, EDITORS, 201
    ),
    "update node": Operation("PATCH", "/nodes/{outcome}", {"status": "in_progress"}, EDITORS, 200),
    "move node": Operation("POST", "/nodes/{outcome}/move", {"parent": None, "position": 0}, EDITORS, 200),
    "delete node": Operation("DELETE", "/nodes/{other_goal}", None, EDITORS, 204),
    "create indicator": Operation(
        "POST", "/nodes/{outcome}/indicators", {"title": "Audits carried out"}, EDITORS, 201
    ),
    "update indicator": Operation("PATCH", "/indicators/{indicator}", {"unit": "companies"}, EDITORS, 200),
    "delete indicator": Operation(
        "DELETE", "/indicators/{indicator}", None, EDITORS, 204, setup=_without_approved_values
    ),
    "create period": Operation(
        "POST",
        "/indicators/{indicator}/periods",
        {"start": "2024-01-01", "end": "2024-12-31", "target_value": "140"},
        EDITORS,
        201,
    ),
    "update period": Operation("PATCH", "/periods/{empty_period}", {"target_value": 135}, EDITORS, 200),
    "delete period": Operation("DELETE", "/periods/{empty_period}", None, EDITORS, 204),
    "submit value": Operation(
        "PUT", "/periods/{empty_period}/value", {"version": 0, "value": "131"}, REPORTERS, 201
    ),
    "approve value": Operation("POST", "/values/{submitted_value}/approve", {}, EDITORS, 200),
    "return value": Operation(
        "POST", "/values/{submitted_value}/return", {"comment": "Give the source."}, EDITORS, 200
    ),
    "read value history": Operation("GET", "/values/{submitted_value}/history", None, REPORTERS, 200),
    "list values to approve": Operation("GET", "/values/pending", None, SIGNED_IN, 200),
    "create budget line": Operation(
        "POST", "/plans/{plan}/budget", {"year": 2024, "planned": "2500.00"}, EDITORS, 201
    ),
    "update budget line": Operation("PATCH", "/budget-lines/{budget_line}", {"spent": 120}, EDITORS, 200),
    "delete budget line": Operation("DELETE", "/budget-lines/{budget_line}", None, EDITORS, 204),
}


@pytest.mark.parametrize("via", ["token", "session"])
@pytest.mark.parametrize(("operation", "role", "expected"), matrix(OPERATIONS, ROLES))
def test_plan_permission_matrix(
    api_as: Any, plan_world: PlanWorld, via: str, operation: str, role: str, expected: int
) -> None:
    response = OPERATIONS[operation].call(api_as(role, via=via), ids=plan_world.ids())
    check_answer(response, expected)


def test_refused_writes_change_nothing(api_as: Any, plan_world: PlanWorld) -> None:
    other_chair = api_as("other_chair")
    ids = plan_world.ids()
    assert other_chair.delete(f"/plans/{ids['plan']}").status_code == 403
    assert other_chair.delete(f"/nodes/{ids['goal']}").status_code == 403
    assert other_chair.delete(f"/indicators/{ids['indicator']}").status_code == 403
    assert other_chair.post(f"/values/{ids['submitted_value']}/approve", {}).status_code == 403
    assert Plan.objects.filter(pk=plan_world.plan.pk).exists()
    assert ResultNode.objects.filter(plan=plan_world.plan).count() == 3
    assert Indicator.objects.filter(pk=plan_world.indicator.pk).exists()
    plan_world.submitted_value.refresh_from_db()
    assert plan_world.submitted_value.status == ValueStatus.SUBMITTED


def test_reporter_may_not_change_an_approved_value(api_as: Any, plan_world: PlanWorld) -> None:
    approved = plan_world.approved_period.actual  # type: ignore[attr-defined]
    response = api_as("member").put(
        f"/periods/{plan_world.approved_period.pk}/value", {"version": approved.version, "value": 1}
    )
    assert response.status_code == 403
    assert "approved" in response.json()["detail"]


def test_chair_cannot_create_a_plan_for_another_group(api_as: Any, world: Any) -> None:
    response = api_as("chair").post(
        "/plans",
        {
            "title": "Migration plan",
            "owner_body": "migration",
            "period_start": "2026-01-01",
            "period_end": "2026-12-31",
        },
    )
    assert response.status_code == 403
    assert not Plan.objects.filter(title="Migration plan").exists()


def test_session_write_without_csrf_token_is_refused(api_as: Any, plan_world: PlanWorld) -> None:
    response = api_as("chair", via="session", csrf=False).patch(
        f"/plans/{plan_world.plan.slug}", {"description": "Forged?"}
    )
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


# --- drafts ------------------------------------------------------------------------------------------------

DRAFT_READS = [
    "/plans/{plan}",
    "/plans/{plan}/nodes",
    "/plans/{plan}/indicators",
    "/plans/{plan}/budget",
    "/indicators/{indicator}",
    "/indicators/{indicator}/assessment",
]


@pytest.fixture
def draft_world(world: Any) -> PlanWorld:
    return build_plan_world(world, status="draft")


@pytest.mark.parametrize("via", ["token", "session"])
@pytest.mark.parametrize("role", ["anonymous", "outsider", "other_chair"])
def test_draft_plan_is_not_found_by_those_who_may_not_see_it(
    api_as: Any, draft_world: PlanWorld, role: str, via: str
) -> None:
    client = api_as(role, via=via)
    for path in DRAFT_READS:
        response = client.get(path.format(**draft_world.ids()))
        assert response.status_code == 404, path
        assert response.json() == {"detail": "Not found.", "errors": []}
    assert client.get("/plans").json()["count"] == 0


@pytest.mark.parametrize("via", ["token", "session"])
@pytest.mark.parametrize("role", ["member", "focal_point", "chair", "secretariat"])
def test_draft_plan_shows_to_its_reporters_and_editors(
    api_as: Any, draft_world: PlanWorld, role: str, via: str
) -> None:
    client = api_as(role, via=via)
    for path in DRAFT_READS:
        assert client.get(path.format(**draft_world.ids())).status_code == 200, path
    assert [p["slug"] for p in client.get("/plans").json()["items"]] == ["supply-chains-plan"]


@pytest.mark.parametrize(
    ("method", "path", "payload"),
    [
        ("PATCH", "/plans/{plan}", {"description": "x"}),
        ("DELETE", "/plans/{plan}", None),
        ("POST", "/plans/{plan}/nodes", {"title": "x"}),
        ("PATCH", "/nodes/{goal}", {"title": "x"}),
        ("POST", "/nodes/{goal}/move", {"parent": None, "position": 1}),
        ("POST", "/nodes/{outcome}/indicators", {"title": "x"}),
        ("PATCH", "/indicators/{indicator}", {"unit": "x"}),
        ("POST", "/indicators/{indicator}/periods", {"start": "2030-01-01", "end": "2030-12-31"}),
        ("PATCH", "/periods/{empty_period}", {"target_comment": "x"}),
        ("PUT", "/periods/{empty_period}/value", {"version": 0, "value": 1}),
        ("POST", "/values/{submitted_value}/approve", {}),
        ("GET", "/values/{submitted_value}/history", None),
        ("POST", "/plans/{plan}/budget", {"year": 2024}),
        ("PATCH", "/budget-lines/{budget_line}", {"spent": 1}),
    ],
)
def test_writes_to_a_draft_are_not_found_by_outsiders_and_need_credentials(
    api_as: Any, draft_world: PlanWorld, method: str, path: str, payload: Any
) -> None:
    path = path.format(**draft_world.ids())
    assert api_as("outsider").call(method, path, payload).status_code == 404
    assert api_as("anonymous").call(method, path, payload).status_code == 401


def test_a_refused_token_on_a_read_is_unauthenticated_not_anonymous(plan_world: PlanWorld) -> None:
    client = ApiClient(None)
    client.headers["Authorization"] = "Bearer a87_not-a-real-token"
    response = client.get(f"/plans/{plan_world.plan.slug}")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_pending_values_are_those_the_caller_approves(api_as: Any, plan_world: PlanWorld) -> None:
    def ids(role: str) -> list[int]:
        return [value["id"] for value in api_as(role).get("/values/pending").json()["items"]]

    assert ids("chair") == [plan_world.submitted_value.pk]
    assert ids("secretariat") == [plan_world.submitted_value.pk]
    assert ids("member") == []  # reports, does not approve
    assert ids("other_chair") == []


def test_deleting_a_plan_removes_its_framework_and_budget(api_as: Any, plan_world: PlanWorld) -> None:
    IndicatorValue.objects.filter(status=ValueStatus.APPROVED).delete()  # otherwise refused (test_deletion)
    assert api_as("chair").delete(f"/plans/{plan_world.plan.slug}").status_code == 204
    assert not ResultNode.objects.filter(pk=plan_world.goal.pk).exists()
    assert not IndicatorValue.objects.filter(pk=plan_world.submitted_value.pk).exists()
    assert not BudgetLine.objects.filter(pk=plan_world.budget_line.pk).exists()
