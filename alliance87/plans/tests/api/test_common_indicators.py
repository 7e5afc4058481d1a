"""Common indicators through the API: the Secretariat writes them, anyone reads; plans link their indicators."""

from typing import Any

import pytest

from alliance87.plans.models import CommonIndicator, Measure
from alliance87.plans.tests.factories import make_indicator, make_node, make_period, make_plan
from tests.api import field_names

pytestmark = pytest.mark.django_db


def test_the_secretariat_creates_changes_and_deletes_a_common_indicator(api_as: Any) -> None:
    secretariat = api_as("secretariat")
    created = secretariat.post(
        "/common-indicators",
        {"title": "Children in child labour", "reference": "SDG 8.7.1", "measure": "number"},
    )
    assert created.status_code == 201, created.content
    assert (created.json()["slug"], created.json()["plan_count"]) == ("children-in-child-labour", 0)

    changed = secretariat.patch("/common-indicators/children-in-child-labour", {"unit": "millions"})
    assert (changed.status_code, changed.json()["unit"]) == (200, "millions")
    assert secretariat.delete("/common-indicators/children-in-child-labour").status_code == 204
    assert not CommonIndicator.objects.exists()


@pytest.mark.parametrize("role", ["chair", "member", "outsider"])
def test_others_may_not_write_common_indicators(api_as: Any, role: str) -> None:
    CommonIndicator.objects.create(slug="kept", title="Kept")
    client = api_as(role)
    assert client.post("/common-indicators", {"title": "New"}).status_code == 403
    assert client.patch("/common-indicators/kept", {"title": "Changed"}).status_code == 403
    assert client.delete("/common-indicators/kept").status_code == 403
    assert list(CommonIndicator.objects.values_list("title", flat=True)) == ["Kept"]
    assert api_as("anonymous").post("/common-indicators", {"title": "New"}).status_code == 401


def test_a_plan_editor_links_an_indicator_and_a_wrong_measure_names_the_field(
    api_as: Any, world: Any
) -> None:
    common = CommonIndicator.objects.create(
        slug="inspectors", title="Inspectors trained", measure=Measure.NUMBER
    )
    share = CommonIndicator.objects.create(slug="share", title="Share", measure=Measure.PERCENTAGE)
    plan = make_plan(owner_body=world.supply_chains)
    indicator = make_indicator(make_node(plan))
    make_period(indicator, 2024, value=30)
    chair = api_as("chair")

    wrong = chair.patch(f"/indicators/{indicator.pk}", {"common_indicator": share.slug})
    assert wrong.status_code == 400 and field_names(wrong) == {"common_indicator"}
    unknown = chair.patch(f"/indicators/{indicator.pk}", {"common_indicator": "nothing"})
    assert unknown.status_code == 400 and field_names(unknown) == {"common_indicator"}
    linked = chair.patch(f"/indicators/{indicator.pk}", {"common_indicator": common.slug})
    assert (linked.status_code, linked.json()["common_indicator"]) == (200, "inspectors")

    combined = api_as("anonymous").get("/common-indicators/inspectors").json()
    assert [(year["year"], year["value"]) for year in combined["years"]] == [(2024, "30.0000")]
    changed = api_as("secretariat").patch("/common-indicators/inspectors", {"measure": "percentage"})
    assert changed.status_code == 400 and field_names(changed) == {"measure"}
