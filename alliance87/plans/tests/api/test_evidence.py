"""Evidence through the API: a reported value cites a library document by slug, within the library's access rules."""

from typing import Any

import pytest

from alliance87.library.models import Access
from alliance87.library.tests.factories import make_item
from alliance87.plans import services
from alliance87.plans.models import IndicatorValue
from alliance87.plans.tests.factories import make_indicator, make_node, make_period, make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def period(world: Any) -> Any:
    plan = make_plan(owner_body=world.supply_chains, slug="sc")
    plan.responsible_organisations.add(world.ngo)
    return make_period(make_indicator(make_node(plan)), 2024)


def test_the_api_takes_and_answers_the_document_by_slug_within_the_same_rules(
    api_as: Any, period: Any, world: Any
) -> None:
    make_item(slug="audit-2024")
    make_item(slug="confidential-audit", access=Access.PARTNERS)
    member = api_as("member")

    sent = member.call(
        "put", f"/periods/{period.pk}/value", {"value": 12, "evidence_item": "audit-2024", "version": 0}
    )
    assert sent.status_code == 201, sent.content
    assert sent.json()["evidence_item"] == "audit-2024"
    unknown = member.call(
        "put", f"/periods/{period.pk}/value", {"value": 12, "evidence_item": "nothing", "version": 1}
    )
    assert unknown.status_code == 400
    assert {error["field"] for error in unknown.json()["errors"]} == {"evidence_item"}

    member.call(
        "put",
        f"/periods/{period.pk}/value",
        {"value": 12, "evidence_item": "confidential-audit", "version": 1},
    )
    services.reporting.approve_value(value=IndicatorValue.objects.get(period=period), by=world.chair)
    detail = api_as("anonymous").get(f"/indicators/{period.indicator_id}").json()
    assert (
        detail["periods"][0]["actual"]["evidence_item"] is None
    )  # anonymous may not see a partners-only item
    detail = member.get(f"/indicators/{period.indicator_id}").json()
    assert detail["periods"][0]["actual"]["evidence_item"] == "confidential-audit"
