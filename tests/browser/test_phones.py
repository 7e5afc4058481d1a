"""Every main page on a 360-px phone, in English, French and Spanish: nothing scrolls sideways, axe-core is clean;
and on a 1,280-px screen in English and French: nothing scrolls sideways.

The pages are those of `make screenshots` (main_pages.py), on the demo partnership, which fills every section the
way a real deployment would. One test per language loads the demo once and visits every page, then reports all
pages that fail at once, naming the widest element, so one run shows everything left to fix.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import translate_url
from playwright.sync_api import Browser, BrowserContext, Page, expect

from alliance87.data.areas import ensure_reference_data

from .main_pages import main_pages
from .test_accessibility import BLOCKING_IMPACTS, describe

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}

# The element that sticks out furthest to the right, to say what makes a page too wide.
WIDEST_ELEMENT = """() => {
  let widest = null, right = 0;
  for (const element of document.querySelectorAll("body *")) {
    const box = element.getBoundingClientRect();
    if (box.right > right + 0.5) { right = box.right; widest = element; }
  }
  if (!widest) return "";
  const name = widest.tagName.toLowerCase() + (widest.className && typeof widest.className === "string"
    ? "." + widest.className.trim().split(/\\s+/).join(".") : "");
  return `${name} reaches ${Math.round(right)} px: ${widest.textContent.trim().slice(0, 60)}`;
}"""


@pytest.fixture
def demo(transactional_db: None) -> None:
    ensure_reference_data()  # a live-server test before this one flushed the areas the migrations load
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115 (closed with the process)


def _tabs(browser: Browser, site: str, viewport: dict[str, int]) -> Iterator[Callable[[str, str], Page]]:
    """Tabs of one size in a language, signed in as a demo account when given one (one context per person)."""
    contexts: dict[tuple[str, str], BrowserContext] = {}

    def open_tab(language: str, who: str) -> Page:
        if (language, who) not in contexts:
            context = browser.new_context(viewport=viewport, locale=language, bypass_csp=True)
            cookies: list[Any] = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": site}]
            if who:
                client = Client()
                client.force_login(get_user_model().objects.get(email=who))
                session = client.cookies[settings.SESSION_COOKIE_NAME].value
                cookies.append({"name": settings.SESSION_COOKIE_NAME, "value": session, "url": site})
            context.add_cookies(cookies)
            context.new_page()
            contexts[(language, who)] = context
        return contexts[(language, who)].pages[0]

    yield open_tab
    for context in contexts.values():
        context.close()


@pytest.fixture
def phone(browser: Browser, site: str) -> Iterator[Callable[[str, str], Page]]:
    """A phone-sized tab in a language, signed in as a demo account when given one."""
    yield from _tabs(browser, site, PHONE)


@pytest.fixture
def desktop(browser: Browser, site: str) -> Iterator[Callable[[str, str], Page]]:
    """A desktop-sized tab in a language, signed in as a demo account when given one."""
    yield from _tabs(browser, site, DESKTOP)


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_no_main_page_scrolls_sideways_on_a_phone_and_axe_finds_nothing_serious(
    demo: None, site: str, phone: Callable[[str, str], Page], language: str
) -> None:
    problems: list[str] = []
    pages = main_pages()
    assert len(pages) >= 30, "the demo should give every main page"
    for main_page in pages:
        tab = phone(language, main_page.who)
        address = translate_url(main_page.path, language)
        response = tab.goto(site + address)
        assert response is not None and response.ok, f"{address}: {response and response.status}"
        expect(tab.get_by_role("heading", level=1)).to_be_visible()
        scroll_width = tab.evaluate("document.documentElement.scrollWidth")
        inner_width = tab.evaluate("window.innerWidth")
        if scroll_width > inner_width:
            problems.append(
                f"{main_page.name} ({address}) is {scroll_width} px wide: {tab.evaluate(WIDEST_ELEMENT)}"
            )
        violations = [v for v in Axe().run(tab).response["violations"] if v["impact"] in BLOCKING_IMPACTS]
        if violations:
            problems.append(f"{main_page.name} ({address}):\n{describe(violations)}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_no_main_page_scrolls_sideways_on_a_desktop(
    demo: None, site: str, desktop: Callable[[str, str], Page], language: str
) -> None:
    """A sidebar's table (a body's past roles) once made the whole page 1,333 px wide at 1,280."""
    problems: list[str] = []
    for main_page in main_pages():
        tab = desktop(language, main_page.who)
        address = translate_url(main_page.path, language)
        response = tab.goto(site + address)
        assert response is not None and response.ok, f"{address}: {response and response.status}"
        if tab.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
            problems.append(f"{main_page.name} ({address}): {tab.evaluate(WIDEST_ELEMENT)}")
    assert not problems, "\n".join(problems)


def test_the_phone_menu_opens_and_closes_from_one_button(
    new_page: Callable[[], Page], site: str, world: Any
) -> None:
    page = new_page()
    page.set_viewport_size(PHONE)
    page.goto(f"{site}/")
    menu = page.get_by_role("button", name="Menu")
    navigation = page.get_by_role("navigation", name="Main")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(navigation).to_be_hidden()
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    navigation.get_by_role("link", name="Library").click()
    expect(page.get_by_role("heading", level=1, name="Library")).to_be_visible()
    page.get_by_role("button", name="Menu").click()
    expect(navigation).to_be_visible()
    page.keyboard.press("Escape")
    expect(navigation).to_be_hidden()
    expect(page.get_by_role("button", name="Menu")).to_be_focused()


def test_on_a_wide_screen_the_navigation_shows_without_a_menu_button(
    new_page: Callable[[], Page], site: str, world: Any
) -> None:
    page = new_page()
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{site}/")
    expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="Partners")).to_be_visible()
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
