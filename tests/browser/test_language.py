"""Choosing a language in the header switches the page's language."""

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
    expect(page).to_have_url(f"{site}/")
    expect(page.get_by_role("banner").get_by_role("combobox")).to_have_value("fr")

    page.goto(f"{site}/partners/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
