"""Data pages: what each person sees, the CSVs of exactly what is shown, and constant query counts."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from alliance87.data.case_data import publish_table, upload_case_dataset
from alliance87.data.models import Access, CaseDataset, ImportBatch, Observation, Series, Unit
from conftest import World

from .conftest import csv_bytes


def rows_of(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.fixture
def national(make_series, observe) -> Series:
    series = make_series("CL_RATE_NATIONAL", decimals=2)
    series.indicator_id = None
    for area, year, value in [
        ("MX", 2017, "7.05"),
        ("MX", 2019, "7.07"),
        ("NG", 2022, "39.2"),
        ("AM", 2015, "8.7"),
    ]:
        observe(series, area, year, value)
    observe(series, "MX", 2019, "16.6", age="15-17")
    return series


def test_dashboard_shows_figures_paces_map_and_its_table(client: Client, world_series, national) -> None:
    response = client.get("/data/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "137.6 million" in html
    assert "The decline must be" in html
    assert "do not imply official endorsement or acceptance by the United Nations" in html
    assert 'id="map-title"' in html and "Nigeria" in html
    assert "/data/map.csv?series=CL_RATE_NATIONAL" in html


def test_the_map_csv_holds_exactly_the_rows_the_map_shows(client: Client, national) -> None:
    latest = rows_of(client.get("/data/map.csv?series=CL_RATE_NATIONAL"))
    assert [(row[1], row[3], row[9]) for row in latest[1:]] == [
        ("AM", "2015", "8.700000"), ("MX", "2019", "7.070000"), ("NG", "2022", "39.200000")
    ]  # fmt: skip
    one_year = rows_of(client.get("/data/map.csv?series=CL_RATE_NATIONAL&year=2017"))
    assert [(row[1], row[9]) for row in one_year[1:]] == [("MX", "7.050000")]
    page = client.get("/data/?series=CL_RATE_NATIONAL&year=2017").content.decode()
    assert "Mexico" in page and "Nigeria</a>" not in page


def test_unknown_map_choices_are_404_not_a_guess(client: Client, national) -> None:
    assert client.get("/data/?series=NOPE").status_code == 404
    assert client.get("/data/?series=CL_RATE_NATIONAL&year=1999").status_code == 404
    assert client.get("/data/?series=CL_RATE_NATIONAL&year=abc").status_code == 404


def test_a_country_profile_has_charts_tables_csv_and_says_what_is_missing(client: Client, national) -> None:
    response = client.get("/data/areas/mx/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Latest: 7.07 %" in html
    assert 'role="img"' in html  # the trend chart
    assert "aged 15-17" in html
    assert "Nothing recorded for" in html and "16.2.2" in html
    csv_rows = rows_of(client.get("/data/areas/mx/CL_RATE_NATIONAL.csv"))
    assert [(row[3], row[6], row[9]) for row in csv_rows[1:]] == [
        ("2017", "", "7.050000"), ("2019", "", "7.070000"), ("2019", "15-17", "16.600000")
    ]  # fmt: skip
    assert client.get("/data/areas/MX/").status_code == 301
    assert client.get("/data/areas/zz/").status_code == 404


def test_a_country_without_values_says_so_plainly(client: Client, db) -> None:
    html = client.get("/data/areas/fr/").content.decode()
    assert "No statistical series has values for France on the platform yet." in html


def test_series_limited_to_partners_are_hidden_from_others(
    client_for, world: World, make_series, observe
) -> None:
    hidden = make_series("PARTNER_ONLY", access=Access.PARTNERS)
    observe(hidden, "NG", 2022, "1")
    assert client_for(None).get("/data/series/PARTNER_ONLY/").status_code == 404
    assert "PARTNER_ONLY" not in client_for(world.outsider).get("/data/series/").content.decode()
    assert "No statistical series has values" in client_for(None).get("/data/areas/ng/").content.decode()
    assert client_for(world.member).get("/data/series/PARTNER_ONLY/").status_code == 200


def test_import_page_imports_and_shows_the_changes(client_for, world: World, make_series) -> None:
    make_series("CL_RATE")
    client = client_for(world.secretariat)
    upload = io.BytesIO(csv_bytes("series,area,year,value\nCL_RATE,NG,2022,39.2\nCL_RATE,AM,2015,8.7"))
    upload.name = "first.csv"
    response = client.post("/data/import/", {"file": upload, "format": ""})
    batch = ImportBatch.objects.get()
    assert response.status_code == 303 and response["Location"].startswith("/imports/")
    job_page = client.get(response["Location"]).content.decode()
    assert "Imported: 2 new, 0 changed, 0 unchanged." in job_page and f"/data/imports/{batch.pk}/" in job_page
    upload = io.BytesIO(csv_bytes("series,area,year,value\nCL_RATE,NG,2022,40.1\nCL_RATE,AM,2015,abc"))
    upload.name = "second.csv"
    response = client.post("/data/import/", {"file": upload, "format": ""})
    job_page = client.get(response["Location"]).content.decode()
    assert "Nothing was saved: one problem was found." in job_page
    assert '<th scope="row">3</th>' in job_page and "value “abc” is not a number." in job_page
    assert Observation.objects.get(area__code="NG").value == Decimal("39.2")
    upload = io.BytesIO(csv_bytes("series,area,year,value\nCL_RATE,NG,2022,40.1"))
    upload.name = "third.csv"
    job_page = client.get(client.post("/data/import/", {"file": upload})["Location"]).content.decode()
    latest = ImportBatch.objects.order_by("-pk").first()
    detail = client.get(f"/data/imports/{latest.pk}/").content.decode()
    assert "value: 39.2" in detail and "value: 40.1" in detail and latest.created_by == world.secretariat


@pytest.mark.parametrize("path", ["/data/import/", "/data/imports/", "/data/cases/", "/data/publications/"])
def test_restricted_pages_ask_anonymous_visitors_to_sign_in_and_refuse_outsiders(
    client_for, world, path
) -> None:
    assert client_for(None).get(path).status_code == 302
    assert client_for(world.outsider).get(path).status_code == 403


def test_case_data_is_known_only_to_its_organisation_and_never_shown_row_by_row(
    client_for, world: World
) -> None:
    rows = "sex,form\n" + "\n".join(["F,Forced labour"] * 12 + ["M,Forced labour"] * 15 + ["F,Other"] * 3)
    dataset = upload_case_dataset(
        by=world.member, organisation=world.ngo, title="Shelter records", content=csv_bytes(rows)
    )
    assert client_for(world.other_focal_point).get(f"/data/cases/{dataset.pk}/").status_code == 404
    assert "Shelter records" not in client_for(world.other_focal_point).get("/data/cases/").content.decode()
    page = client_for(world.member).get(f"/data/cases/{dataset.pk}/").content.decode()
    assert "Shelter records" in page and "Check and publish" not in page
    focal = client_for(world.focal_point)
    response = focal.post(
        f"/data/cases/{dataset.pk}/",
        {
            "row_variable": "sex",
            "column_variable": "form",
            "threshold": "10",
            "access": "public",
            "title": "",
        },
    )
    table = CaseDataset.objects.get().tables.get()
    assert response.status_code == 302
    public = client_for(None).get(f"/data/tables/{table.pk}/").content.decode()
    assert "Shelter records: sex × form" in public
    assert ">x<" in public  # the 3 and what would reveal it
    assert client_for(None).get(f"/data/cases/{dataset.pk}/").status_code == 302


def test_published_tables_follow_their_access_level(client_for, world: World) -> None:
    rows = "sex,form\n" + "\n".join(["F,Forced labour"] * 12 + ["M,Forced labour"] * 15)
    dataset = upload_case_dataset(
        by=world.member, organisation=world.ngo, title="Records", content=csv_bytes(rows)
    )
    table = publish_table(
        by=world.secretariat,
        dataset=dataset,
        row_variable="sex",
        column_variable="form",
        access=Access.PARTNERS,
    )
    assert client_for(None).get(f"/data/tables/{table.pk}/").status_code == 404
    assert client_for(world.outsider).get(f"/data/tables/{table.pk}/table.csv").status_code == 404
    table_csv = rows_of(client_for(world.member).get(f"/data/tables/{table.pk}/table.csv"))
    assert table_csv == [
        ["sex", "Forced labour", "total"],
        ["F", "12", "12"],
        ["M", "15", "15"],
        ["total", "27", "27"],
    ]


def _profile_queries(client: Client, code: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/data/areas/{code}/").status_code == 200
    return len(queries.captured_queries)


def test_profile_and_dashboard_queries_do_not_grow_with_series_and_years(
    client: Client, make_series, observe, world_series
) -> None:
    first = make_series("A_SERIES", unit=Unit.PERCENT)
    observe(first, "NG", 2020, "1")
    observe(first, "202", 2020, "1")
    before = _profile_queries(client, "ng")
    with CaptureQueriesContext(connection) as dashboard_before:
        client.get("/data/")
    for index in range(5):
        series = make_series(f"MORE_{index}")
        for year in range(2000, 2010):
            observe(series, "NG", year, "2")
            observe(series, "001", year, "3")
            observe(series, "202", year, "4")
            observe(series, "NG", year, "1", sex="F")
    assert _profile_queries(client, "ng") == before
    with CaptureQueriesContext(connection) as dashboard_after:
        client.get("/data/")
    assert len(dashboard_after.captured_queries) == len(dashboard_before.captured_queries)
