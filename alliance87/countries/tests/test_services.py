"""The Secretariat's record of Pathfinder Countries."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from alliance87.countries.models import PathfinderCountry, PathfinderStatus
from alliance87.countries.services import PathfinderCountryInput, save_pathfinder_country

pytestmark = pytest.mark.django_db


def test_the_secretariat_adds_a_pathfinder_country(world):
    pathfinder = save_pathfinder_country(
        by=world.secretariat,
        values=PathfinderCountryInput.of(
            {
                "country": "NP",
                "focal_institution": world.ilo,
                "latitude": Decimal("28.3949"),
                "longitude": Decimal("84.1240"),
            }
        ),
    )

    saved = PathfinderCountry.objects.get(pk=pathfinder.pk)
    assert str(saved.country.name) == "Nepal"
    assert saved.focal_institution == world.ilo
    assert saved.get_absolute_url() == "/countries/np/"
    assert (saved.status, saved.pathfinder_since) == (PathfinderStatus.EXPRESSED_INTEREST, None)


@pytest.mark.parametrize("field", ["status", "pathfinder_since"])
def test_the_status_is_not_written_but_read_from_the_path(world, field):
    with pytest.raises(ValidationError) as error:
        save_pathfinder_country(
            by=world.secretariat,
            pathfinder=world.fiji,
            values=PathfinderCountryInput.of({field: datetime.date(2018, 7, 1)}),
        )

    assert field in error.value.message_dict


@pytest.mark.parametrize("role", ["admin", "secretariat"])
def test_administrators_and_the_secretariat_may_record_countries(world, role):
    save_pathfinder_country(by=getattr(world, role), values=PathfinderCountryInput.of({"country": "KE"}))

    assert PathfinderCountry.objects.filter(country="KE").exists()


@pytest.mark.parametrize("role", ["chair", "focal_point", "member", "outsider"])
def test_others_cannot_record_countries(world, role):
    with pytest.raises(PermissionDenied):
        save_pathfinder_country(by=getattr(world, role), values=PathfinderCountryInput.of({"country": "KE"}))

    assert not PathfinderCountry.objects.filter(country="KE").exists()


@pytest.mark.parametrize(
    "data",
    [
        {"country": "FJ"},
        {"country": "XX"},
        {"country": "KE", "status": "pathfinder"},
        {"country": "KE", "code": "KE"},
        {"country": "KE", "latitude": Decimal("123456.7")},
    ],
    ids=["already-listed", "unknown-country", "status-not-written", "unknown-field", "latitude-too-large"],
)
def test_an_invalid_country_record_is_refused_and_nothing_is_saved(world, data):
    with pytest.raises(ValidationError):
        save_pathfinder_country(by=world.secretariat, values=PathfinderCountryInput.of(data))

    assert list(PathfinderCountry.objects.values_list("country", flat=True)) == ["FJ"]


def test_a_failed_change_leaves_the_record_as_it_was(world):
    with pytest.raises(ValidationError):
        save_pathfinder_country(
            by=world.secretariat,
            pathfinder=world.fiji,
            values=PathfinderCountryInput.of({"summary": "Changed", "country": "??"}),
        )

    saved = PathfinderCountry.objects.get(pk=world.fiji.pk)
    assert (saved.country.code, saved.summary, saved.status) == ("FJ", "", PathfinderStatus.PATHFINDER)
