"""Every country's profile and every SDG region's: what a reader of a country with no Pathfinder status finds,
what a Pathfinder Country's profile adds, and that nothing restricted shows to a visitor."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alliance87.data.areas import ensure_reference_data
from alliance87.data.models import Access as DataAccess
from alliance87.data.models import Area, Licence, Observation, Series, Unit
from alliance87.library.models import Access, ItemCountry
from alliance87.library.tests.factories import make_item
from alliance87.meetings.tests.factories import make_event
from alliance87.partners.models import Organisation, OrganisationType
from alliance87.plans.tests.factories import make_indicator, make_node, make_period, make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def kenya(world):
    """Kenya, not a Pathfinder Country: a partner based there, an event held there, items and a series about it."""
    ensure_reference_data()
    Organisation.objects.create(
        name="Nairobi Workers' Centre",
        slug="nairobi-workers",
        type=OrganisationType.CIVIL_SOCIETY,
        country="KE",
        is_partner=True,
    )
    Organisation.objects.create(
        name="Not a partner",
        slug="not-partner",
        type=OrganisationType.BUSINESS,
        country="KE",
        is_partner=False,
    )
    make_event(owner_body=world.migration, title="Corridor workshop in Nairobi", country="KE", city="Nairobi")
    public = make_item(title="Recruitment fees in East Africa", countries=["KE"])
    hidden = make_item(title="Partners-only case notes", countries=["KE"], access=Access.PARTNERS)
    for item in (public, hidden):
        ItemCountry.objects.create(item=item, country="KE")
    series = Series.objects.create(
        code="CL_KE",
        name="Children in child labour",
        unit=Unit.PERCENT,
        source_organisation="KNBS",
        licence=Licence.CC_BY_4,
        access=DataAccess.PUBLIC,
    )
    Observation.objects.create(
        series=series, area=Area.objects.get(code="KE"), year=2019, end_year=2019, value=Decimal("8.5")
    )


def test_a_country_that_is_not_a_pathfinder_has_a_full_profile(kenya, client):
    page = client.get("/countries/ke/").content.decode()

    assert "<h1>Kenya" in page
    assert "Not a Pathfinder Country on the platform" in page
    assert "No national action plan is published on the platform." in page
    assert "Nairobi Workers&#x27; Centre" in page and "Not a partner" not in page
    assert "Corridor workshop in Nairobi" in page
    assert "Recruitment fees in East Africa" in page
    assert "Children in child labour" in page and "8.5" in page
    assert 'href="/countries/regions/' in page  # its SDG region's profile


def test_a_visitor_never_sees_restricted_items_about_a_country(kenya, client, client_for, world):
    assert "Partners-only case notes" not in client.get("/countries/ke/").content.decode()
    assert "Partners-only case notes" in client_for(world.member).get("/countries/ke/").content.decode()


def test_a_pathfinder_profile_shows_its_plan_with_its_verdicts(world, client):
    plan = make_plan(owner_country=world.fiji, title="Fiji national action plan")
    indicator = make_indicator(
        make_node(plan),
        baseline_value=Decimal(10),
        baseline_year=2020,
        target_value=Decimal(20),
        target_year=2030,
    )
    make_period(indicator, 2022, value="14")

    page = client.get("/countries/fj/").content.decode()

    assert "Fiji national action plan" in page
    assert "Indicators:" in page
    assert "Not a Pathfinder Country" not in page
    assert "No national action plan" not in page


def test_what_is_missing_is_dated(kenya, client):
    page = client.get("/countries/ke/").content.decode()
    today = timezone.localdate()

    assert "What the platform does not hold yet, as of" in page
    assert str(today.year) in page


@pytest.mark.parametrize(
    "path", ["/countries/zz/", "/countries/12/", "/countries/regions/zz/", "/countries/regions/ke/"]
)
def test_unknown_countries_and_regions_are_not_found(world, client, path):
    ensure_reference_data()
    assert client.get(path).status_code == 404


def test_a_region_profile_lists_its_countries_partners_and_pathfinders(kenya, client, world):
    region = Area.objects.get(code="KE").sdg_region
    assert region is not None

    page = client.get(f"/countries/regions/{region.slug}/").content.decode()

    assert region.display_name in page
    assert 'href="/countries/ke/"' in page
    assert "Nairobi Workers&#x27; Centre" in page
    assert "Corridor workshop in Nairobi" in page
    assert "Recruitment fees in East Africa" in page


def test_the_countries_page_indexes_every_country_profile(world, client):
    ensure_reference_data()
    page = client.get("/countries/").content.decode()

    assert 'id="profiles-heading"' in page
    assert 'href="/countries/ke/"' in page and 'href="/countries/br/"' in page


def test_a_country_profile_costs_a_fixed_number_of_queries(kenya, client, world):
    for i in range(5):
        Organisation.objects.create(
            name=f"Partner {i}",
            slug=f"partner-{i}",
            type=OrganisationType.CIVIL_SOCIETY,
            country="KE",
            is_partner=True,
        )
        make_event(
            owner_body=world.gcg, country="KE", starts_at=timezone.now() - datetime.timedelta(days=40 + i)
        )
    client.get("/countries/ke/")  # warm caches (sessions, content types)

    with CaptureQueriesContext(connection) as queries:
        assert client.get("/countries/ke/").status_code == 200
    assert len(queries) <= 25, [q["sql"][:120] for q in queries.captured_queries]
