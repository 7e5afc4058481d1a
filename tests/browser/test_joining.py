"""The whole way in: apply, be approved, set a password, edit the profile, and join an Action Group."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from conftest import World

from .helpers import Mailbox, body_of, link_in, sign_in

pytestmark = pytest.mark.browser

ORGANISATION = "Coalition Against Bonded Labour"
CONTACT = "amina@cabl.example.org"
NEW_PASSWORD = "bonded-labour-ends-2030"


def apply_to_join(page: Page, site: str) -> None:
    page.goto(f"{site}/partners/apply/")
    page.get_by_label("Organisation name").fill(ORGANISATION)
    page.get_by_label("Acronym").fill("CABL")
    page.get_by_label("Type of organisation").select_option(label="Civil society / NGO")
    page.get_by_label("Country", exact=True).select_option(label="Nepal")
    page.get_by_label("Website").fill("https://cabl.example.org")
    page.get_by_label("What the organisation does").fill("Frees families from debt bondage in brick kilns.")
    page.get_by_label("Contact person").fill("Amina Rai")
    page.get_by_label("Contact e-mail").fill(CONTACT)
    page.get_by_label("Contact's job title").fill("Director")
    page.get_by_role("textbox", name="Commitments", exact=True).fill(
        "Share survey data on bonded labour with Action Groups."
    )
    page.get_by_label("We support the Alliance 8.7 Terms of Reference").check()
    page.get_by_role("button", name="Send application").click()
    expect(page.get_by_role("heading", level=1, name="Confirm the application by e-mail")).to_be_visible()


def confirm_application(page: Page, mailbox: Mailbox) -> None:
    """The contact person follows the link in the e-mail, which says nothing the applicant typed."""
    message = mailbox.last_to(CONTACT)
    assert ORGANISATION not in message["Subject"] and ORGANISATION not in body_of(message)
    page.goto(link_in(body_of(message), "/partners/apply/confirm/"))
    page.get_by_role("button", name="Confirm the application").click()
    expect(page.get_by_text("is now with the Secretariat")).to_be_visible()


def approve_as_secretariat(page: Page, site: str, world: World) -> None:
    sign_in(page, site, world.secretariat.email)
    page.get_by_role("link", name="1 application waiting for review").click()
    expect(page.get_by_role("heading", level=1, name="Applications to join")).to_be_visible()
    page.get_by_role("table", name="Waiting for review").get_by_role("link", name=ORGANISATION).click()
    expect(page.get_by_role("heading", level=1, name=ORGANISATION)).to_be_visible()
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_text(f"{ORGANISATION} is now a partner.")).to_be_visible()
    expect(page.get_by_text("No application is waiting.")).to_be_visible()


def search_directory(page: Page, site: str, name: str) -> None:
    page.goto(f"{site}/partners/")
    page.get_by_role("searchbox", name="Name").fill(name)
    page.get_by_role("button", name="Filter").click()


def choose_password_and_sign_in(page: Page, mailbox: Mailbox) -> None:
    approval = mailbox.last_to(CONTACT)
    assert "is now a partner" in approval["Subject"]
    page.goto(link_in(body_of(approval), "/accounts/password/reset/key/"))
    expect(page.get_by_role("heading", level=1, name="Choose a password")).to_be_visible()
    page.get_by_label(re.compile(r"^New password\W*$")).fill(NEW_PASSWORD)
    page.get_by_label("New password confirmation").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Save password").click()
    expect(page.get_by_role("heading", level=1, name="Password saved")).to_be_visible()
    page.get_by_role("main").get_by_role("link", name="Sign in").click()
    page.get_by_label("E-mail address").fill(CONTACT)
    page.get_by_label("Password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1, name="My dashboard")).to_be_visible()


def edit_profile(page: Page) -> None:
    page.get_by_role("main").get_by_role("link", name=ORGANISATION).click()
    page.get_by_role("link", name="Edit profile").click()
    page.get_by_label("Description", exact=True).fill(
        "We free **families** from debt bondage in brick kilns and farms."
    )
    page.get_by_label("Website").fill("https://bonded-labour.example.org")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The profile has been saved.")).to_be_visible()
    expect(page.get_by_role("heading", level=1, name=ORGANISATION)).to_be_visible()
    expect(page.get_by_text("from debt bondage in brick kilns and farms.")).to_be_visible()
    expect(page.get_by_role("link", name="https://bonded-labour.example.org")).to_be_visible()


def ask_to_join_supply_chains(page: Page) -> None:
    page.get_by_role("link", name="Ask to join a group").click()
    page.get_by_label("Group to join").select_option(label="Action Group on Supply Chains")
    page.get_by_label("Why your organisation wants to join").fill("Brick kilns supply construction firms.")
    page.get_by_role("button", name="Send request").click()
    expect(page.get_by_text("Your request has been sent to the group's chairs.")).to_be_visible()


def approve_as_chair(page: Page, site: str, world: World) -> None:
    sign_in(page, site, world.chair.email)
    page.get_by_role("link", name="1 request waiting for your decision").click()
    expect(page.get_by_role("heading", level=1, name="Requests to join your groups")).to_be_visible()
    expect(page.get_by_text("Brick kilns supply construction firms.")).to_be_visible()
    page.get_by_role("button", name=f"Approve {ORGANISATION}").click()
    expect(page.get_by_text(f"CABL is now a member of {world.supply_chains.name}.")).to_be_visible()
    expect(page.get_by_text("No request is waiting for your decision.")).to_be_visible()


def test_organisation_applies_is_approved_and_joins_an_action_group(
    new_page: Callable[[], Page], site: str, world: World, mailbox: Mailbox
) -> None:
    visitor = new_page()
    apply_to_join(visitor, site)
    confirm_application(visitor, mailbox)
    acknowledgement = mailbox.last_to(CONTACT)
    assert ORGANISATION in acknowledgement["Subject"]
    assert "The Secretariat will review the application" in body_of(acknowledgement)

    secretariat = new_page()
    search_directory(secretariat, site, ORGANISATION)
    expect(secretariat.get_by_text("No organisation matches these filters.")).to_be_visible()
    approve_as_secretariat(secretariat, site, world)
    search_directory(secretariat, site, "bonded")
    results = secretariat.get_by_role("table", name="Partner organisations")
    expect(results.get_by_role("link", name=ORGANISATION)).to_be_visible()
    expect(secretariat.get_by_text("1 organisation", exact=True)).to_be_visible()

    focal_point = visitor
    choose_password_and_sign_in(focal_point, mailbox)
    edit_profile(focal_point)
    ask_to_join_supply_chains(focal_point)
    assert ORGANISATION in body_of(mailbox.last_to(world.chair.email))

    chair = new_page()
    approve_as_chair(chair, site, world)
    welcome = mailbox.last_to(CONTACT)
    assert welcome["Subject"] == f"Welcome to {world.supply_chains.name}"
    assert f"{ORGANISATION} is now a member of {world.supply_chains.name}." in body_of(welcome)

    chair.goto(f"{site}/bodies/supply-chains/")
    members = chair.get_by_role("table", name="Current members")
    expect(members.get_by_role("link", name=ORGANISATION)).to_be_visible()

    members.get_by_role("link", name=ORGANISATION).click()
    roles = chair.get_by_role("table", name="Current roles")
    row = roles.get_by_role("row").filter(has=chair.get_by_role("link", name=world.supply_chains.name))
    expect(row.get_by_role("cell").nth(1)).to_have_text("Member")
