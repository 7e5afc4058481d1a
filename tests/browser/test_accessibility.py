"""No serious or critical axe-core violation on the pages people use most."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import Page, expect

from alliance87.bodies.models import MembershipRequest
from alliance87.partners.models import OrganisationType, PartnerApplication
from conftest import World

from .helpers import sign_in

pytestmark = pytest.mark.browser

BLOCKING_IMPACTS = {"serious", "critical"}

PUBLIC_PAGES = {
    "home": "/",
    "partner directory": "/partners/",
    "organisation page": "/partners/ilo/",
    "Action Group page": "/bodies/supply-chains/",
    "bodies list": "/bodies/",
    "Pathfinder Country page": "/countries/fj/",
    "Pathfinder Countries list": "/countries/",
    "sign-in page": "/accounts/login/",
    "password reset page": "/accounts/password/reset/",
    "no sign-up page": "/accounts/signup/",
    "application form": "/partners/apply/",
}

# Pages behind sign-in, as (who, path); {application} is the id of a pending application.
SIGNED_IN_PAGES = {
    "dashboard": ("secretariat", "/dashboard/"),
    "applications queue": ("secretariat", "/partners/applications/"),
    "application review": ("secretariat", "/partners/applications/{application}/"),
    "account": ("secretariat", "/accounts/me/"),
    "two-factor authentication": ("member", "/accounts/2fa/"),
    "e-mail addresses": ("member", "/accounts/email/"),
    "change password": ("member", "/accounts/password/change/"),
    "requests inbox": ("chair", "/bodies/requests/"),
    "Action Group page for its chair": ("chair", "/bodies/supply-chains/"),
    "organisation profile form": ("focal_point", "/partners/freedom-fund-example/edit/"),
    "join a group form": ("focal_point", "/bodies/join/freedom-fund-example/"),
}


def blocking_violations(page: Page) -> list[dict]:
    violations = Axe().run(page).response["violations"]
    return [v for v in violations if v["impact"] in BLOCKING_IMPACTS]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.extend(
            f"    {node['target']}: {node.get('failureSummary', '')!r}" for node in violation["nodes"]
        )
    return "\n".join(lines)


def assert_accessible(page: Page) -> None:
    violations = blocking_violations(page)
    assert not violations, f"{page.url}\n{describe(violations)}"


@pytest.mark.parametrize("path", PUBLIC_PAGES.values(), ids=PUBLIC_PAGES.keys())
def test_public_page_has_no_serious_accessibility_violation(
    new_page: Callable[[], Page], site: str, world: World, path: str
) -> None:
    page = new_page()
    page.goto(f"{site}{path}")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)


def test_application_form_with_errors_has_no_serious_accessibility_violation(
    new_page: Callable[[], Page], site: str, world: World
) -> None:
    page = new_page()
    page.goto(f"{site}/partners/apply/")
    page.get_by_role("button", name="Send application").click()
    expect(page.get_by_role("alert")).to_contain_text("Please correct the following:")
    assert_accessible(page)


@pytest.mark.parametrize(("who", "path"), SIGNED_IN_PAGES.values(), ids=SIGNED_IN_PAGES.keys())
def test_signed_in_page_has_no_serious_accessibility_violation(
    new_page: Callable[[], Page], site: str, world: World, who: str, path: str
) -> None:
    application = PartnerApplication.objects.create(
        email_confirmed_at=timezone.now(),
        organisation_name="Fair Recruitment Network",
        type=OrganisationType.CIVIL_SOCIETY,
        description="Advocacy.",
        contact_name="Li Wei",
        contact_email="li@frn.example.org",
        commitments="Publish recruitment-fee data.",
    )
    MembershipRequest.objects.create(
        body=world.supply_chains,
        organisation=world.other_ngo,
        requested_by=world.other_focal_point,
        motivation="We trace cotton.",
    )
    page = new_page()
    sign_in(page, site, getattr(world, who).email)
    page.goto(f"{site}{path.format(application=application.pk)}")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)


def test_keyboard_user_skips_to_main_content(new_page: Callable[[], Page], site: str, world: World) -> None:
    page = new_page()
    page.goto(f"{site}/partners/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()
