"""Who may do what with events through the API: every write and restricted read for every role, both credentials.

The event belongs to Supply Chains, which `chair` chairs; `other_chair` chairs another group; `member` holds a
place at the event (a participant), `focal_point` waits for approval at a closed meeting. The rules are the pages'.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest

from alliance87.meetings import services
from alliance87.meetings.models import Event, Registration
from alliance87.meetings.tests.factories import make_event
from alliance87.plans.tests.factories import make_node, make_plan
from tests.api import Operation, check_answer, matrix

ROLES = ("anonymous", "outsider", "member", "focal_point", "chair", "other_chair", "secretariat")
EDITORS = frozenset({"chair", "secretariat"})
SIGNED_IN = frozenset(ROLES) - {"anonymous"}
SEES_PARTICIPANTS = EDITORS | {"member"}


@dataclass
class EventWorld:
    event: Event
    closed: Event
    ids: dict[str, Any]


@pytest.fixture
def event_world(world: Any) -> EventWorld:
    event = make_event(owner_body=world.supply_chains, slug="due-diligence", capacity=10)
    closed = make_event(owner_body=world.supply_chains, slug="closed-meeting", is_open=False)
    services.register(event=event, user=world.member)
    pending = services.register(event=closed, user=world.focal_point)
    session = services.save_session(
        event=event,
        by=world.chair,
        values=services.SessionInput.of({"title": "Opening", "starts_at": datetime.datetime(2030, 1, 1, 9)}),
    )
    outcome = services.save_outcome(
        event=event, by=world.chair, values=services.OutcomeInput.of({"kind": "decision", "text": "Adopt."})
    )
    action = services.save_roadmap_action(
        event=event, by=world.chair, values=services.RoadmapActionInput.of({"description": "Publish"})
    )
    plan = make_plan(owner_body=world.supply_chains, slug="sc-plan")
    goal = make_node(plan)
    return EventWorld(
        event=event,
        closed=closed,
        ids={
            "session": session.pk,
            "outcome": outcome.pk,
            "action": action.pk,
            "pending": pending.pk,
            "goal": goal.pk,
        },
    )


NEW_EVENT = {
    "kind": "webinar",
    "title": "Webinar on recruitment fees",
    "owner_body": "supply-chains",
    "starts_at": "2030-02-01T14:00",
    "ends_at": "2030-02-01T15:00",
    "timezone": "Europe/Zurich",
    "online_url": "https://meet.example.org/x",
}

OPERATIONS = {
    "create event": Operation("POST", "/events", NEW_EVENT, EDITORS, 201),
    "update event": Operation("PATCH", "/events/due-diligence", {"venue": "Palais"}, EDITORS, 200),
    "cancel event": Operation("POST", "/events/due-diligence/cancel", None, EDITORS, 200),
    "add session": Operation(
        "POST",
        "/events/due-diligence/agenda",
        {"title": "Panel", "starts_at": "2030-01-01T10:00"},
        EDITORS,
        201,
    ),
    "update session": Operation("PATCH", "/agenda-sessions/{session}", {"speakers": "A. B."}, EDITORS, 200),
    "delete session": Operation("DELETE", "/agenda-sessions/{session}", None, EDITORS, 204),
    "list registrations": Operation("GET", "/events/due-diligence/registrations", None, EDITORS, 200),
    "approve registration": Operation("POST", "/registrations/{pending}/approve", None, EDITORS, 200),
    "decline registration": Operation("POST", "/registrations/{pending}/decline", None, EDITORS, 200),
    "list participants": Operation("GET", "/events/due-diligence/participants", None, SEES_PARTICIPANTS, 200),
    "add outcome": Operation(
        "POST", "/events/due-diligence/outcomes", {"kind": "priority", "text": "Evidence."}, EDITORS, 201
    ),
    "update outcome": Operation("PATCH", "/outcomes/{outcome}", {"text": "Adopt it."}, EDITORS, 200),
    "delete outcome": Operation("DELETE", "/outcomes/{outcome}", None, EDITORS, 204),
    "add roadmap action": Operation(
        "POST",
        "/events/due-diligence/roadmap",
        {"description": "Survey", "responsible_organisation": "ilo"},
        EDITORS,
        201,
    ),
    "update roadmap action": Operation(
        "PATCH", "/roadmap-actions/{action}", {"status": "done"}, EDITORS, 200
    ),
    "delete roadmap action": Operation("DELETE", "/roadmap-actions/{action}", None, EDITORS, 204),
    "turn into plan activity": Operation(
        "POST",
        "/roadmap-actions/{action}/plan-activity",
        {"plan": "sc-plan", "parent": "{goal}"},
        EDITORS,
        201,
    ),
    "link plan activity": Operation(
        "PUT", "/roadmap-actions/{action}/plan-activity", {"node": "{goal}"}, EDITORS, 200
    ),
}


@pytest.mark.parametrize("via", ["token", "session"])
@pytest.mark.parametrize(("operation", "role", "expected"), matrix(OPERATIONS, ROLES))
def test_event_permission_matrix(
    api_as: Any, event_world: EventWorld, via: str, operation: str, role: str, expected: int
) -> None:
    response = OPERATIONS[operation].call(api_as(role, via=via), ids=event_world.ids)
    check_answer(response, expected)


@pytest.mark.parametrize("role", ROLES)
def test_reads_are_public(api_as: Any, event_world: EventWorld, role: str) -> None:
    client = api_as(role)
    assert client.get("/events").status_code == 200
    detail = client.get("/events/due-diligence")
    assert detail.status_code == 200
    assert detail.json()["agenda"][0]["title"] == "Opening"
    assert client.get("/events/due-diligence/outcomes").status_code == 200
    assert client.get("/events/due-diligence/roadmap").status_code == 200


@pytest.mark.parametrize("role", sorted(SIGNED_IN))
def test_anyone_signed_in_registers_and_cancels(
    api_as: Any, event_world: EventWorld, role: str, world: Any
) -> None:
    client = api_as(role)
    Registration.objects.filter(user=getattr(world, role)).delete()
    response = client.post("/events/due-diligence/registration")
    assert response.status_code == 201
    assert response.json()["status"] == "registered"
    assert client.get("/events/due-diligence/registration").json()["status"] == "registered"
    assert client.delete("/events/due-diligence/registration").json()["status"] == "cancelled"


def test_anonymous_cannot_register(api_as: Any, event_world: EventWorld) -> None:
    assert api_as("anonymous").post("/events/due-diligence/registration").status_code == 401


def test_participants_hidden_from_people_on_the_waiting_list(
    api_as: Any, event_world: EventWorld, world: Any
) -> None:
    services.update_event(
        event=event_world.event, by=world.chair, values=services.EventInput.of({"capacity": 1})
    )
    client = api_as("outsider")
    assert client.post("/events/due-diligence/registration").json()["status"] == "waitlisted"
    assert client.get("/events/due-diligence/participants").status_code == 403
    names = [p["name"] for p in api_as("member").get("/events/due-diligence/participants").json()["items"]]
    assert names == [world.member.display_name]
