"""The knowledge library in the browser: add an item, attach a PDF, find it by a phrase of its text and download it;
restricted items stay out of sight; the library's pages pass axe."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import Locator, Page, expect

from alliance87.library import services
from alliance87.library.models import Access
from alliance87.library.samples import text_pdf
from conftest import World

from .helpers import sign_in
from .test_accessibility import assert_accessible

pytestmark = pytest.mark.browser

TITLE = "Debt bondage in the brick kilns of the Punjab"
PHRASE = "kiln owners advanced wages against the harvest"
PDF_NAME = "brick-kilns.pdf"
PDF = text_pdf(
    [
        "Field survey of brick kilns, 2023.",
        f"In most of the sites visited, {PHRASE} and families could not leave until the debt was repaid.",
        "Inspections were rare and announced in advance.",
    ],
    title=TITLE,
)


def field(page: Page, label: str) -> Locator:
    """A form field by its label, whether or not the label carries the required-field asterisk."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}\W*$"))


# --- a secretariat officer adds an item and a reader finds it -----------------------------------------------


def add_item(page: Page, site: str) -> None:
    page.goto(f"{site}/library/")
    expect(page.get_by_role("heading", level=1, name="Library")).to_be_visible()
    page.get_by_role("link", name="Add an item").click()
    expect(page.get_by_role("heading", level=1, name="Add an item to the library")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()  # nothing filled in yet
    expect(page.get_by_role("alert")).to_contain_text("Title: This field is required.")
    assert_accessible(page)
    field(page, "Kind").select_option(label="Research paper")
    field(page, "Title").fill(TITLE)
    field(page, "Authors").fill("Sharma, Priya\nKhan, Imran")
    field(page, "Year").fill("2023")
    field(page, "Abstract").fill("A survey of **debt bondage** in brick kilns.")
    field(page, "Access").select_option(label="Public")
    page.get_by_role("button", name="Save").click()
    expect(
        page.get_by_text("The item has been added to the library. You may now attach its files.")
    ).to_be_visible()
    expect(page.get_by_role("heading", level=1, name=TITLE)).to_be_visible()
    expect(page.get_by_text("No file is attached.")).to_be_visible()


def attach_pdf(page: Page) -> None:
    field(page, "File").set_input_files(
        files=[{"name": PDF_NAME, "mimeType": "application/pdf", "buffer": PDF}]
    )
    field(page, "Description").fill("Survey report")
    page.get_by_role("button", name="Upload").click()
    expect(
        page.get_by_text("The file has been added; its text is being extracted for search.")
    ).to_be_visible()
    files = page.get_by_role("table", name="Files")
    row = files.get_by_role("row").filter(has=page.get_by_role("link", name=PDF_NAME))
    expect(row.get_by_role("cell").nth(0)).to_have_text("application/pdf")
    expect(row.get_by_role("cell").nth(2)).to_have_text("Text extracted")
    expect(row).to_contain_text("1 page")


def find_by_phrase(page: Page, site: str) -> None:
    page.goto(f"{site}/library/")
    page.get_by_role("searchbox", name="Search the library").fill(f'"{PHRASE}"')
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Search the library")).to_be_visible()
    expect(page.get_by_role("status")).to_have_text("1 item found")
    results = page.get_by_role("region", name="Results")
    hit = results.get_by_role("listitem").filter(has=page.get_by_role("link", name=TITLE))
    expect(hit).to_have_count(1)
    marked = hit.locator("mark")
    expect(marked.first).to_be_visible()
    assert "kiln" in " ".join(marked.all_inner_texts()).lower()
    expect(hit).to_contain_text("advanced wages against the harvest")
    refine = page.get_by_role("complementary", name="Refine the results")
    expect(refine.get_by_role("group", name="Kind")).to_contain_text("Research paper")
    expect(refine.get_by_role("checkbox", name=re.compile(r"^2023"))).to_be_visible()
    assert_accessible(page)
    hit.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1, name=TITLE)).to_be_visible()


def download_pdf(page: Page) -> None:
    with page.expect_download() as download_info:
        page.get_by_role("link", name=PDF_NAME).click()
    download = download_info.value
    assert download.suggested_filename == PDF_NAME
    assert Path(download.path()).read_bytes() == PDF


def test_secretariat_adds_a_pdf_that_readers_find_by_a_phrase_and_download(
    new_page: Callable[[], Page], site: str, world: World
) -> None:
    officer = new_page()
    sign_in(officer, site, world.secretariat.email)
    add_item(officer, site)
    attach_pdf(officer)
    assert_accessible(officer)  # an item page with a file, as its editor sees it (upload form, edit history)

    officer.goto(f"{site}/library/")
    expect(
        officer.get_by_role("region", name="Recently added").get_by_role("link", name=TITLE)
    ).to_be_visible()
    assert_accessible(officer)

    reader = new_page()  # anyone may read a public item
    find_by_phrase(reader, site)
    expect(reader.get_by_role("table", name="Files").get_by_role("row")).to_have_count(2)
    assert_accessible(reader)
    download_pdf(reader)


# --- restricted items --------------------------------------------------------------------------------------


def test_a_partners_only_item_and_its_file_stay_hidden_from_anonymous_visitors(
    new_page: Callable[[], Page], site: str, world: World
) -> None:
    secret_phrase = "recruitment agencies charged fees"
    services.save_item(
        by=world.secretariat,
        values=services.ItemInput.of(
            {"kind": "report", "title": "Fishing fleets audit", "year": 2022, "access": Access.PUBLIC}
        ),
    )
    hidden = services.save_item(
        by=world.secretariat,
        values=services.ItemInput.of(
            {"kind": "report", "title": "Confidential fishing fleets review", "access": Access.PARTNERS}
        ),
    )
    hidden_file = services.attach_file(
        item=hidden,
        by=world.secretariat,
        uploaded_file=SimpleUploadedFile(
            "review.pdf", text_pdf([f"On the fishing fleets, {secret_phrase} of every crew member."])
        ),
    )
    file_url = f"{site}/library/files/{hidden_file.pk}/download/"

    visitor = new_page()
    visitor.goto(f"{site}/library/search/?q=fishing+fleets")
    expect(visitor.get_by_role("status")).to_have_text("1 item found")
    expect(visitor.get_by_role("link", name="Fishing fleets audit")).to_be_visible()
    expect(visitor.get_by_text("Confidential")).to_have_count(0)
    visitor.goto(f"{site}/library/search/?q=%22{secret_phrase.replace(' ', '+')}%22")
    expect(visitor.get_by_role("status")).to_have_text("0 items found")
    visitor.goto(f"{site}/library/")
    expect(visitor.get_by_role("link", name="Fishing fleets audit")).to_be_visible()
    expect(visitor.get_by_text("Confidential")).to_have_count(0)
    suggestions = visitor.request.get(f"{site}/library/search/suggest?q=confidential")
    assert suggestions.ok and "Confidential" not in suggestions.text()
    response = visitor.goto(f"{site}{hidden.get_absolute_url()}")
    assert response is not None and response.status == 404
    assert visitor.request.get(file_url).status == 404

    partner = new_page()  # the same addresses work for a partner: the 404s above are the access rule
    sign_in(partner, site, world.focal_point.email)
    partner.goto(f"{site}/library/search/?q=%22{secret_phrase.replace(' ', '+')}%22")
    expect(partner.get_by_role("link", name="Confidential fishing fleets review")).to_be_visible()
    download = partner.request.get(file_url)
    assert download.status == 200
    assert download.headers["cache-control"] == "private, no-store"
