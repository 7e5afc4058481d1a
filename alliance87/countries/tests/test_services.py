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
                "status": PathfinderStatus.PATHFINDER,
                "pathfinder_since": datetime.date(2018, 7, 1),
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


def test_the_secretariat_changes_a_status(world):
    save_pathfinder_country(
        by=world.secretariat,
        pathfinder=world.fiji,
        values=PathfinderCountryInput.of({"status": PathfinderStatus.PREPARING}),
    )

    world.fiji.refresh_from_db()
    assert world.fiji.status == PathfinderStatus.PREPARING


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
        {"country": "KE", "status": "dreaming"},
        {"country": "KE", "code": "KE"},
        {"country": "KE", "latitude": Decimal("123456.7")},
    ],
    ids=["already-listed", "unknown-country", "bad-status", "unknown-field", "latitude-too-large"],
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
            values=PathfinderCountryInput.of({"status": PathfinderStatus.PREPARING, "country": "??"}),
        )

    saved = PathfinderCountry.objects.get(pk=world.fiji.pk)
    assert (saved.country.code, saved.status) == ("FJ", PathfinderStatus.PATHFINDER)
