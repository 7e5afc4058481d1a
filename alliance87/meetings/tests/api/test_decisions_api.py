"""Minutes, decisions and follow-up actions through the API: every write and restricted read for every role.

The meeting belongs to Supply Chains, which `chair` chairs and of which the NGO (`focal_point`, `member`) is a
member; `other_chair` chairs another group. The rules are the pages'.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from alliance87.bodies.models import Role, RoleTerm
from alliance87.meetings import services
from alliance87.meetings.decision_models import FollowUpAction
from alliance87.meetings.tests.factories import make_event
from tests.api import Operation, check_answer, field_names, matrix

ROLES = ("anonymous", "outsider", "member", "focal_point", "chair", "other_chair", "secretariat")
RECORDERS = frozenset({"chair", "secretariat"})
OWNERS = RECORDERS | {"focal_point"}
MEMBERS = RECORDERS | {"member", "focal_point"}


@pytest.fixture
def ids(world: Any) -> dict[str, Any]:
    RoleTerm.objects.create(
        body=world.supply_chains,
        role=Role.MEMBER,
        organisation=world.ngo,
        start_date=datetime.date(2018, 1, 1),
    )
    event = make_event(
        owner_body=world.supply_chains,
        slug="global-meeting",
        starts_at=timezone.now() - datetime.timedelta(days=9),
    )
    services.save_minutes(event=event, by=world.chair, text="Draft minutes")
    decision = services.record_decision(
        event=event, by=world.chair, values=services.DecisionInput(text="Adopt the work plan.", number="SC/1")
    )
    action = services.add_follow_up_action(
        decision=decision,
        by=world.chair,
        values=services.FollowUpActionInput(
            description="Circulate it", owner_organisation=world.ngo, due_date=timezone.localdate()
        ),
    )
    return {"decision": decision.pk, "action": action.pk}


OPERATIONS = {
    "write minutes": Operation("PUT", "/events/global-meeting/minutes", {"text": "New"}, RECORDERS, 200),
    "record decision": Operation(
        "POST", "/events/global-meeting/decisions", {"text": "Meet in June."}, RECORDERS, 201
    ),
    "correct decision": Operation("PATCH", "/decisions/{decision}", {"text": "Adopt it."}, RECORDERS, 200),
    "delete decision": Operation("DELETE", "/decisions/{decision}", None, RECORDERS, 204),
    "add action": Operation(
        "POST",
        "/decisions/{decision}/actions",
        {"description": "Map", "owner_body": "wg-research", "due_date": "2099-01-31"},
        RECORDERS,
        201,
    ),
    "change action": Operation(
        "PATCH", "/follow-up-actions/{action}", {"due_date": "2099-02-01"}, RECORDERS, 200
    ),
    "delete action": Operation("DELETE", "/follow-up-actions/{action}", None, RECORDERS, 204),
    "change status": Operation(
        "POST", "/follow-up-actions/{action}/status", {"status": "done", "note": "Sent"}, OWNERS, 200
    ),
}


@pytest.mark.parametrize("via", ["token", "session"])
@pytest.mark.parametrize(("operation", "role", "expected"), matrix(OPERATIONS, ROLES))
def test_decision_permission_matrix(
    api_as: Any, ids: dict[str, Any], via: str, operation: str, role: str, expected: int
) -> None:
    check_answer(OPERATIONS[operation].call(api_as(role, via=via), ids=ids), expected)


@pytest.mark.parametrize("role", ROLES)
def test_draft_minutes_are_read_by_members_only_and_published_ones_by_all(
    api_as: Any, ids: dict[str, Any], world: Any, role: str
) -> None:
    client = api_as(role)
    response = client.get("/events/global-meeting/minutes")
    assert response.status_code == (200 if role in MEMBERS else 404)
    publish = client.post("/events/global-meeting/minutes/publish", {"published": True})
    expected = 200 if role in RECORDERS else 401 if role == "anonymous" else 403 if role in MEMBERS else 404
    assert publish.status_code == expected, publish.content
    if role not in RECORDERS:
        services.publish_minutes(minutes=_minutes(), by=world.chair)
    assert client.get("/events/global-meeting/minutes").json()["is_published"] is True


def _minutes() -> Any:
    from alliance87.meetings.decision_models import Minutes

    return Minutes.objects.get()


@pytest.mark.parametrize("role", ROLES)
def test_decisions_and_actions_are_public(api_as: Any, ids: dict[str, Any], role: str) -> None:
    client = api_as(role)
    decisions = client.get("/decisions?body=supply-chains").json()["items"]
    assert [d["number"] for d in decisions] == ["SC/1"]
    assert decisions[0]["actions"][0]["owner_organisation"]["slug"] == "freedom-fund-example"
    assert client.get("/events/global-meeting/decisions").json()[0]["text"] == "Adopt the work plan."
    action = client.get(f"/follow-up-actions/{ids['action']}").json()
    assert [change["status"] for change in action["status_history"]] == ["open"]


def test_mine_lists_the_actions_a_person_answers_for(api_as: Any, ids: dict[str, Any]) -> None:
    assert [a["id"] for a in api_as("focal_point").get("/follow-up-actions?mine=true").json()["items"]] == [
        ids["action"]
    ]
    assert api_as("outsider").get("/follow-up-actions?mine=true").json()["items"] == []
    assert api_as("anonymous").get("/follow-up-actions?mine=true").status_code == 403


def test_an_action_with_two_owners_is_refused_naming_the_field(api_as: Any, ids: dict[str, Any]) -> None:
    response = api_as("chair").post(
        f"/decisions/{ids['decision']}/actions",
        {
            "description": "Map",
            "owner_body": "wg-research",
            "owner_organisation": "ilo",
            "due_date": "2099-01-31",
        },
    )
    assert response.status_code == 400
    assert field_names(response) == {"owner_organisation"}
    assert FollowUpAction.objects.count() == 1


def test_an_unknown_owner_is_named(api_as: Any, ids: dict[str, Any]) -> None:
    response = api_as("chair").post(
        f"/decisions/{ids['decision']}/actions",
        {"description": "Map", "owner_person": "nobody@example.org", "due_date": "2099-01-31"},
    )
    assert response.status_code == 400
    assert field_names(response) == {"owner_person"}
