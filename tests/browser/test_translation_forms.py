"""A chair gives a plan its French title and tier names on the plan form; a French reader then reads them, a
Spanish reader reads the English original marked "en inglés"."""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from alliance87.plans.tests.factories import make_node, make_plan
from conftest import World

from .helpers import sign_in
from .test_accessibility import assert_accessible

pytestmark = pytest.mark.browser

#: Where to keep screenshots when asked (`SCREENSHOTS=var/screenshots`); none by default.
SCREENSHOTS = os.environ.get("SCREENSHOTS", "")


def test_a_chair_translates_a_plan_and_each_reader_reads_their_language(
    new_page: Callable[[], Page], site: str, world: World
) -> None:
    plan = make_plan(
        owner_body=world.supply_chains,
        title="Supply chains plan",
        slug="sc",
        tier_names=["Pillar", "Outcome"],
    )
    make_node(plan, title="Rights respected in supply chains")
    page = new_page()
    sign_in(page, site, world.chair.email)
    page.goto(f"{site}/plans/sc/edit/", wait_until="domcontentloaded", timeout=90_000)

    french = page.locator("fieldset.translations").filter(has_text="French translation")
    expect(french).to_be_visible()
    french.get_by_label("Title (French)", exact=True).fill("Plan chaînes d’approvisionnement")
    french.get_by_label("Tier names (French)", exact=True).fill("Pilier, Effet")
    assert_accessible(page)
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/plan-form-translations-1280.png", full_page=True)
    page.get_by_role("button", name="Save").click()
    expect(page.locator("h1")).to_have_text("Supply chains plan")

    page.goto(f"{site}/fr/plans/sc/", wait_until="domcontentloaded")
    expect(page.locator("h1")).to_have_text("Plan chaînes d’approvisionnement")
    expect(page.locator("h1 .badge-lang")).to_have_count(0)
    expect(page.get_by_text("Pilier → Effet")).to_be_visible()
    if SCREENSHOTS:
        page.set_viewport_size({"width": 360, "height": 900})
        page.screenshot(path=f"{SCREENSHOTS}/plan-translated-fr-360.png", full_page=True)

    page.goto(f"{site}/es/plans/sc/", wait_until="domcontentloaded")
    expect(page.locator('h1 span[lang="en"]')).to_have_text("Supply chains plan")
    expect(page.locator("h1 .badge-lang")).to_have_attribute("lang", "es")
