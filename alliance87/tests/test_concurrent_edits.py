"""Two people edit the same body, library item or event: the second to save is told, nothing is lost silently.

Each record is edited through its page (a message naming what was changed, the form kept) and through the API
(409 with the same message); a change that names no version is not checked, as before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import models
from django.test import Client

from alliance87.bodies.models import Body
from alliance87.core.tests.page_forms import form_with
from alliance87.library.models import Item
from alliance87.library.tests.factories import make_item
from alliance87.meetings.models import Event
from alliance87.meetings.tests.factories import make_event


@dataclass(frozen=True)
class Record:
    """How a kind of record is made, where its page and API edit it, and which text field a test changes."""

    make: Callable[[Any], models.Model]
    page: str
    api: str
    field: str
    group: str  # how the refusal names what was edited


def _body(world: Any) -> Body:
    return Body.objects.get(pk=world.supply_chains.pk)


def _item(world: Any) -> Item:
    return make_item(slug="due-diligence-guide", title="Due diligence guide", created_by=world.secretariat)


def _event(world: Any) -> Event:
    return make_event(
        owner_body=world.supply_chains, slug="due-diligence-workshop", title="Due diligence workshop"
    )


RECORDS = {
    "body": Record(
        _body, "/bodies/supply-chains/edit/", "/bodies/supply-chains", "purpose", "the body's description"
    ),
    "library item": Record(
        _item,
        "/library/due-diligence-guide/edit/",
        "/library/items/due-diligence-guide",
        "abstract",
        "the item's catalogue record",
    ),
    "event": Record(
        _event,
        "/events/due-diligence-workshop/edit/",
        "/events/due-diligence-workshop",
        "description",
        "the event's details",
    ),
}


def _open(client: Client, record: Record) -> dict[str, Any]:
    response = client.get(record.page)
    assert response.status_code == 200
    form = form_with(response.content.decode(), "version")
    assert form["version"], "the form carries the version it was opened at"
    return form


@pytest.mark.parametrize("kind", RECORDS)
def test_the_second_editor_on_the_page_is_told_and_keeps_what_they_typed(world: Any, kind: str) -> None:
    record = RECORDS[kind]
    saved_record = record.make(world)
    first, second = Client(), Client()
    first.force_login(world.secretariat)
    second.force_login(world.secretariat)
    first_form, second_form = _open(first, record), _open(second, record)
    assert first_form["version"] == second_form["version"]

    saved = first.post(record.page, {**first_form, record.field: "Written first."})
    assert saved.status_code == 302, saved.content.decode()[:2000]

    refused = second.post(record.page, {**second_form, record.field: "Written second."})
    assert refused.status_code == 200
    page = refused.content.decode()
    assert f"Someone else saved {record.group}" in page.replace("&#x27;", "'")
    assert "Written second." in page  # what they typed is still in the form
    stored = type(saved_record)._default_manager.get(pk=saved_record.pk)
    assert getattr(stored, record.field) == "Written first."

    # Having compared, they save again on purpose: the form now starts from the saved version.
    again = form_with(page, "version")
    assert again["version"] != second_form["version"]
    assert second.post(record.page, again).status_code == 302
    assert (
        getattr(type(saved_record)._default_manager.get(pk=saved_record.pk), record.field)
        == "Written second."
    )


@pytest.mark.parametrize("kind", RECORDS)
def test_an_api_change_from_an_old_version_is_a_409(world: Any, api_as: Any, kind: str) -> None:
    record = RECORDS[kind]
    record.make(world)
    first, second = api_as("secretariat"), api_as("secretariat")
    version = first.get(record.api).json()["version"]

    saved = first.patch(record.api, {record.field: "From the first client.", "version": version})
    assert saved.status_code == 200, saved.content[:500]
    assert saved.json()["version"] != version

    refused = second.patch(record.api, {record.field: "From the second.", "version": version})
    assert refused.status_code == 409
    assert f"Someone else saved {record.group}" in refused.json()["detail"]
    assert second.get(record.api).json()[record.field] == "From the first client."

    current = second.get(record.api).json()["version"]
    assert second.patch(record.api, {record.field: "From the second.", "version": current}).status_code == 200
    assert second.patch(record.api, {record.field: "Without a version."}).status_code == 200
