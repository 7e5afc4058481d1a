"""The structure and data pages kept per audience (`core.audiencecache`): bodies, countries, a partner, a plan, an
indicator, the gap reports, the data pages. The same roles share a page but never a name, a count or a token;
whoever may edit or report on *this* plan gets a page of their own; a change shows on the next request; a visitor
never gets a signed-in page.

These tests commit for real (``transaction=True``): pages are only kept between committed data versions. They are
slow, so there are few of them, each looping over the pages.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from django.middleware.csrf import _unmask_cipher_token  # type: ignore[attr-defined]
from django.test import Client

from alliance87.community.models import Notification, NotificationKind
from alliance87.data.areas import ensure_reference_data
from alliance87.data.models import Access, Area, AreaKind, Licence, Observation, Series, Unit
from alliance87.home.tests.conftest import HEADER, page_tokens
from alliance87.partners.models import OrganisationMembership
from alliance87.plans import services as plan_services
from alliance87.plans.models import CommonIndicator, IndicatorValue, ValueStatus
from alliance87.plans.tests.factories import make_indicator, make_node, make_period, make_plan
from conftest import make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def structure(partnership):
    """The partnership, with a plan of Supply Chains (chaired by the ILO) whose one result the NGO reports on, an
    indicator, a common indicator, and a public series with a value for the world."""
    world = partnership
    ensure_reference_data()
    plan = make_plan(owner_body=world.supply_chains, title="Supply chain plan", slug="supply-chain-plan")
    node = make_node(plan, title="Recruitment is fair")
    node.responsible_organisations.add(world.ngo)
    common = CommonIndicator.objects.create(slug="fair-recruitment", title="Fair recruitment")
    indicator = make_indicator(node, title="Workers recruited fairly", common_indicator=common)
    period = make_period(indicator, 2024, target=150)
    series = Series.objects.create(
        code="CL_RATE",
        name="Children in child labour",
        unit=Unit.PERCENT,
        source_organisation="ILO and UNICEF",
        licence=Licence.CC_BY_4,
        access=Access.PUBLIC,
    )
    world_area = Area.objects.get(code="001")
    Observation.objects.create(series=series, area=world_area, year=2020, end_year=2020, value=Decimal("9.6"))
    world.plan, world.indicator, world.period, world.series, world.world_area = (
        plan,
        indicator,
        period,
        series,
        world_area,
    )
    return world


def pages(world) -> list[str]:
    region = Area.objects.filter(kind=AreaKind.REGION).order_by("code").first()
    plan = world.plan.slug
    return [
        "/about/",
        "/bodies/",
        "/countries/",
        "/countries/fj/",
        *([f"/countries/regions/{region.code}/"] if region else []),
        f"/partners/{world.ngo.slug}/",
        f"/plans/{plan}/",
        f"/plans/{plan}/indicators/{world.indicator.pk}/",
        f"/plans/{plan}/budget/",
        "/plans/gaps/",
        f"/plans/{plan}/gaps/",
        "/plans/common/",
        "/plans/common/fair-recruitment/",
        "/data/",
        "/data/series/",
        f"/data/series/{world.series.code}/",
        "/data/areas/",
        world.world_area.get_absolute_url(),
        "/data/tables/",
    ]


def test_the_same_roles_share_each_page_but_never_a_name_count_or_token_and_visitors_get_their_own(
    structure, signed_in
):
    world = structure
    twin = world.twin  # the member's standing
    Notification.objects.create(user=world.member, kind=NotificationKind.REPLY, text="A reply", link="/")
    member, other = signed_in(world.member), signed_in(twin)

    for path in pages(world):
        first = member.get(path)
        assert first.status_code == 200, path
        assert first.headers.get(HEADER) == "miss", path
        served = other.get(path)
        assert served.headers.get(HEADER) == "hit", path
        mine, theirs = first.content.decode(), served.content.decode()
        assert "Notifications (1)" in mine and "Notifications (0)" in theirs, path
        assert "Sign out" in theirs and "\x00" not in theirs, path
        for personal in ("Mireille", "Membrane", world.member.email):
            assert personal not in theirs, path
        their_secret = other.cookies["csrftoken"].value
        assert {_unmask_cipher_token(token) for token in page_tokens(theirs)} <= {their_secret}, path
        assert not page_tokens(theirs) & page_tokens(mine), path
        visitor = Client()
        visitor.get(path)
        page = visitor.get(path)  # from the visitors' own cache
        assert page.headers.get("X-Page-Cache") == "hit" and page.headers.get(HEADER) is None, path
        assert "Sign out" not in page.content.decode() and "Mireille" not in page.content.decode(), path


def test_whoever_may_edit_or_report_on_this_plan_gets_a_page_of_their_own(structure, signed_in):
    world = structure
    plan, indicator = world.plan, world.indicator
    value = IndicatorValue.objects.create(
        period=world.period,
        value=Decimal("130.5"),
        status=ValueStatus.SUBMITTED,
        submitted_by=world.focal_point,
    )
    approve = f"/plans/values/{value.pk}/approve/"
    plan_page, indicator_page = plan.get_absolute_url(), indicator.get_absolute_url()
    edit, report = f"/plans/{plan.slug}/edit/", f"/plans/{plan.slug}/periods/{world.period.pk}/report/"
    outsider = signed_in(world.other_focal_point)  # a partner's focal point, not on this plan
    for _ in range(2):  # the second time from the cache
        page = outsider.get(indicator_page).content.decode()
        assert report not in page and "130.5" not in page  # not a digit run: ids hold "130"
    assert outsider.get(plan_page).headers.get(HEADER) == "miss"

    reporter = signed_in(world.member)  # the NGO reports on the plan's result
    page = reporter.get(indicator_page)
    assert page.headers.get(HEADER) == "miss"
    assert report in page.content.decode() and "130.5" in page.content.decode()
    assert approve not in page.content.decode()
    page = reporter.get(plan_page)
    assert page.headers.get(HEADER) == "miss"
    assert edit not in page.content.decode()

    editor = signed_in(world.chair)  # the ILO chairs Supply Chains, which owns the plan
    page = editor.get(indicator_page)
    assert page.headers.get(HEADER) == "miss"
    assert approve in page.content.decode()
    page = editor.get(plan_page)
    assert page.headers.get(HEADER) == "miss"
    assert edit in page.content.decode()

    # A partner's focal points each have their own page of it: the others are offered a message, not oneself.
    second = make_user("second-focal@example.org", first_name="Serafina", last_name="Secondo")
    OrganisationMembership.objects.create(user=second, organisation=world.ngo, is_focal_point=True)
    partner_page = world.ngo.get_absolute_url()
    signed_in(world.focal_point).get(partner_page)
    page = signed_in(second).get(partner_page)
    assert page.headers.get(HEADER) != "hit"
    content = page.content.decode()
    assert f"?to={world.focal_point.pk}" in content and f"?to={second.pk}" not in content


def test_a_change_by_anyone_shows_on_the_next_signed_in_request(structure, signed_in):
    world = structure
    value = IndicatorValue.objects.create(
        period=world.period, value=Decimal(140), status=ValueStatus.SUBMITTED, submitted_by=world.member
    )
    reader = signed_in(world.other_focal_point)
    paths = [
        world.plan.get_absolute_url(),
        world.indicator.get_absolute_url(),
        "/plans/gaps/",
        f"/data/series/{world.series.code}/",
    ]
    for path in paths:
        reader.get(path)
        assert reader.get(path).headers.get(HEADER) == "hit", path
    assert "140" not in reader.get(world.indicator.get_absolute_url()).content.decode()

    framework = plan_services.framework
    fields = dataclasses.replace(framework.PlanFields.of(world.plan), title="Fair supply chains plan")
    framework.update_plan(plan=world.plan, by=world.chair, fields=fields)
    plan_services.reporting.approve_value(value=value, by=world.chair)
    series = Series.objects.get(pk=world.series.pk)
    series.name = "Children in child labour, revised"
    series.save()

    for path, shown in zip(
        paths,
        ["Fair supply chains plan", "140", "Fair supply chains plan", "Children in child labour, revised"],
        strict=True,
    ):
        page = reader.get(path)
        assert page.headers.get(HEADER) == "miss", path
        assert shown in page.content.decode(), path
