"""Registering for an event up to its capacity, the next person landing on the waiting list; axe on event pages."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from alliance87.meetings.models import Registration, RegistrationStatus
from alliance87.meetings.tests.factories import make_event
from conftest import World

from .helpers import Mailbox, sign_in
from .test_accessibility import blocking_violations, describe

pytestmark = pytest.mark.browser


def register(page: Page, site: str, slug: str) -> None:
    page.goto(f"{site}/events/{slug}/")
    page.get_by_role("button", name="Register").click()


def test_last_place_taken_then_the_next_person_waits(
    new_page: Callable[[], Page], site: str, world: World, mailbox: Mailbox
) -> None:
    event = make_event(
        owner_body=world.supply_chains,
        slug="due-diligence-workshop",
        capacity=1,
        title="Due diligence workshop",
    )

    first = new_page()
    sign_in(first, site, world.member.email)
    register(first, site, event.slug)
    expect(first.get_by_text("You are registered.")).to_be_visible()
    expect(first.get_by_text("0 places left")).to_be_visible()
    expect(first.get_by_role("heading", name="Participants")).to_be_visible()

    second = new_page()
    sign_in(second, site, world.focal_point.email)
    register(second, site, event.slug)
    expect(second.get_by_text("The event is full: you are on the waiting list.")).to_be_visible()
    expect(second.get_by_text("(place 1 in the queue)")).to_be_visible()
    expect(second.get_by_role("heading", name="Participants")).to_have_count(0)
    assert "waiting list" in mailbox.last_to(world.focal_point.email)["Subject"]

    first.get_by_role("button", name="Cancel my registration").click()
    expect(first.get_by_text("Your registration has been cancelled.")).to_be_visible()
    second.reload()
    expect(second.get_by_text("Registered", exact=True)).to_be_visible()
    assert "A place has opened up" in mailbox.last_to(world.focal_point.email)["Subject"]
    statuses = dict(Registration.objects.filter(event=event).values_list("user__email", "status"))
    assert statuses == {
        world.member.email: "cancelled",
        world.focal_point.email: RegistrationStatus.REGISTERED,
    }


@pytest.mark.parametrize(
    ("who", "path"),
    [
        (None, "/events/"),
        (None, "/events/{slug}/"),
        ("chair", "/events/{slug}/"),
        ("chair", "/events/new/"),
        ("chair", "/events/{slug}/edit/"),
    ],
    ids=["calendar", "event page", "event page for its editor", "new event form", "event edit form"],
)
def test_event_pages_have_no_serious_accessibility_violations(
    new_page: Callable[[], Page], site: str, world: World, who: str | None, path: str
) -> None:
    event = make_event(owner_body=world.supply_chains, slug="axe-workshop", capacity=5, title="Axe workshop")
    page = new_page()
    if who:
        sign_in(page, site, getattr(world, who).email)
    page.goto(site + path.format(slug=event.slug))
    violations = blocking_violations(page)
    assert not violations, describe(violations)
