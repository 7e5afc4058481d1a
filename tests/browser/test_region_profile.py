"""A region's profile on a phone, in English and French: its countries, Pathfinders and partners, nothing
scrolls sideways, axe-core is clean. (It is among the main pages too, for `make screenshots`.)"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from alliance87.data.areas import ensure_reference_data

from .main_pages import DEMO_REGION
from .test_accessibility import assert_accessible

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
HEADINGS = {"en": "Sub-Saharan Africa", "fr": "Afrique subsaharienne"}


@pytest.fixture
def demo(transactional_db: None) -> None:
    ensure_reference_data()  # a live-server test before this one flushed the areas the migrations load
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115 (closed with the process)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_region_profile_reads_on_a_phone(
    demo: None, new_page: Callable[[], Page], site: str, language: str
) -> None:
    page = new_page()
    page.set_viewport_size(PHONE)
    prefix = "" if language == "en" else f"/{language}"
    response = page.goto(f"{site}{prefix}/countries/regions/{DEMO_REGION}/")
    assert response is not None and response.ok
    expect(page.get_by_role("heading", level=1)).to_have_text(HEADINGS[language])
    # Côte d'Ivoire and Madagascar are on the Pathfinder path in the demo; both are in the region.
    expect(page.locator("main")).to_contain_text("Madagascar")
    assert page.evaluate("document.documentElement.scrollWidth") <= page.evaluate("window.innerWidth")
    assert_accessible(page)
