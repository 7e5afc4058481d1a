"""Saying no: the Secretariat rejects an application, a chair declines a request to join."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from alliance87.bodies.models import MembershipRequest
from alliance87.partners.models import OrganisationType, PartnerApplication
from conftest import World

from .helpers import Mailbox, body_of, sign_in

pytestmark = pytest.mark.browser

APPLICANT = "Shell Company Recruiters"
CONTACT = "hr@shell-recruiters.example.com"


@pytest.fixture
def application(world: World) -> PartnerApplication:
    return PartnerApplication.objects.create(
        email_confirmed_at=timezone.now(),
        organisation_name=APPLICANT,
        type=OrganisationType.BUSINESS,
        country="AE",
        description="Recruitment agency.",
        contact_name="Sam Doe",
        contact_email=CONTACT,
        commitments="None stated.",
    )


def test_secretariat_rejects_an_application_with_a_reason_the_applicant_receives(
    new_page: Callable[[], Page], site: str, world: World, mailbox: Mailbox, application: PartnerApplication
) -> None:
    page = new_page()
    sign_in(page, site, world.secretariat.email)
    page.goto(f"{site}/partners/applications/{application.pk}/")

    page.get_by_role("button", name="Reject").click()
    expect(page.get_by_role("alert")).to_contain_text("Reason: This field is required.")
    expect(page.get_by_text("This field is required.", exact=True)).to_be_visible()
    expect(page.get_by_role("textbox", name="Reason")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_role("button", name="Approve")).to_be_visible()
    assert mailbox.to(CONTACT) == []

    reason = "Recruitment fees are charged to workers, which the Terms of Reference rule out."
    page.get_by_role("textbox", name="Reason").fill(reason)
    page.get_by_role("button", name="Reject").click()
    expect(page.get_by_text("The application has been rejected and the applicant told why.")).to_be_visible()
    decided = page.get_by_role("table", name="Recently decided")
    expect(decided.get_by_role("row").filter(has_text=APPLICANT)).to_contain_text("Rejected")

    rejection = mailbox.last_to(CONTACT)
    assert APPLICANT in rejection["Subject"]
    assert reason in body_of(rejection)

    page.goto(f"{site}/partners/")
    page.get_by_role("searchbox", name="Name").fill("Shell Company")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_text("No organisation matches these filters.")).to_be_visible()
    expect(page.get_by_role("link", name=APPLICANT)).to_have_count(0)


def test_chair_declines_a_request_to_join_with_a_comment(
    new_page: Callable[[], Page], site: str, world: World, mailbox: Mailbox
) -> None:
    MembershipRequest.objects.create(
        body=world.supply_chains,
        organisation=world.ngo,
        requested_by=world.focal_point,
        motivation="We audit garment supply chains.",
    )
    page = new_page()
    sign_in(page, site, world.chair.email)
    page.goto(f"{site}/bodies/requests/")
    comment = "The group is full until the next review in March; please ask again then."
    page.get_by_role("textbox", name="Reason for declining").fill(comment)
    page.get_by_role("button", name=f"Decline {world.ngo.name}").click()
    expect(page.get_by_text("The request has been declined and the organisation told why.")).to_be_visible()
    expect(page.get_by_text("No request is waiting for your decision.")).to_be_visible()

    assert comment in body_of(mailbox.last_to(world.focal_point.email))

    page.goto(f"{site}/bodies/supply-chains/")
    expect(page.get_by_role("heading", level=2, name="Members")).to_be_visible()
    expect(page.get_by_text("No member recorded yet.")).to_be_visible()
    expect(page.get_by_role("link", name=world.ngo.name)).to_have_count(0)
