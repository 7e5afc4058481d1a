"""A body is never part of itself, directly or through its parts: refused on the page and in the API."""

from __future__ import annotations

from typing import Any

import pytest

from alliance87.bodies.models import Body

pytestmark = pytest.mark.django_db

LOOP = "is itself part of this body"


def body_form(body: Body, **changes: Any) -> dict[str, Any]:
    data = {
        "kind": body.kind,
        "name": body.name,
        "short_name": body.short_name,
        "parent": body.parent_id or "",
        "purpose": body.purpose,
        "is_open_to_requests": "on",
        "position": body.position,
    }
    data.update(changes)
    return data


def test_the_page_refuses_making_an_action_group_part_of_its_own_working_group(world, client_for):
    page = client_for(world.secretariat).post(
        "/bodies/supply-chains/edit/", body_form(world.supply_chains, parent=world.working_group.pk)
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert LOOP in html and "Working Group on Knowledge Gaps and Research" in html
    world.supply_chains.refresh_from_db()
    assert world.supply_chains.parent_id is None


def test_a_loop_through_two_levels_is_refused_in_the_api_naming_the_field(world, api_as):
    grandchild = Body.objects.create(
        kind="working_group", name="Sub-group", slug="sub-group", parent=world.working_group
    )
    response = api_as("secretariat").patch("/bodies/supply-chains", {"parent": grandchild.slug})
    assert response.status_code == 400
    assert {error["field"] for error in response.json()["errors"]} == {"parent"}
    assert LOOP in response.json()["errors"][0]["message"]
    assert Body.objects.get(slug="supply-chains").parent_id is None


def test_a_body_cannot_be_its_own_parent(world, api_as):
    response = api_as("secretariat").patch("/bodies/migration", {"parent": "migration"})
    assert response.status_code == 400
    assert "cannot be part of itself" in response.json()["errors"][0]["message"]


def test_moving_a_working_group_under_another_action_group_is_still_allowed(world, api_as):
    response = api_as("secretariat").patch("/bodies/wg-research", {"parent": "migration"})
    assert response.status_code == 200
    assert Body.objects.get(slug="wg-research").parent == world.migration
