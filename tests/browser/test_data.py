"""Data in the browser: a Pathfinder Country's data profile, its chart's table and CSV, and the world map.

The figures are test values for Fiji (the `world` fixture's Pathfinder Country), not published ones.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from alliance87.data.areas import ensure_reference_data
from alliance87.data.models import Area, Licence, Observation, Series, Source, TargetPart, Unit
from conftest import World

from .test_accessibility import assert_accessible

pytestmark = pytest.mark.browser


def make_data() -> None:
    ensure_reference_data()
    source = Source.objects.create(
        title="Test survey", publisher="Test office", url="https://example.org/survey"
    )
    national = Series.objects.create(
        code="CL_RATE_NATIONAL",
        name="Children in child labour, national measurement",
        unit=Unit.PERCENT,
        decimals=1,
        source_organisation="National statistical offices",
        licence=Licence.NATIONAL_OPEN,
    )
    for code, year, value in [
        ("FJ", 2010, "12.5"),
        ("FJ", 2015, "10.25"),
        ("FJ", 2020, "8.0"),
        ("NG", 2022, "39.2"),
    ]:
        Observation.objects.create(
            series=national, area=Area.objects.get(code=code), year=year, end_year=year, value=Decimal(value),
            source=source,
        )  # fmt: skip
    world_series = Series.objects.create(
        code="CL_NUMBER",
        name="Children in child labour",
        unit=Unit.MILLIONS,
        source_organisation="ILO and UNICEF",
        licence=Licence.CC_BY_4,
        tracks=TargetPart.CHILD_LABOUR,
        is_headline=True,
    )
    for year, value in [(2016, "151.6"), (2020, "160.0"), (2024, "137.6")]:
        Observation.objects.create(
            series=world_series, area=Area.objects.get(code="001"), year=year, end_year=year, value=Decimal(value),
            source=source,
        )  # fmt: skip


def no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.evaluate("window.innerWidth")
    assert width <= viewport, f"{page.url} is {width}px wide in a {viewport}px window"


@pytest.mark.parametrize("width", [1280, 360])
def test_a_pathfinder_country_data_profile_reads_its_chart_table_and_downloads_its_csv(
    new_page: Callable[[], Page], site: str, world: World, width: int
) -> None:
    make_data()
    page = new_page()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{site}/countries/fj/")
    page.get_by_role("link", name="Data profile of Fiji").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Fiji")
    expect(
        page.get_by_role(
            "img", name="Children in child labour, national measurement in Fiji, total over time"
        )
    ).to_be_visible()
    table = page.get_by_role(
        "table", name="Children in child labour, national measurement in Fiji: values shown"
    )
    expect(table.get_by_role("row")).to_have_count(4)
    expect(table.get_by_role("row").nth(2)).to_contain_text("2015")
    expect(table.get_by_role("row").nth(2)).to_contain_text("10.3 %")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download these values (CSV)").click()
    path = download_info.value.path()
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert [(row[3], row[9]) for row in rows[1:]] == [
        ("2010", "12.500000"),
        ("2015", "10.250000"),
        ("2020", "8.000000"),
    ]
    no_sideways_scroll(page)
    assert_accessible(page)


@pytest.mark.parametrize("width", [1280, 360])
def test_the_world_map_shows_a_chosen_series_and_year_with_its_table(
    new_page: Callable[[], Page], site: str, world: World, width: int
) -> None:
    make_data()
    page = new_page()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{site}/data/")
    expect(page.get_by_role("heading", name="End child labour in all its forms by 2025")).to_be_visible()
    page.get_by_label("Series shown on the map").select_option("CL_RATE_NATIONAL")
    page.get_by_label("Year", exact=True).select_option("2020")
    page.get_by_role("button", name="Show").click()
    expect(
        page.get_by_role("group", name="World map: Children in child labour, national measurement")
    ).to_be_visible()
    map_table = page.get_by_role("table", name="Children in child labour, national measurement, 2020")
    expect(map_table.get_by_role("row")).to_have_count(2)
    expect(map_table).to_contain_text("Fiji")
    expect(
        page.get_by_text("do not imply official endorsement or acceptance by the United Nations")
    ).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download exactly what the map shows (CSV)").click()
    rows = list(csv.reader(io.StringIO(download_info.value.path().read_text(encoding="utf-8-sig"))))
    assert [(row[1], row[3]) for row in rows[1:]] == [("FJ", "2020")]
    no_sideways_scroll(page)
    assert_accessible(page)
