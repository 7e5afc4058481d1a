"""A partner's focal point records a commitment, a deliverable and its yearly report; the register shows it."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from alliance87.library.tests.factories import make_item
from conftest import World

from .helpers import sign_in
from .test_accessibility import assert_accessible
from .test_data import no_sideways_scroll

pytestmark = pytest.mark.browser


def test_a_focal_point_records_a_commitment_and_its_report_and_the_register_shows_it(
    new_page: Callable[[], Page], site: str, world: World
) -> None:
    make_item(title="Fee-free hiring policy", slug="fee-free-hiring-policy")
    page = new_page()
    page.set_viewport_size({"width": 360, "height": 800})
    sign_in(page, site, world.focal_point.email)

    page.goto(f"{site}/partners/{world.ngo.slug}/")
    page.get_by_role("link", name="Record a commitment").click()
    page.get_by_label("Title").fill("Zero recruitment fees")
    page.get_by_label("Made on").fill("2023-01-15")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The commitment has been recorded.")).to_be_visible()

    page.get_by_role("link", name="Add a deliverable").click()
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#id_body_error")).to_contain_text("Action Group or the Pathfinder Country")
    assert_accessible(page)
    no_sideways_scroll(page)
    page.get_by_label(re.compile(r"^Deliverable")).fill("Adopt a fee-free hiring policy")
    page.get_by_label("Due date").fill("2030-12-31")
    page.get_by_label("Action Group").select_option(label="Action Group on Supply Chains")
    page.get_by_label("In-kind resources").fill("Staff time of our HR team")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The deliverable has been added.")).to_be_visible()

    page.get_by_role("link", name=re.compile("^Report on this deliverable")).click()
    page.get_by_label("Year").select_option("2023")
    page.get_by_label("Status").select_option(label="In progress")
    page.get_by_label("Narrative").fill("The policy is drafted.")
    page.get_by_label("Evidence from the library").fill("fee-free-hiring-policy")
    page.get_by_role("button", name="Save the report").click()
    expect(page.get_by_text("The report has been recorded.")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("Report for 2023"))).to_be_visible()
    expect(page.get_by_role("link", name="Fee-free hiring policy", exact=True)).to_be_visible()
    assert_accessible(page)
    no_sideways_scroll(page)

    page.goto(f"{site}/commitments/?as_of=2024-06-01")
    row = page.get_by_role("row", name=re.compile("Adopt a fee-free hiring policy"))
    expect(row).to_contain_text("On time")
    expect(row).to_contain_text("Freedom Fund Example")
    page.goto(f"{site}/commitments/?as_of=2025-04-01")
    expect(page.get_by_role("row", name=re.compile("Adopt a fee-free hiring policy"))).to_contain_text(
        "No report for 2024"
    )
    assert_accessible(page)
    no_sideways_scroll(page)
