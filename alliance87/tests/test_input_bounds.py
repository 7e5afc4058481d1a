"""Hostile input at the edge: never a 500, always a 4xx that names the field, on pages and in the API.

A sweep sends out-of-bounds values (numbers beyond 64 bits, negative numbers, absurd years, NUL bytes, bytes that
are not UTF-8) in every query parameter of every API read (from the OpenAPI document) and of every list page; the
named cases are the reproductions of issue 15 (finding 8 and the event from year 1 to year 9999).
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

import pytest
from django.test import Client
from django.test.utils import override_settings

from alliance87.api.urls import api
from alliance87.core.request_bounds import MAX_INTEGER, out_of_range
from tests.api import PREFIX, field_names

HUGE = str(2**70)
#: What each kind of hostile value looks like in a query string (already percent-encoded).
HOSTILE = {
    "huge number": quote(HUGE),
    "huge negative number": quote("-" + HUGE),
    "negative number": "-5",
    "absurd year": "156917745716488634368",
    "year nine": "99999",
    "NUL byte": quote("a\x00b"),
    "not UTF-8": "%ED%A0%80",
}

#: Pages that read query parameters, and the parameters any of them reads.
PAGES = [
    "/",
    "/partners/",
    "/partners/applications/",
    "/bodies/",
    "/bodies/requests/",
    "/countries/",
    "/plans/",
    "/plans/gaps/",
    "/plans/gaps.csv",
    "/plans/common/",
    "/plans/review/",
    "/library/",
    "/library/search/",
    "/library/search/suggest",
    "/library/export.bib",
    "/library/export.json",
    "/library/collections/",
    "/community/",
    "/community/messages/",
    "/community/messages/new/",
    "/community/notifications/",
    "/events/",
    "/events/new/",
    "/events/feed.ics",
    "/news/",
    "/news/feed.rss",
    "/data/",
    "/data/series/",
    "/data/areas/",
    "/data/cases/",
    "/data/tables/",
    "/newsletter/issues/",
    "/oai/",
    "/plans/new/",
    "/library/new/",
]
PAGE_PARAMETERS = [
    "page",
    "q",
    "year",
    "year_from",
    "year_to",
    "month",
    "recent",
    "parent",
    "reply_to",
    "to",
    "body",
    "country",
    "series",
    "lang",
    "kind",
    "organisation",
    "page_size",
    "offset",
    "limit",
    "status",
    "theme",
    "verb",
    "metadataPrefix",
    "resumptionToken",
    "from",
    "until",
]


def _api_reads() -> list[tuple[str, list[str], list[str]]]:
    """Every GET operation of the API: its path, its path parameters and its query parameters."""
    reads = []
    for path, operations in api.get_openapi_schema()["paths"].items():
        operation = operations.get("get")
        if not operation:
            continue
        parameters = operation.get("parameters", [])
        reads.append(
            (
                path.removeprefix(PREFIX),
                [p["name"] for p in parameters if p["in"] == "path"],
                [p["name"] for p in parameters if p["in"] == "query"],
            )
        )
    return reads


def _check_refusal(response: Any, *, api_call: bool) -> None:
    assert response.status_code < 500, response.content[:500]
    if response.status_code in (400, 413, 422) and api_call:
        assert response.json()["detail"]


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_no_api_read_fails_on_hostile_parameters(world: Any, kind: str) -> None:
    client = Client()
    client.force_login(world.secretariat)
    value = HOSTILE[kind]
    for path, path_parameters, query_parameters in _api_reads():
        address = path
        for name in path_parameters:
            address = address.replace("{" + name + "}", value)
        query = "&".join(f"{name}={value}" for name in query_parameters)
        response = client.get(f"{PREFIX}{address}?{query}")
        _check_refusal(response, api_call=True)


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_no_page_fails_on_hostile_parameters(world: Any, kind: str) -> None:
    client = Client()
    client.force_login(world.secretariat)
    query = "&".join(f"{name}={HOSTILE[kind]}" for name in PAGE_PARAMETERS)
    for page in PAGES:
        response = client.get(f"{page}?{query}")
        _check_refusal(response, api_call=False)


# --- offsets, pages and years ----------------------------------------------------------------------------


@pytest.mark.parametrize("offset", [str(2**64), str(2**63), "-1"])
def test_an_offset_out_of_range_is_a_422_naming_it(api_as: Any, offset: str) -> None:
    response = api_as("anonymous").get("/organisations", offset=offset)
    assert response.status_code == 422
    assert field_names(response) == {"offset"}


def test_the_largest_offset_answers_an_empty_page(api_as: Any) -> None:
    response = api_as("anonymous").get("/organisations", offset=1_000_000_000)
    assert response.status_code == 200
    assert response.json()["items"] == []


def test_an_absurd_year_in_library_search_is_named_in_the_api(api_as: Any) -> None:
    response = api_as("anonymous").get("/library/search", year="156917745716488634368")
    assert response.status_code == 422
    assert field_names(response) == {"year.0"}


def test_an_absurd_year_on_the_library_search_page_is_ignored(client: Client, world: Any) -> None:
    response = client.get("/library/search/?year=156917745716488634368&q=forced")
    assert response.status_code == 200


def test_an_id_beyond_64_bits_in_an_api_address_is_not_found(api_as: Any) -> None:
    response = api_as("secretariat").get(f"/role-terms/{2**70}")
    assert response.status_code == 404
    assert response.json()["detail"] == "Not found."


def test_a_number_beyond_what_a_field_takes_is_named(api_as: Any) -> None:
    response = api_as("secretariat").post(
        "/events",
        {**EVENT, "starts_at": "2026-05-01T09:00:00", "ends_at": "2026-05-01T17:00:00", "capacity": 2**40},
    )
    assert response.status_code == 422, response.content
    assert field_names(response) == {"capacity"}


def test_a_number_the_database_refuses_is_named_from_the_request(rf: Any) -> None:
    request = rf.post(
        "/api/v1/events?page=3", json.dumps({"capacity": 2**40, "title": "x"}), "application/json"
    )
    request.resolver_match = None
    refusal = out_of_range(request)
    assert refusal.status == 400
    assert refusal.errors == [("capacity", "This number is too large.")]


def test_an_id_beyond_64_bits_in_a_page_address_is_not_found(client: Client, world: Any) -> None:
    client.force_login(world.secretariat)
    response = client.post(f"/accounts/me/tokens/{2**70}/revoke/")
    assert response.status_code == 404


# --- NUL bytes and lone surrogates ------------------------------------------------------------------------


def test_a_nul_byte_in_a_query_string_is_a_400_naming_the_parameter(api_as: Any) -> None:
    response = api_as("anonymous").get("/organisations", q="a\x00b")
    assert response.status_code == 400
    assert field_names(response) == {"q"}
    assert "NUL" in response.json()["errors"][0]["message"]


def test_a_nul_byte_in_a_page_query_is_a_400_page_naming_the_parameter(client: Client, world: Any) -> None:
    response = client.get("/partners/", {"q": "a\x00b"})
    assert response.status_code == 400
    assert "text/html" in response["Content-Type"]
    assert "<strong>q</strong>" in response.content.decode()


def test_a_nul_byte_in_an_application_is_a_422_naming_the_field(api_as: Any) -> None:
    response = api_as("anonymous").post(
        "/applications",
        {"organisation_name": "Evil\x00Org", "contact_email": "a@example.org", "type": "civil_society"},
    )
    assert response.status_code == 422
    assert field_names(response) == {"organisation_name"}


def test_a_nul_byte_in_a_news_post_is_a_422_naming_the_field(api_as: Any) -> None:
    response = api_as("secretariat").post("/news", {"title": "Hello", "body": "one\x00two"})
    assert response.status_code == 422
    assert field_names(response) == {"body"}


@pytest.mark.parametrize("method", ["post", "patch"])
def test_a_lone_surrogate_in_any_text_field_is_a_422_naming_it(api_as: Any, method: str) -> None:
    path = "/organisations" if method == "post" else "/organisations/ilo"
    raw = '{"name": "Bad \\ud800 name", "type": "civil_society", "description": "fine"}'
    response = getattr(api_as("secretariat"), method)(path, raw=raw)
    assert response.status_code == 422
    assert field_names(response) == {"name"}
    assert "surrogate" in response.json()["errors"][0]["message"]


def test_a_surrogate_pair_is_a_character_and_is_accepted(api_as: Any) -> None:
    raw = '{"name": "Partners \\ud83e\\udd1d"}'
    response = api_as("secretariat").patch("/organisations/ilo", raw=raw)
    assert response.status_code == 200
    assert response.json()["name"] == "Partners \U0001f91d"


def test_a_nested_field_is_named_by_its_path(api_as: Any) -> None:
    payload = {
        "title": "A report",
        "kind": "report",
        "authors": [{"family_name": "Doe", "given_names": "J\x00"}],
    }
    response = api_as("secretariat").post("/library/items", payload)
    assert response.status_code == 422
    assert field_names(response) == {"authors.0.given_names"}


def test_a_number_beyond_64_bits_in_a_body_is_a_422_naming_it(api_as: Any) -> None:
    response = api_as("secretariat").post(
        "/library/items", raw=json.dumps({"title": "A", "kind": "report", "year": 2**70})
    )
    assert response.status_code == 422
    assert field_names(response) == {"year"}


def test_a_nul_byte_in_a_page_form_is_a_400_page_naming_the_field(client: Client, world: Any) -> None:
    client.force_login(world.secretariat)
    response = client.post("/news/new/", {"title": "Hi", "body": "a\x00b"})
    assert response.status_code == 400
    assert "<strong>body</strong>" in response.content.decode()


# --- oversized and malformed bodies --------------------------------------------------------------------------


def test_a_json_body_over_the_limit_is_a_413_saying_the_limit(api_as: Any, settings: Any) -> None:
    big = json.dumps({"name": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10), "type": "civil_society"})
    response = api_as("secretariat").post("/organisations", raw=big)
    assert response.status_code == 413
    assert response.json()["detail"] == "The request is too large: send at most 5 MB."


def test_a_form_over_the_limit_is_a_413_page(client: Client, world: Any, settings: Any) -> None:
    client.force_login(world.secretariat)
    response = client.post("/news/new/", {"title": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)})
    assert response.status_code == 413
    assert "too large" in response.content.decode()


@override_settings(REQUEST_BODY_MAX_BYTES=1024)
def test_an_upload_over_the_ceiling_is_a_413_before_it_is_read(client: Client, world: Any) -> None:
    client.force_login(world.secretariat)
    response = client.post(
        "/api/v1/library/items/x/files",
        data=b"-" * 2048,
        content_type="multipart/form-data; boundary=xyz",
    )
    assert response.status_code == 413


def test_multipart_without_a_boundary_is_a_400_saying_so(api_as: Any, world: Any) -> None:
    client = api_as("secretariat")
    response = client.client.post(
        f"{PREFIX}/library/items/any/files",
        data=b"--x\r\nContent-Disposition: form-data; name=file\r\n\r\nabc\r\n--x--",
        content_type="multipart/form-data",
        headers=client.headers,
    )
    assert response.status_code == 400
    assert "boundary" in response.json()["detail"]


def test_the_bound_is_the_largest_number_a_column_holds() -> None:
    assert MAX_INTEGER == 9223372036854775807


# --- events ---------------------------------------------------------------------------------------------


EVENT = {
    "title": "Forever",
    "kind": "workshop",
    "timezone": "UTC",
    "city": "Geneva",
    "owner_body": "supply-chains",
}


@pytest.mark.parametrize(
    ("starts_at", "ends_at", "field"),
    [
        ("0001-01-01T09:00:00", "9999-12-30T17:00:00", "starts_at"),
        ("2026-01-01T09:00:00", "9999-12-30T17:00:00", "ends_at"),
        ("2026-01-01T09:00:00", "2028-01-01T17:00:00", "ends_at"),
    ],
)
def test_an_event_spanning_centuries_is_refused_naming_the_field(
    api_as: Any, starts_at: str, ends_at: str, field: str
) -> None:
    response = api_as("secretariat").post("/events", {**EVENT, "starts_at": starts_at, "ends_at": ends_at})
    assert response.status_code == 400, response.content
    assert field_names(response) == {field}
