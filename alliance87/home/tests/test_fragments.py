"""Parts of the home page kept per data version and audience: a change shows at once, nobody sees another's rows.

These tests commit for real (``transaction=True``), as the fragments are only kept between committed versions.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from alliance87.data.areas import ensure_reference_data
from alliance87.data.models import Access, Area, AreaKind, Licence, Observation, Series, Unit

pytestmark = pytest.mark.django_db(transaction=True)


def partners_only_figure(name: str) -> Series:
    ensure_reference_data()
    series = Series.objects.create(
        code="PARTNER_FIGURE",
        name=name,
        unit=Unit.MILLIONS,
        source_organisation="ILO",
        licence=Licence.CC_BY_4,
        access=Access.PARTNERS,
        is_headline=True,
    )
    world = Area.objects.filter(kind=AreaKind.WORLD).first()
    Observation.objects.create(series=series, area=world, year=2021, end_year=2021, value=Decimal("27.6"))
    return series


def home_as(user) -> str:
    client = Client()
    if user is not None:
        client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_partners_only_figure_is_never_served_to_someone_who_may_not_see_it(world):
    world.ngo.is_partner = True
    world.ngo.save()
    partners_only_figure("Partners-only world figure")

    for _ in range(2):  # the second time from the kept fragment
        assert "Partners-only world figure" in home_as(world.member)
    assert "Partners-only world figure" not in home_as(world.outsider)
    assert "Partners-only world figure" not in home_as(None)
    assert "Partners-only world figure" in home_as(world.secretariat)
    assert "Partners-only world figure" in home_as(world.focal_point)  # the same standing as the member


def test_a_renamed_series_shows_on_the_next_signed_in_request(world):
    world.ngo.is_partner = True
    world.ngo.save()
    series = partners_only_figure("Figure before")
    assert "Figure before" in home_as(world.member)

    series.name = "Figure after"
    series.save()

    page = home_as(world.member)
    assert "Figure after" in page and "Figure before" not in page


def test_a_new_action_group_shows_on_the_next_request_of_a_signed_in_person(world):
    from alliance87.bodies.models import Body, BodyKind

    assert "Action Group on Forced Labour Futures" not in home_as(world.member)
    Body.objects.create(
        kind=BodyKind.ACTION_GROUP, name="Action Group on Forced Labour Futures", slug="futures", position=30
    )
    assert "Action Group on Forced Labour Futures" in home_as(world.member)
