"""Choosing a language in the header shows the same page in that language, at its address in that language."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from conftest import World

pytestmark = pytest.mark.browser


def test_visitor_switches_the_site_to_french(new_page: Callable[[], Page], site: str, world: World) -> None:
    page = new_page()
    page.goto(f"{site}/")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.get_by_label("Language").select_option(label="Français")
    page.get_by_role("button", name="Change").click()

    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page).to_have_url(f"{site}/fr/")
    expect(page.get_by_role("banner").get_by_role("combobox")).to_have_value("fr")

    # An old, unprefixed address leads the reader who chose French to the French page.
    page.goto(f"{site}/partners/")
    expect(page).to_have_url(f"{site}/fr/partners/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")

    # Back to English on the same page.
    page.get_by_label("Langue").select_option(label="English")
    page.get_by_role("button", name="Changer").click()
    expect(page).to_have_url(f"{site}/partners/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
