"""The data dashboard's figures, map and tables, kept once per data version, language and set of visible series for
every reader: a change shows on the next request, each language gets its own, nobody gets what they may not see.

These tests commit for real (``transaction=True``): the tables are only kept between committed versions.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from alliance87.core.tests.helpers import read_page
from alliance87.data.areas import ensure_reference_data
from alliance87.data.models import Access, Area, AreaKind, Licence, Observation, Series, Unit

pytestmark = pytest.mark.django_db(transaction=True)


def headline(code: str, name: str, value: str, *, access: str = Access.PUBLIC, **extra) -> Observation:
    """A headline series with one world value."""
    ensure_reference_data()
    series = Series.objects.create(
        code=code,
        name=name,
        unit=Unit.MILLIONS,
        source_organisation="ILO",
        licence=Licence.CC_BY_4,
        access=access,
        is_headline=True,
        **extra,
    )
    world = Area.objects.filter(kind=AreaKind.WORLD).first()
    return Observation.objects.create(
        series=series, area=world, year=2021, end_year=2021, value=Decimal(value)
    )


def dashboard(user=None, path: str = "/data/") -> str:
    return read_page(path, user)


def test_a_changed_value_shows_on_the_next_request_of_everyone(world):
    value = headline("FORCED", "People in forced labour", "27.6")
    for user in (None, world.member, world.secretariat):
        assert "27.6 million" in dashboard(user)

    value.value = Decimal("28.1")
    value.save()

    for user in (None, world.member, world.secretariat):
        page = dashboard(user)
        assert "28.1 million" in page and "27.6 million" not in page


def test_a_partners_only_series_never_reaches_those_who_may_not_see_it(world):
    world.ngo.is_partner = True
    world.ngo.save()
    headline("PUBLIC", "Public world figure", "50.0")
    headline("PARTNERS", "Partners-only world figure", "12.5", access=Access.PARTNERS)

    for _ in range(2):  # the second time from the kept tables
        assert "Partners-only world figure" in dashboard(world.member)
        assert "Partners-only world figure" in dashboard(world.secretariat)
        for reader in (None, world.outsider):
            page = dashboard(reader)
            assert "Public world figure" in page and "Partners-only world figure" not in page


def test_each_language_reads_its_own_figures(world):
    headline("FORCED", "People in forced labour", "27.6", name_fr="Personnes en travail forcé")
    for _ in range(2):
        english = dashboard()
        assert "People in forced labour" in english and "27.6 million" in english
        french = dashboard(world.member, "/fr/data/")
        assert "Personnes en travail forcé" in french and "27,6 million" in french
        assert "People in forced labour" not in french.split('id="figures-heading"')[1].split("</section>")[0]
        spanish = dashboard(path="/es/data/")
        assert '<span lang="en">People in forced labour</span>' in spanish and "27,6 millones" in spanish


def test_the_kept_tables_carry_no_readers_links_to_another(world):
    headline("FORCED", "People in forced labour", "27.6")
    officer = dashboard(world.secretariat)  # keeps the tables first
    visitor = dashboard()

    assert 'href="/data/imports/"' in officer
    assert "People in forced labour" in visitor and 'href="/data/imports/"' not in visitor
    assert 'href="/data/imports/"' in dashboard(world.secretariat)
