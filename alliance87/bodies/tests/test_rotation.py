"""The chair's next expected rotation, where the body's rules give a term length, and nothing invented otherwise."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from alliance87.bodies.models import Body, ChairRotationRule, Role, RoleTerm
from alliance87.bodies.rotation import add_months, next_rotation
from alliance87.bodies.services import BodyInput, save_body
from conftest import World

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2020, 3, 1)


def _rule(body: Body, **fields: object) -> Body:
    """The body with a rotation rule recorded, read again as the pages read it."""
    ChairRotationRule.objects.create(body=body, **fields)
    return Body.objects.select_related("chair_rotation").get(pk=body.pk)


def test_no_rotation_is_shown_when_the_rules_give_no_term_length(world: World) -> None:
    assert next_rotation(world.gcg, world.gcg.role_terms.all(), today=TODAY) is None


def test_the_next_rotation_is_the_current_chairs_start_plus_the_term(world: World) -> None:
    gcg = _rule(world.gcg, term_months=24, source="Terms of Reference of Alliance 8.7")
    rotation = next_rotation(gcg, gcg.role_terms.all(), today=TODAY)
    assert rotation is not None
    assert (rotation.holder, rotation.started, rotation.expected) == (
        "France",
        datetime.date(2019, 7, 1),
        datetime.date(2021, 7, 1),
    )
    assert not rotation.is_past
    assert rotation.provenance.source == "Terms of Reference of Alliance 8.7"
    later = next_rotation(gcg, gcg.role_terms.all(), today=datetime.date(2022, 1, 1))
    assert later is not None and later.is_past


def test_a_recorded_term_end_is_the_expected_rotation(world: World) -> None:
    supply_chains = _rule(world.supply_chains, term_months=24)
    RoleTerm.objects.filter(body=world.supply_chains, role=Role.CHAIR).update(
        end_date=datetime.date(2020, 12, 31)
    )
    rotation = next_rotation(supply_chains, supply_chains.role_terms.all(), today=TODAY)
    assert rotation is not None and rotation.expected == datetime.date(2020, 12, 31)


def test_months_are_added_to_the_calendar_not_as_days() -> None:
    assert add_months(datetime.date(2019, 1, 31), 1) == datetime.date(2019, 2, 28)
    assert add_months(datetime.date(2019, 11, 15), 14) == datetime.date(2021, 1, 15)


def test_the_bodys_page_states_the_rotation_and_its_source(world: World, client) -> None:
    _rule(world.gcg, term_months=24, source="the GCG's rules", is_illustrative=True)
    page = client.get(world.gcg.get_absolute_url()).content.decode()
    assert "<cite>the GCG&#x27;s rules</cite>" in page
    assert "Illustrative" in page


def test_the_secretariat_records_the_rotation_rule_with_its_source_and_can_clear_it(world: World) -> None:
    save_body(
        by=world.secretariat,
        body=world.gcg,
        values=BodyInput(
            chair_term_months=24,
            chair_rotation_source="Terms of Reference of the GCG",
            chair_rotation_source_url="https://www.alliance87.org/tor.pdf",
        ),
    )
    rule = ChairRotationRule.objects.get(body=world.gcg)
    assert (rule.term_months, rule.provenance.source, rule.provenance.url) == (
        24,
        "Terms of Reference of the GCG",
        "https://www.alliance87.org/tor.pdf",
    )
    save_body(by=world.secretariat, body=world.gcg, values=BodyInput(name="Global Coordinating Group (GCG)"))
    assert ChairRotationRule.objects.get(body=world.gcg).term_months == 24  # not given: kept

    with pytest.raises(ValidationError) as refused:
        save_body(by=world.secretariat, body=world.gcg, values=BodyInput(chair_rotation_source_url="the ToR"))
    assert "chair_rotation_source_url" in refused.value.message_dict

    save_body(
        by=world.secretariat,
        body=world.gcg,
        values=BodyInput(chair_term_months=None, chair_rotation_source="", chair_rotation_source_url=""),
    )
    assert not ChairRotationRule.objects.filter(body=world.gcg).exists()


def test_the_api_answers_the_rotation_rule_with_the_shared_provenance(world: World, client) -> None:
    _rule(world.gcg, term_months=24, source="Terms of Reference of the GCG", is_illustrative=True)
    payload = client.get("/api/v1/bodies/gcg").json()
    assert payload["chair_rotation"] == {
        "term_months": 24,
        "provenance": {
            "source": "Terms of Reference of the GCG",
            "url": "",
            "read_on": None,
            "as_of": None,
            "illustrative": True,
        },
    }
    assert client.get("/api/v1/bodies/migration").json()["chair_rotation"] is None
