"""Bad requests to the events API get a 4xx JSON answer naming the field at fault."""

from __future__ import annotations

from typing import Any

import pytest

from alliance87.meetings import services
from alliance87.meetings.models import Event
from alliance87.meetings.tests.factories import make_event
from tests.api import field_names

NEW_EVENT = {
    "kind": "workshop",
    "title": "Supply chains workshop",
    "owner_body": "supply-chains",
    "starts_at": "2030-01-15T09:00",
    "ends_at": "2030-01-15T17:00",
    "timezone": "Europe/Zurich",
    "city": "Geneva",
}


@pytest.fixture
def chair(api_as: Any) -> Any:
    return api_as("chair")


def test_created_event_reads_back_in_utc_and_local_time(chair: Any) -> None:
    response = chair.post("/events", NEW_EVENT)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["starts_at"].startswith("2030-01-15T08:00:00")
    assert body["starts_at_local"].startswith("2030-01-15T09:00:00+01:00")
    assert body["sequence"] == 0 and "@" in body["uid"]


def test_malformed_json_is_a_400(chair: Any) -> None:
    response = chair.post("/events", raw='{"kind": ')
    assert response.status_code == 400


def test_missing_required_fields_are_named(chair: Any) -> None:
    response = chair.post("/events", {})
    assert response.status_code == 422
    assert field_names(response) == {"kind", "title", "starts_at", "ends_at"}


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({**NEW_EVENT, "kind": "party"}, "kind"),
        ({**NEW_EVENT, "starts_at": "next week"}, "starts_at"),
        ({**NEW_EVENT, "capacity": 0}, "capacity"),
        ({**NEW_EVENT, "country": "XX"}, "country"),
        ({**NEW_EVENT, "slug": "mine"}, "slug"),
        ({**NEW_EVENT, "organisers": "ilo"}, "organisers"),
    ],
)
def test_schema_errors_name_the_field(chair: Any, payload: dict[str, Any], field: str) -> None:
    response = chair.post("/events", payload)
    assert response.status_code == 422
    assert field_names(response) == {field}


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({**NEW_EVENT, "timezone": "Mars/Olympus"}, "timezone"),
        ({**NEW_EVENT, "ends_at": "2030-01-14T09:00"}, "ends_at"),
        ({**NEW_EVENT, "owner_body": "no-such-body"}, "owner_body"),
        ({**NEW_EVENT, "owner_country": "BR"}, "owner_country"),
        ({**NEW_EVENT, "organisers": ["ilo", "nobody"]}, "organisers"),
        ({**NEW_EVENT, "city": ""}, "venue"),
    ],
)
def test_rule_errors_name_the_field(chair: Any, payload: dict[str, Any], field: str) -> None:
    response = chair.post("/events", payload)
    assert response.status_code == 400, response.content
    assert field in field_names(response)
    assert not Event.objects.filter(title=NEW_EVENT["title"]).exists()


def test_patch_may_not_null_a_required_field(chair: Any, world: Any) -> None:
    make_event(owner_body=world.supply_chains, slug="ws")
    response = chair.patch("/events/ws", {"title": None})
    assert response.status_code == 422
    assert field_names(response) == {"title"}


def test_unknown_event_and_records_are_404(chair: Any) -> None:
    assert chair.get("/events/nothing").status_code == 404
    assert chair.post("/events/nothing/registration").status_code == 404
    assert chair.patch("/outcomes/999999", {"text": "x"}).status_code == 404


def test_registering_twice_is_a_400_with_a_message(api_as: Any, world: Any) -> None:
    make_event(owner_body=world.supply_chains, slug="ws")
    member = api_as("member")
    assert member.post("/events/ws/registration").status_code == 201
    response = member.post("/events/ws/registration")
    assert response.status_code == 400
    assert "already registered" in response.json()["detail"]


def test_session_documents_must_be_library_items(chair: Any, world: Any) -> None:
    make_event(owner_body=world.supply_chains, slug="ws")
    response = chair.post(
        "/events/ws/agenda",
        {"title": "Panel", "starts_at": "2030-01-15T09:00", "documents": ["no-such-item"]},
    )
    assert response.status_code == 400
    assert field_names(response) == {"documents"}


def test_plan_activity_needs_a_known_plan_and_parent(chair: Any, world: Any) -> None:
    event = make_event(owner_body=world.supply_chains, slug="ws")
    action = services.save_roadmap_action(
        event=event, by=world.chair, values=services.RoadmapActionInput.of({"description": "Do"})
    )
    response = chair.post(f"/roadmap-actions/{action.pk}/plan-activity", {"plan": "nope"})
    assert field_names(response) == {"plan"}
    response = chair.put(f"/roadmap-actions/{action.pk}/plan-activity", {"node": 999999})
    assert field_names(response) == {"node"}
