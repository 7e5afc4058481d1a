"""A restricted library document on an agenda is never shown sideways, and an editor who cannot see it keeps it."""

from __future__ import annotations

import datetime

import pytest

from alliance87.library.models import Access
from alliance87.library.tests.factories import make_item
from alliance87.meetings import services
from alliance87.meetings.tests.factories import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(world):
    event = make_event(owner_body=world.supply_chains, slug="workshop", title="Workshop")
    public = make_item(title="Public guidance", slug="public-guidance", access=Access.PUBLIC)
    hidden = make_item(
        title="Migration board minutes", slug="board-minutes", access=Access.BODY, access_body=world.migration
    )
    return services.save_session(
        event=event,
        by=world.secretariat,
        values=services.SessionInput(
            title="Opening", starts_at=datetime.datetime(2030, 1, 1, 9), documents=[public, hidden]
        ),
    )


def attached(session) -> set[str]:
    return set(session.documents.values_list("slug", flat=True))


def test_an_api_edit_by_an_editor_who_cannot_see_a_document_neither_shows_nor_drops_it(
    world, api_as, session
):
    response = api_as("chair").patch(f"/agenda-sessions/{session.pk}", {"speakers": "A. Speaker"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "board-minutes" not in body and "Migration board minutes" not in body
    assert [d["slug"] for d in response.json()["documents"]] == ["public-guidance"]
    assert attached(session) == {"public-guidance", "board-minutes"}


def test_replacing_the_documents_keeps_those_the_editor_cannot_see(world, api_as, session):
    response = api_as("chair").patch(f"/agenda-sessions/{session.pk}", {"documents": []})
    assert response.status_code == 200 and response.json()["documents"] == []
    assert attached(session) == {"board-minutes"}


def test_saving_the_session_form_unchanged_keeps_the_restricted_document(world, client_for, session):
    chair = client_for(world.chair)
    form = chair.get(f"/events/workshop/agenda/{session.pk}/edit/").content.decode()
    assert "board-minutes" not in form and "Migration board minutes" not in form
    public_pk = session.documents.get(slug="public-guidance").pk
    response = chair.post(
        f"/events/workshop/agenda/{session.pk}/edit/",
        {"title": "Opening", "starts_at": "2030-01-01T09:00", "documents": [public_pk]},
    )
    assert response.status_code == 302
    assert attached(session) == {"public-guidance", "board-minutes"}


def test_a_token_reads_the_agenda_as_its_person(world, api_as, session):
    member_of_migration = world.other_chair  # represents the IOM in the Migration group
    as_token = api_as("other_chair").get("/events/workshop").content.decode()
    assert "board-minutes" in as_token, member_of_migration
    assert "board-minutes" not in api_as("anonymous").get("/events/workshop").content.decode()
    assert "board-minutes" not in api_as("member").get("/events/workshop").content.decode()
