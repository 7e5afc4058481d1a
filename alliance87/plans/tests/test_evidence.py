"""A reported value may cite a library document as evidence, one the reporter may see; readers see it if they may."""

from __future__ import annotations

import pytest

from alliance87.library.models import Access
from alliance87.library.tests.factories import make_item
from alliance87.plans import services
from alliance87.plans.models import IndicatorValue
from alliance87.plans.tests.factories import make_indicator, make_node, make_period, make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def period(world):
    plan = make_plan(owner_body=world.supply_chains, slug="sc")
    plan.responsible_organisations.add(world.ngo)
    return make_period(make_indicator(make_node(plan)), 2024)


def report(client, period, evidence: str):
    return client.post(
        f"/plans/sc/periods/{period.pk}/report/", {"version": 0, "value": "12", "evidence_item": evidence}
    )


def test_a_reporter_cites_a_library_document_by_its_address_and_readers_follow_it(world, client_for, period):
    item = make_item(title="Audit of 40 suppliers, 2024", slug="audit-2024")
    response = report(
        client_for(world.member), period, f"https://alliance87.example.org/library/{item.slug}/"
    )
    assert response.status_code == 302
    value = IndicatorValue.objects.get()
    assert value.evidence_item == item
    assert value.history.get().new["evidence_item"] == "audit-2024"
    services.reporting.approve_value(value=value, by=world.chair)  # visitors see approved values only

    page = client_for(None).get(f"/plans/sc/indicators/{period.indicator_id}/").content.decode()
    assert f'href="{item.get_absolute_url()}"' in page and "Audit of 40 suppliers, 2024" in page


def test_a_document_the_reporter_may_not_see_is_refused_like_one_that_does_not_exist(
    world, client_for, period
):
    hidden = make_item(slug="board-minutes", access=Access.BODY, access_body=world.migration)
    member = client_for(world.member)
    for evidence in ("board-minutes", "no-such-document"):
        page = report(member, period, evidence)
        assert page.status_code == 200
        assert "There is no library document you can see at this address." in page.content.decode()
    assert not IndicatorValue.objects.exists()
    assert hidden.slug  # exists, yet the answer is the same as for a slug that does not


def test_readers_who_may_not_see_the_document_are_told_only_that_one_is_cited(world, client_for, period):
    partners_only = make_item(title="Confidential audit", slug="confidential-audit", access=Access.PARTNERS)
    assert report(client_for(world.member), period, partners_only.slug).status_code == 302
    services.reporting.approve_value(value=IndicatorValue.objects.get(), by=world.chair)

    public = client_for(None).get(f"/plans/sc/indicators/{period.indicator_id}/").content.decode()
    assert "Confidential audit" not in public and "a library document you cannot see" in public
    partner = client_for(world.member).get(f"/plans/sc/indicators/{period.indicator_id}/").content.decode()
    assert "Confidential audit" in partner
