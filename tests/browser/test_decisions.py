"""A chair records a decision with a follow-up action at a meeting; the body's page shows it; draft minutes stay
hidden from a visitor until the chair publishes them."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from alliance87.bodies.models import Role, RoleTerm
from alliance87.meetings import services
from alliance87.meetings.models import Event, EventKind
from conftest import World

from .helpers import sign_in, sign_out
from .test_accessibility import assert_accessible
from .test_data import no_sideways_scroll

pytestmark = pytest.mark.browser


def past_meeting(world: World) -> Event:
    RoleTerm.objects.create(
        body=world.supply_chains,
        role=Role.MEMBER,
        organisation=world.ngo,
        start_date=datetime.date(2018, 1, 1),
    )
    starts = timezone.now() - datetime.timedelta(days=20)
    return Event.objects.create(
        kind=EventKind.CONFERENCE,
        title="Supply Chains second global meeting",
        slug="sc-global-meeting",
        owner_body=world.supply_chains,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=6),
        city="Geneva",
    )


def test_a_chair_records_a_decision_with_an_action_and_publishes_the_minutes(
    new_page: Callable[[], Page], site: str, world: World
) -> None:
    meeting = past_meeting(world)
    services.save_minutes(event=meeting, by=world.chair, text="## Present\n\nThe members of the group.")
    page = new_page()
    page.set_viewport_size({"width": 360, "height": 800})

    page.goto(f"{site}/events/sc-global-meeting/minutes/")
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    page.goto(f"{site}/events/sc-global-meeting/")
    expect(page.locator("#minutes")).to_contain_text("No minutes published yet.")

    sign_in(page, site, world.chair.email)
    page.goto(f"{site}/events/sc-global-meeting/")
    page.get_by_role("link", name="Record a decision").click()
    page.get_by_label("Number").fill("SC/2")
    page.get_by_label(re.compile(r"^Decision")).fill("Publish the mapping of supply chain initiatives.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The decision has been recorded.")).to_be_visible()

    page.get_by_role("link", name="Add a follow-up action").first.click()
    page.get_by_label(re.compile(r"^Action")).fill("Send the mapping to the members")
    page.get_by_label("Owner: an organisation").select_option(label=world.ngo.name)
    page.get_by_label(re.compile(r"^Due date")).fill(
        (timezone.localdate() - datetime.timedelta(days=2)).isoformat()
    )
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The follow-up action has been saved.")).to_be_visible()
    expect(page.get_by_text("Overdue by 2 days.")).to_be_visible()
    assert_accessible(page)
    no_sideways_scroll(page)

    page.goto(f"{site}/events/sc-global-meeting/minutes/")
    expect(page.get_by_text("For the body's members only")).to_be_visible()
    page.get_by_role("button", name="Publish the minutes").click()
    expect(page.get_by_text("The minutes are published.")).to_be_visible()
    sign_out(page)

    page.goto(f"{site}/bodies/supply-chains/")
    decisions = page.get_by_role("region", name="Decisions and follow-up actions")
    expect(decisions).to_contain_text("Decision SC/2")
    expect(decisions).to_contain_text("Send the mapping to the members")
    expect(decisions).to_contain_text("Overdue by 2 days.")
    expect(decisions).to_contain_text(re.compile(r"1 open \(of which 1 overdue\)"))
    assert_accessible(page)
    no_sideways_scroll(page)

    page.goto(f"{site}/events/sc-global-meeting/minutes/")
    expect(page.get_by_role("heading", name="Present")).to_be_visible()
    assert_accessible(page)
    no_sideways_scroll(page)
