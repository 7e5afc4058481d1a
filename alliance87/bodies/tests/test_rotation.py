"""The chair's next expected rotation, where the body's rules give a term length, and nothing invented otherwise."""

from __future__ import annotations

import datetime

import pytest

from alliance87.bodies.models import Role, RoleTerm
from alliance87.bodies.rotation import add_months, next_rotation
from conftest import World

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2020, 3, 1)


def test_no_rotation_is_shown_when_the_rules_give_no_term_length(world: World) -> None:
    assert next_rotation(world.gcg, world.gcg.role_terms.all(), today=TODAY) is None


def test_the_next_rotation_is_the_current_chairs_start_plus_the_term(world: World) -> None:
    world.gcg.chair_term_months = 24
    world.gcg.chair_rotation_source = "Terms of Reference of Alliance 8.7"
    rotation = next_rotation(world.gcg, world.gcg.role_terms.all(), today=TODAY)
    assert rotation is not None
    assert (rotation.holder, rotation.started, rotation.expected) == (
        "France",
        datetime.date(2019, 7, 1),
        datetime.date(2021, 7, 1),
    )
    assert not rotation.is_past
    later = next_rotation(world.gcg, world.gcg.role_terms.all(), today=datetime.date(2022, 1, 1))
    assert later is not None and later.is_past


def test_a_recorded_term_end_is_the_expected_rotation(world: World) -> None:
    world.supply_chains.chair_term_months = 24
    RoleTerm.objects.filter(body=world.supply_chains, role=Role.CHAIR).update(
        end_date=datetime.date(2020, 12, 31)
    )
    rotation = next_rotation(world.supply_chains, world.supply_chains.role_terms.all(), today=TODAY)
    assert rotation is not None and rotation.expected == datetime.date(2020, 12, 31)


def test_months_are_added_to_the_calendar_not_as_days() -> None:
    assert add_months(datetime.date(2019, 1, 31), 1) == datetime.date(2019, 2, 28)
    assert add_months(datetime.date(2019, 11, 15), 14) == datetime.date(2021, 1, 15)


def test_the_bodys_page_states_the_rotation_and_its_source(world: World, client) -> None:
    world.gcg.chair_term_months = 24
    world.gcg.chair_rotation_source = "the GCG's rules"
    world.gcg.chair_rotation_is_illustrative = True
    world.gcg.save()
    page = client.get(world.gcg.get_absolute_url()).content.decode()
    assert "as reported in the GCG&#x27;s rules" in page or "as reported in the GCG's rules" in page
    assert "Illustrative" in page
