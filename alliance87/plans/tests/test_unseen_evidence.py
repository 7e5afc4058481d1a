"""A reporter never sees the address of an evidence document they may not open, and re-saving keeps it cited."""

from __future__ import annotations

import pytest

from alliance87.library.models import Access
from alliance87.library.tests.factories import make_item
from alliance87.plans.models import IndicatorValue, ValueStatus
from alliance87.plans.services import reporting
from alliance87.plans.tests.factories import make_indicator, make_node, make_period, make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def value(world):
    plan = make_plan(owner_body=world.supply_chains, slug="sc")
    plan.responsible_organisations.add(world.ngo)
    period = make_period(make_indicator(make_node(plan)), 2024)
    hidden = make_item(
        title="Board minutes", slug="board-minutes", access=Access.BODY, access_body=world.migration
    )
    return reporting.submit_value(
        period=period, by=world.secretariat, value=12, evidence_item=hidden, expected_version=0
    )


def test_the_report_form_does_not_show_the_address_and_resaving_keeps_the_document(world, client_for, value):
    member = client_for(world.member)
    url = f"/plans/sc/periods/{value.period_id}/report/"
    form = member.get(url).content.decode()
    assert "board-minutes" not in form
    response = member.post(url, {"version": value.version, "value": "13", "evidence_item": ""})
    assert response.status_code == 302
    value.refresh_from_db()
    assert value.value == 13 and value.evidence_item.slug == "board-minutes"


def test_the_value_history_in_the_api_hides_the_slug_from_those_who_may_not_see_it(world, api_as, value):
    IndicatorValue.objects.filter(pk=value.pk).update(status=ValueStatus.SUBMITTED)
    member_view = api_as("member").get(f"/values/{value.pk}/history")
    assert member_view.status_code == 200
    assert "board-minutes" not in member_view.content.decode()
    assert "board-minutes" in api_as("secretariat").get(f"/values/{value.pk}/history").content.decode()
