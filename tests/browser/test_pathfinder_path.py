"""The Secretariat records a Pathfinder Country's workshop and adopted plan; its timeline and the list follow."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from alliance87.countries.models import PathStepKind
from alliance87.countries.services import PathStepInput, record_path_step
from alliance87.meetings.models import Event, EventKind
from alliance87.plans.models import Plan, PlanStatus
from conftest import World

from .helpers import sign_in
from .test_accessibility import assert_accessible
from .test_data import no_sideways_scroll

pytestmark = pytest.mark.browser


def accepted_country(world: World) -> None:
    """Fiji has expressed interest, been accepted by the GCG and set up its coordination; it has an event and a
    plan that no step serves yet."""
    for kind, date in [
        (PathStepKind.EXPRESSION_OF_INTEREST, datetime.date(2018, 3, 1)),
        (PathStepKind.GCG_ACCEPTANCE, datetime.date(2018, 7, 1)),
        (PathStepKind.COORDINATION, datetime.date(2018, 10, 1)),
    ]:
        record_path_step(
            by=world.secretariat, pathfinder=world.fiji, values=PathStepInput(kind=kind, date=date)
        )
    starts = timezone.make_aware(datetime.datetime(2019, 5, 2, 9))
    Event.objects.create(
        kind=EventKind.WORKSHOP,
        title="Fiji national strategy workshop",
        slug="fiji-workshop",
        owner_country=world.fiji,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=8),
    )
    Plan.objects.create(
        title="Fiji national action plan",
        slug="fiji-nap",
        owner_country=world.fiji,
        period_start=datetime.date(2020, 1, 1),
        period_end=datetime.date(2024, 12, 31),
        status=PlanStatus.ADOPTED,
    )


@pytest.fixture
def page(new_page: Callable[[], Page], site: str, world: World) -> Page:
    """A phone-sized page signed in as the Secretariat, with Fiji accepted on the path."""
    accepted_country(world)
    page = new_page()
    page.set_viewport_size({"width": 360, "height": 800})
    sign_in(page, site, world.secretariat.email)
    return page


def step_count(page: Page, step: str) -> str:
    return page.locator(f'[data-step="{step}"] .count').inner_text()


def record_step(page: Page, step: str, date: str, **choices: str) -> None:
    page.get_by_role("link", name="Record a step").click()
    page.get_by_label(re.compile(r"^Step")).select_option(label=step)
    page.get_by_label(re.compile(r"^Date")).fill(date)
    for label, option in choices.items():
        if label == "Why earlier steps were passed by":
            page.get_by_label(label).fill(option)
        else:
            page.get_by_label(label, exact=True).select_option(label=option)
    page.get_by_role("button", name="Record the step").click()
    expect(page.get_by_text("The step has been recorded.")).to_be_visible()


def test_the_secretariat_records_a_workshop_and_an_adopted_plan(page: Page, site: str) -> None:
    page.goto(f"{site}/countries/")
    assert (step_count(page, "coordination"), step_count(page, "action_plan")) == ("1", "0")

    page.goto(f"{site}/countries/fj/")
    path = page.get_by_role("region", name="Path")
    expect(path.locator(".path-next")).to_contain_text("National consultation or strategy workshop")

    record_step(
        page,
        "National consultation or strategy workshop",
        "2019-05-02",
        Event="Fiji national strategy workshop",
    )
    expect(path.locator(".path-taken").last).to_contain_text("Fiji national strategy workshop")
    expect(path.locator(".path-next")).to_contain_text("Roadmap")

    page.get_by_role("link", name="Record a step").click()
    page.get_by_label(re.compile(r"^Step")).select_option(label="National action plan adopted")
    page.get_by_label(re.compile(r"^Date")).fill("2020-01-15")
    page.get_by_role("button", name="Record the step").click()
    expect(page.locator("#id_earlier_steps_reason_error")).to_contain_text("Roadmap")
    assert_accessible(page)
    no_sideways_scroll(page)
    page.get_by_role("link", name="Fiji").first.click()

    record_step(
        page,
        "National action plan adopted",
        "2020-01-15",
        Plan="Fiji national action plan",
        **{"Why earlier steps were passed by": "The roadmap's actions are part of the plan."},
    )
    expect(path.locator(".path-passed")).to_contain_text("The roadmap's actions are part of the plan.")
    expect(path.locator(".path-taken").last).to_contain_text("Fiji national action plan")
    expect(path.locator(".path-next")).to_contain_text("Yearly progress report")
    assert_accessible(page)
    no_sideways_scroll(page)

    page.goto(f"{site}/countries/")
    assert (step_count(page, "coordination"), step_count(page, "action_plan")) == ("0", "1")
    page.locator('[data-step="action_plan"]').click()
    expect(page.get_by_role("table").get_by_role("link", name="Fiji")).to_be_visible()
    assert_accessible(page)
    no_sideways_scroll(page)


def test_the_secretariat_corrects_a_step_and_opens_the_completeness_dashboard(page: Page, site: str) -> None:
    """A step recorded under the wrong name is corrected: the timeline, the status and the list's counts follow."""
    page.goto(f"{site}/countries/")
    assert (step_count(page, "coordination"), step_count(page, "consultation")) == ("1", "0")

    page.goto(f"{site}/countries/fj/")
    path = page.get_by_role("region", name="Path")
    path.get_by_role("link", name="Correct the step “National focal institution and coordination”").click()
    page.get_by_label(re.compile(r"^Date")).fill("2018-06-01")
    page.get_by_label("Reason for the correction").fill("The minutes date it in June.")
    page.get_by_role("button", name="Save the correction").click()
    expect(page.locator("#id_date_error")).to_contain_text("Accepted by the Global Coordinating Group")
    assert_accessible(page)
    no_sideways_scroll(page)

    page.get_by_label(re.compile(r"^Step")).select_option(label="National consultation or strategy workshop")
    page.get_by_label(re.compile(r"^Date")).fill("2018-10-01")
    page.get_by_role("button", name="Save the correction").click()
    expect(page.locator("#id_kind_error")).to_contain_text("National focal institution and coordination")
    page.get_by_label(re.compile(r"^Step")).select_option(label="National focal institution and coordination")
    page.get_by_label("Illustrative").check()
    page.get_by_role("button", name="Save the correction").click()
    expect(page.get_by_text("The step has been corrected.")).to_be_visible()
    expect(path.locator(".path-taken").last).to_contain_text("Illustrative")

    path.get_by_role("link", name="Correct the step “National focal institution and coordination”").click()
    page.get_by_role("link", name="Delete this step").click()
    page.get_by_label("Reason for deleting this step").fill("Recorded for the wrong country.")
    page.get_by_role("button", name="Delete the step").click()
    expect(page.get_by_text("The step has been deleted.")).to_be_visible()
    expect(path.locator(".path-next")).to_contain_text("National focal institution and coordination")
    assert_accessible(page)
    no_sideways_scroll(page)

    page.goto(f"{site}/countries/")
    assert (step_count(page, "coordination"), step_count(page, "gcg_acceptance")) == ("0", "1")

    page.goto(f"{site}/dashboard/")
    page.get_by_role("link", name=re.compile("Completeness of reporting")).click()
    expect(page.get_by_role("heading", name="Completeness of reporting", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Fiji national action plan")).to_be_visible()
    assert_accessible(page)
    no_sideways_scroll(page)
