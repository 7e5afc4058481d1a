"""A French reader sees the names that have a French translation, and the others in English, marked as such."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from alliance87.bodies.models import Body
from alliance87.partners.models import Organisation
from conftest import World

pytestmark = pytest.mark.browser


def test_a_french_page_shows_translated_body_and_organisation_names(
    new_page: Callable[[], Page], site: str, world: World
) -> None:
    Body.objects.filter(pk=world.migration.pk).update(name_fr="Groupe d’action sur les migrations")
    Organisation.objects.filter(pk=world.ilo.pk).update(
        name_fr="Organisation internationale du Travail", acronym_fr="OIT"
    )
    page = new_page()

    # The worker's first page imports the URLconf and the API schemas: slow on a busy machine.
    page.goto(f"{site}/fr/bodies/", wait_until="domcontentloaded", timeout=90_000)
    expect(page.get_by_role("heading", name="Groupe d’action sur les migrations")).to_be_visible()
    untranslated = page.locator('h2 span[lang="en"]', has_text="Action Group on Supply Chains")
    expect(untranslated).to_be_visible()
    # The badge beside it says, in the reader's language, which language the name is in.
    heading = page.locator("h2").filter(has_text="Action Group on Supply Chains")
    expect(heading.locator(".badge-lang")).to_have_attribute("lang", "fr")

    page.goto(f"{site}/fr/partners/ilo/", wait_until="domcontentloaded")
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Organisation internationale du Travail (OIT)"
    )
    expect(page.get_by_role("heading", level=1).locator(".badge-lang")).to_have_count(0)

    page.goto(f"{site}/bodies/", wait_until="domcontentloaded")
    expect(page.get_by_role("heading", name="Action Group on Migration", exact=True)).to_be_visible()
    expect(page.locator(".badge-lang")).to_have_count(0)
