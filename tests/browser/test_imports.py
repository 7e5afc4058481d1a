"""A citation import in the browser: the upload answers at once with the import's page, which updates itself
(htmx, announced through aria-live) until the import is done, then links to the new items; axe-clean, and no
sideways scrolling on a phone."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from alliance87.core.imports import run_import
from alliance87.core.models import ImportJob, ImportState
from conftest import World

from .helpers import sign_in
from .test_accessibility import assert_accessible

pytestmark = pytest.mark.browser

REFERENCES = b"""
@techreport{ilo2017, title = {Global Estimates of Modern Slavery}, author = {{International Labour Organization}},
  year = {2017}, keywords = {forced labour}}
@book{kilns2023, title = {Debt bondage in brick kilns}, author = {Sharma, Priya}, year = {2023}}
"""


def test_a_citation_import_runs_in_the_background_and_its_page_reaches_done(
    new_page: Callable[[], Page], site: str, world: World, settings
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # a worker, not inline
    page = new_page()
    sign_in(page, site, world.secretariat.email)
    page.goto(f"{site}/library/import/")
    page.get_by_label("File (BibTeX .bib, RIS .ris or CSV .csv)").set_input_files(
        files=[{"name": "refs.bib", "mimeType": "text/plain", "buffer": REFERENCES}]
    )
    page.get_by_role("button", name="Import").click()

    expect(page.get_by_role("heading", level=1, name="Import of refs.bib")).to_be_visible()
    expect(page.locator("[data-state]")).to_have_text("Waiting to start")
    assert_accessible(page)
    address = page.url

    job = ImportJob.objects.get()
    assert run_import.call(job_id=job.pk) == ImportState.DONE  # what the worker does

    expect(page.get_by_role("heading", name="2 items were imported.")).to_be_visible()  # no reload
    assert page.url == address
    expect(page.locator("[data-state]")).to_have_text("Done")
    assert_accessible(page)
    page.set_viewport_size({"width": 360, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page)
    page.get_by_role("link", name="Debt bondage in brick kilns").click()
    expect(page.get_by_role("heading", level=1, name="Debt bondage in brick kilns")).to_be_visible()
