"""The data API: reads with access rules and filters, CSV, paces, imports through the API with row errors."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.test import Client

from alliance87.accounts.services import issue_api_token
from alliance87.data.models import Access, ImportBatch, Observation
from conftest import World

from .conftest import csv_bytes

PREFIX = "/api/v1/data"


@pytest.fixture
def values(make_series, observe):
    rate = make_series("CL_RATE")
    for area, year, value, extra in [
        ("NG", 2022, "39.2", {}), ("NG", 2022, "38.8", {"sex": "F"}), ("NG", 2022, "44.8", {"location": "R"}),
        ("MX", 2019, "7.07", {}), ("001", 2024, "7.8", {}),
    ]:  # fmt: skip
        observe(rate, area, year, value, **extra)
    hidden = make_series("PARTNERS_ONLY", access=Access.PARTNERS)
    observe(hidden, "NG", 2022, "1")
    return rate


def get(client: Client, path: str, **headers) -> tuple[int, object]:
    response = client.get(PREFIX + path, **headers)
    return response.status_code, json.loads(response.content) if response["Content-Type"].startswith(
        "application/json"
    ) else response.content.decode("utf-8-sig")


def test_series_and_observations_are_filtered_by_indicator_area_year_and_dimension(
    client: Client, values
) -> None:
    status, body = get(client, "/series")
    assert status == 200 and [s["code"] for s in body["items"]] == ["CL_RATE"]
    status, body = get(client, "/observations?area=NG&sex=_T&location=_T")
    assert [(o["series"], o["value"]) for o in body["items"]] == [("CL_RATE", "39.200000")]
    status, body = get(client, "/observations?series=CL_RATE&sex=F")
    assert [o["area"] for o in body["items"]] == ["NG"]
    status, body = get(client, "/observations?year_from=2020&area=001")
    assert body["count"] == 1
    status, body = get(client, "/observations?year=nineteen")
    assert status == 422 and body["errors"][0]["field"] == "year"


def test_observations_come_as_csv_too(client: Client, values) -> None:
    status, text = get(client, "/observations.csv?area=NG")
    rows = list(csv.reader(io.StringIO(text)))
    assert status == 200 and rows[0][:3] == ["series", "area", "year"]
    assert sorted(row[8] for row in rows[1:]) == ["38.800000", "39.200000", "44.800000"]


def test_a_partners_only_series_shows_to_partners_with_a_token(client: Client, world: World, values) -> None:
    assert get(client, "/series/PARTNERS_ONLY")[0] == 404
    assert get(client, "/observations?series=PARTNERS_ONLY")[1]["count"] == 0
    token = issue_api_token(user=world.member, name="test")[1]
    status, body = get(client, "/series/PARTNERS_ONLY", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert status == 200 and body["access"] == "partners"
    assert get(client, "/series", HTTP_AUTHORIZATION="Bearer wrong")[0] == 401


def test_area_profiles_and_target_paces(client: Client, values, world_series) -> None:
    status, body = get(client, "/areas/ng/profile")
    assert status == 200
    block = body["series"][0]
    assert block["series"]["code"] == "CL_RATE"
    assert [v["value"] for v in block["trend"]] == ["39.200000"]
    assert sorted(v["value"] for v in block["breakdown"]) == ["38.800000", "44.800000"]
    assert "16.2.2" in body["missing_indicators"]
    assert get(client, "/areas/zz/profile")[0] == 404
    status, text = get(client, "/areas/ng/profile.csv")
    assert status == 200 and text.count("\n") == 4
    status, paces = get(client, "/targets")
    child = next(p for p in paces if p["part"] == "child_labour")
    assert child["series"] == "CL_NUMBER" and child["base_year"] == 2016
    assert child["observed_per_year"] == pytest.approx(-1.75)


def test_imports_through_the_api_answer_row_errors_and_keep_changes(
    client: Client, world: World, values
) -> None:
    token = issue_api_token(user=world.secretariat, name="test")[1]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}

    def send(text: str, **extra) -> tuple[int, dict]:
        upload = io.BytesIO(csv_bytes(text))
        upload.name = "values.csv"
        response = client.post(f"{PREFIX}/imports", {"file": upload, **extra}, **auth)
        return response.status_code, json.loads(response.content)

    status, body = send("series,area,year,value\nCL_RATE,NG,2022,40.1\nCL_RATE,QQ,2022,1")
    assert status == 202 and body["state"] == "failed" and body["url"] == f"/api/v1/imports/{body['id']}"
    assert body["errors"] == [
        {
            "row": "3",
            "field": "file",
            "message": "the area code “QQ” is unknown (use ISO 3166 alpha-2, alpha-3 or M49).",
        }
    ]
    assert json.loads(client.get(body["url"], **auth).content)["errors"] == body["errors"]
    status, body = send(
        "series,area,year,value\nCL_RATE,NG,2022,40.1\nCL_RATE,AM,2015,8.7", format="template"
    )
    assert status == 202 and body["state"] == "done" and body["written"] == 2
    batch = ImportBatch.objects.get()
    assert body["counts"] == {"batch": batch.pk, "created": 1, "updated": 1, "unchanged": 0}
    status, batch_body = get(client, f"/imports/{batch.pk}", **auth)
    assert (batch_body["created"], batch_body["updated"], batch_body["via_api"]) == (1, 1, True)
    assert batch_body["changes"] == [
        {
            "series": "CL_RATE",
            "area": "NG",
            "key": "2022",
            "before": {"value": "39.2"},
            "after": {"value": "40.1"},
        }
    ]
    member = issue_api_token(user=world.member, name="test")[1]
    job_url = body["url"]
    assert client.get(job_url, HTTP_AUTHORIZATION=f"Bearer {member}").status_code == 404
    assert client.get(job_url).status_code == 401
    batch = ImportBatch.objects.get()
    assert get(client, f"/imports/{batch.pk}", **auth)[1]["created_by"] == world.secretariat.display_name
    upload = io.BytesIO(b"series,area,year,value\n")
    upload.name = "x.csv"
    assert client.post(f"{PREFIX}/imports", {"file": upload}).status_code == 401
    outsider = issue_api_token(user=world.outsider, name="test")[1]
    upload.seek(0)
    response = client.post(f"{PREFIX}/imports", {"file": upload}, HTTP_AUTHORIZATION=f"Bearer {outsider}")
    assert response.status_code == 403
    assert Observation.objects.filter(area__code="AM").count() == 1
