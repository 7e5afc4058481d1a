"""Review that hides nothing it shouldn't and shows nothing it shouldn't.

While a correction of an approved value is reviewed, or after it was returned, the approved value keeps counting
and is what everyone outside the plan's team sees; the returned figure and the reviewer's comment are the team's.
Nobody approves their own submission; values are checked against the measure; reporters report on what their
organisation is assigned to.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from alliance87.plans import services
from alliance87.plans.models import IndicatorValue, IndicatorVerdict, Measure, ValueStatus
from alliance87.plans.tests.factories import make_indicator, make_node, make_plan
from tests.api import ApiClient

pytestmark = pytest.mark.django_db

COMMENT = "Please attach the corrected report."


@pytest.fixture
def returned(world):
    """An approved 41 whose correction to 39 was returned with a comment."""
    plan = make_plan(owner_body=world.supply_chains, slug="sc")
    node = make_node(plan)
    node.responsible_organisations.add(world.ngo)
    indicator = make_indicator(node, baseline_value=Decimal(20), target_value=Decimal(60))
    period = services.indicators.set_period(
        indicator=indicator, by=world.chair, start=_date(2024, 1, 1), end=_date(2024, 12, 31)
    )
    value = services.reporting.submit_value(period=period, by=world.member, value="41", expected_version=0)
    value = services.reporting.approve_value(value=value, by=world.chair)
    value = services.reporting.submit_value(
        period=period, by=world.chair, value="39", expected_version=value.version
    )
    value = services.reporting.return_value(value=value, by=world.secretariat, comment=COMMENT)
    return plan, indicator, value


def _date(*parts: int) -> datetime.date:
    return datetime.date(*parts)


def test_the_approved_value_keeps_counting_while_its_correction_is_returned(returned):
    _plan, indicator, value = returned
    assert value.status == ValueStatus.RETURNED
    stored = IndicatorVerdict.objects.get(indicator=indicator)
    assert stored.latest_value == Decimal(41)
    assert stored.category != "insufficient_data"


@pytest.mark.parametrize("who", [None, "outsider", "other_focal_point", "other_chair"])
def test_outside_the_team_the_page_shows_the_approved_value_and_nothing_of_the_review(
    client, world, returned, who
):
    plan, indicator, _value = returned
    if who:
        client.force_login(getattr(world, who))
    html = client.get(reverse("plans:indicator", args=[plan.slug, indicator.pk])).content.decode()
    assert "41" in html
    assert COMMENT not in html
    assert "Returned for revision" not in html
    assert ">39<" not in html and "39 " not in html.split("Targets and reported values")[1]


@pytest.mark.parametrize("who", [None, "outsider", "other_focal_point"])
def test_outside_the_team_the_api_and_csv_give_the_approved_value_only(world, returned, who):
    plan, indicator, _value = returned
    api = ApiClient(getattr(world, who) if who else None)
    period = api.get(f"/indicators/{indicator.pk}").json()["periods"][0]
    assert period["approved_value"] == "41.0000"
    assert period["actual"]["value"] == "41.0000"
    assert period["actual"]["status"] == "approved"
    assert period["actual"]["review_comment"] == ""
    browser = Client()
    if who:
        browser.force_login(getattr(world, who))
    data = browser.get(reverse("plans:indicator_csv", args=[plan.slug, indicator.pk])).content.decode()
    assert "41" in data and "39" not in data


def test_the_team_sees_the_returned_value_its_comment_and_what_still_counts(client, world, returned):
    plan, indicator, _value = returned
    client.force_login(world.member)
    html = client.get(reverse("plans:indicator", args=[plan.slug, indicator.pk])).content.decode()
    assert COMMENT in html and "Returned for revision" in html
    assert "The approved value, 41, counts until this one is approved." in html


def test_nobody_approves_their_own_submission(client, world, returned):
    _plan, _indicator, value = returned
    value = services.reporting.submit_value(
        period=value.period, by=world.chair, value="40", expected_version=value.version
    )
    with pytest.raises(PermissionDenied):
        services.reporting.approve_value(value=value, by=world.chair)

    client.force_login(world.chair)
    page = client.post(
        reverse("plans:approve_value", args=[value.pk]),
        {"version": value.version, "next": "indicator"},
        follow=True,
    )
    assert "this plan requires a second person to approve it" in page.content.decode()
    assert IndicatorValue.objects.get(pk=value.pk).status == ValueStatus.SUBMITTED
    services.reporting.approve_value(value=value, by=world.secretariat)
    assert IndicatorValue.objects.get(pk=value.pk).status == ValueStatus.APPROVED


def test_a_plan_may_let_one_person_submit_and_approve(world, returned):
    plan, _indicator, value = returned
    plan.requires_second_approver = False
    plan.save()
    value = services.reporting.submit_value(
        period=value.period, by=world.chair, value="40", expected_version=value.version
    )
    assert services.reporting.approve_value(value=value, by=world.chair).status == ValueStatus.APPROVED


@pytest.mark.parametrize(
    ("measure", "figure", "extra"),
    [
        (Measure.NUMBER, "-5", {}),
        (Measure.PERCENTAGE, "150", {"baseline_value": Decimal(20), "target_value": Decimal(60)}),
        (Measure.YES_NO, "2", {"baseline_value": Decimal(0), "target_value": Decimal(1)}),
    ],
)
def test_a_value_outside_its_measure_is_refused_naming_the_field(world, measure, figure, extra):
    plan = make_plan(owner_body=world.supply_chains)
    indicator = make_indicator(make_node(plan), measure=measure, **extra)
    period = services.indicators.set_period(
        indicator=indicator, by=world.chair, start=_date(2024, 1, 1), end=_date(2024, 12, 31)
    )
    with pytest.raises(ValidationError) as refused:
        services.reporting.submit_value(period=period, by=world.chair, value=figure, expected_version=0)
    assert "value" in refused.value.message_dict
    assert not IndicatorValue.objects.exists()


def test_a_count_may_be_negative_when_the_indicator_allows_it(world):
    indicator = make_indicator(make_node(make_plan(owner_body=world.supply_chains)), allows_negative=True)
    period = services.indicators.set_period(
        indicator=indicator, by=world.chair, start=_date(2024, 1, 1), end=_date(2024, 12, 31)
    )
    assert (
        services.reporting.submit_value(period=period, by=world.chair, value="-5", expected_version=0).value
        == -5
    )


def test_a_partner_reports_only_on_what_their_organisation_is_assigned_to(world):
    plan = make_plan(owner_body=world.supply_chains)
    ours, theirs = make_node(plan), make_node(plan)
    ours.responsible_organisations.add(world.ngo)
    theirs.responsible_organisations.add(world.other_ngo)
    periods = [
        services.indicators.set_period(
            indicator=make_indicator(node), by=world.chair, start=_date(2024, 1, 1), end=_date(2024, 12, 31)
        )
        for node in (ours, theirs)
    ]
    assert services.reporting.submit_value(period=periods[0], by=world.member, value="5", expected_version=0)
    with pytest.raises(PermissionDenied):
        services.reporting.submit_value(period=periods[1], by=world.member, value="5", expected_version=0)
