"""Two editors open the same plan: the second to save is told who saved first and what they changed, keeps what
they typed, and can save again on purpose. In English and in French, on a phone-sized page too."""

from __future__ import annotations

import os
import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from alliance87.plans.models import Plan
from alliance87.plans.tests.factories import make_plan
from conftest import World

from .helpers import sign_in
from .test_accessibility import assert_accessible

pytestmark = pytest.mark.browser

#: Where to keep screenshots of the refusal when asked (`SCREENSHOTS=var/screenshots`); none by default.
SCREENSHOTS = os.environ.get("SCREENSHOTS", "")


@pytest.mark.parametrize(
    ("language", "width", "refusal", "save"),
    [
        ("", 1280, "They changed: Title.", "Save"),
        ("/fr", 360, "Cette personne a modifié : Titre.", "Enregistrer"),
    ],
)
def test_the_second_editor_of_a_plan_is_told_what_changed(
    new_page: Callable[[], Page], site: str, world: World, language: str, width: int, refusal: str, save: str
) -> None:
    plan = make_plan(owner_body=world.supply_chains, title="Supply chains plan", slug="supply-chains-plan")
    first, second = new_page(), new_page()
    sign_in(first, site, world.secretariat.email)
    sign_in(second, site, world.chair.email)
    second.set_viewport_size({"width": width, "height": 900})
    address = f"{site}{language}/plans/{plan.slug}/edit/"
    first.goto(address)
    second.goto(address)

    first.locator("#id_title").fill("Supply chains plan 2020–2030")
    first.get_by_role("button", name=save).click()
    # On a French page the English title carries an "en anglais" badge after it.
    expect(first.locator("h1")).to_have_text(re.compile(r"^Supply chains plan 2020–2030(\s|$)"))

    second.locator("#id_description").fill("Written by the chair.")
    second.get_by_role("button", name=save).click()
    expect(second.get_by_text(refusal)).to_be_visible()
    expect(second.locator("#id_description")).to_have_value("Written by the chair.")
    assert Plan.objects.get(pk=plan.pk).description == ""
    assert second.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(second)
    if SCREENSHOTS:
        second.screenshot(path=f"{SCREENSHOTS}/plan-conflict-{language.strip('/') or 'en'}-{width}.png")

    # Having compared, they save again on purpose: their whole form wins, the title they had included.
    second.get_by_role("button", name=save).click()
    expect(second.locator("h1")).to_have_text(re.compile(r"^Supply chains plan(?! 2020)"))
    assert Plan.objects.get(pk=plan.pk).description == "Written by the chair."
