"""Two editors change the same plan or indicator: the second to save is told what changed, nothing is lost silently.

Both doors: the edit pages (a message on the form, what they typed kept) and the API (409 naming the fields).
"""

from __future__ import annotations

from typing import Any

from django.test import Client

from alliance87.core.tests.page_forms import form_with
from alliance87.plans.models import Indicator, Plan

PLAN_PAGE = "/plans/supply-chains-plan/edit/"
PLAN_API = "/plans/supply-chains-plan"


def _indicator_page(world: Any) -> str:
    return f"/plans/supply-chains-plan/indicators/{world.indicator.pk}/edit/"


def _version_in(page: str) -> str:
    version = form_with(page, "version")["version"]
    assert version, "the form carries the version it was opened at"
    return str(version)


def _editors(world: Any) -> tuple[Client, Client]:
    secretariat, chair = Client(), Client()
    secretariat.force_login(world.secretariat)
    chair.force_login(world.chair)
    return secretariat, chair


def test_the_second_plan_editor_is_told_what_changed(world: Any, plan_world: Any) -> None:
    secretariat, chair = _editors(world)
    opened = chair.get(PLAN_PAGE).content.decode()
    form, version = form_with(opened, "version"), _version_in(opened)
    assert _version_in(secretariat.get(PLAN_PAGE).content.decode()) == version

    saved = secretariat.post(PLAN_PAGE, {**form, "title": "Written first", "version": version})
    assert saved.status_code == 302

    refused = chair.post(PLAN_PAGE, {**form, "description": "Written second.", "version": version})
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Someone else saved this at" in page
    assert "your changes were not saved" in page
    assert "They changed: Title." in page
    assert "Written second." in page  # what they typed is still in the form
    plan = Plan.objects.get(pk=plan_world.plan.pk)
    assert (plan.title, plan.description) == ("Written first", "")

    # Having compared, they save again on purpose: their version now wins.
    again = chair.post(PLAN_PAGE, {**form, "description": "Written second.", "version": _version_in(page)})
    assert again.status_code == 302
    assert Plan.objects.get(pk=plan_world.plan.pk).description == "Written second."


def test_the_second_indicator_editor_is_told_what_changed(world: Any, plan_world: Any) -> None:
    secretariat, chair = _editors(world)
    page_address = _indicator_page(plan_world)
    opened = chair.get(page_address).content.decode()
    form, version = form_with(opened, "version"), _version_in(opened)

    saved = secretariat.post(page_address, {**form, "target_value": "250", "version": version})
    assert saved.status_code == 302

    refused = chair.post(page_address, {**form, "unit": "companies", "version": version})
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "your changes were not saved" in page
    assert "They changed: Final target." in page
    indicator = Indicator.objects.get(pk=plan_world.indicator.pk)
    assert (indicator.target_value, indicator.unit) == (250, "")


def test_a_plan_change_from_an_old_version_is_a_409(api_as: Any, plan_world: Any) -> None:
    first, second = api_as("secretariat"), api_as("chair")
    version = first.get(PLAN_API).json()["version"]
    assert second.get(PLAN_API).json()["version"] == version

    saved = first.patch(PLAN_API, {"title": "From the first client", "version": version})
    assert saved.status_code == 200
    assert saved.json()["version"] != version

    refused = second.patch(PLAN_API, {"description": "From the second.", "version": version})
    assert refused.status_code == 409
    assert "Someone else saved this at" in refused.json()["detail"]
    assert "They changed: Title." in refused.json()["detail"]
    assert second.get(PLAN_API).json()["description"] == ""

    resent = second.patch(
        PLAN_API, {"description": "From the second.", "version": second.get(PLAN_API).json()["version"]}
    )
    assert resent.status_code == 200
    assert resent.json()["title"] == "From the first client"  # a PATCH sends only what changes


def test_an_indicator_change_from_an_old_version_is_a_409(api_as: Any, plan_world: Any) -> None:
    address = f"/indicators/{plan_world.indicator.pk}"
    first, second = api_as("secretariat"), api_as("chair")
    version = first.get(address).json()["version"]

    assert first.patch(address, {"unit": "companies", "version": version}).status_code == 200
    refused = second.patch(address, {"caveats": "Self-reported.", "version": version})
    assert refused.status_code == 409
    assert "Unit" in refused.json()["detail"]
    assert second.get(address).json()["caveats"] == ""


def test_a_change_without_a_version_is_not_checked(api_as: Any, plan_world: Any) -> None:
    client = api_as("chair")
    assert client.patch(PLAN_API, {"description": "One."}).status_code == 200
    assert client.patch(PLAN_API, {"description": "Two."}).status_code == 200
    address = f"/indicators/{plan_world.indicator.pk}"
    assert client.patch(address, {"unit": "one"}).status_code == 200
    assert client.patch(address, {"unit": "two"}).status_code == 200
