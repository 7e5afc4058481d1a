"""The Pathfinder Countries API: only the Secretariat writes (every role, both credentials), anyone reads in
their language, bad input is named field by field, and the list answers in a fixed number of queries."""

from typing import Any

import pytest

from alliance87.countries.models import PathfinderCountry, PathfinderStatus
from tests.api import Operation, check_answer, check_list_queries, field_names, matrix

SECRETARIAT = frozenset({"secretariat", "admin"})

OPERATIONS = {
    "create country": Operation(
        "POST", "/countries", {"country": "br", "summary": "Interest expressed."}, SECRETARIAT, 201
    ),
    "update country": Operation(
        "PATCH", "/countries/fj", {"summary": "Action plan adopted."}, SECRETARIAT, 200
    ),
}


@pytest.mark.parametrize("via", ["token", "session"])
@pytest.mark.parametrize(("operation", "role", "expected"), matrix(OPERATIONS))
def test_permission_matrix(
    api_as: Any, world: Any, via: str, operation: str, role: str, expected: int
) -> None:
    check_answer(OPERATIONS[operation].call(api_as(role, via=via), world), expected)


def test_countries_by_status_and_code_in_any_case(api_as: Any, world: Any) -> None:
    anonymous = api_as("anonymous")
    assert [c["code"] for c in anonymous.get("/countries", status="pathfinder").json()["items"]] == ["FJ"]
    assert anonymous.get("/countries", status="preparing").json()["items"] == []
    for code in ("fj", "FJ", "Fj"):
        fiji = anonymous.get(f"/countries/{code}").json()
        assert (fiji["code"], fiji["name"], fiji["url"]) == ("FJ", "Fiji", "/countries/fj/")


def test_names_follow_the_request_language(api_as: Any, world: Any) -> None:
    client = api_as("anonymous")
    client.headers["Accept-Language"] = "fr"
    assert client.get("/countries/fj").json()["name"] == "Fidji"


@pytest.fixture
def secretariat(api_as: Any) -> Any:
    return api_as("secretariat")


def test_latitude_out_of_range_is_named(secretariat: Any) -> None:
    response = secretariat.post("/countries", {"country": "BR", "latitude": 123})
    assert response.status_code == 422
    assert field_names(response) == {"latitude"}


def test_the_status_is_read_from_the_path_not_written(secretariat: Any) -> None:
    response = secretariat.post("/countries", {"country": "BR", "status": "pathfinder"})
    assert response.status_code == 422
    assert field_names(response) == {"status"}


def test_country_already_on_the_list_is_named(secretariat: Any) -> None:
    response = secretariat.post("/countries", {"country": "fj"})
    assert response.status_code == 400
    assert field_names(response) == {"country"}


#: Distinct alpha-2 codes for new Pathfinder Countries (Fiji is already in the world).
COUNTRY_CODES = [
    "AL",
    "AR",
    "BD",
    "BO",
    "BR",
    "CI",
    "CL",
    "CO",
    "CR",
    "EC",
    "ET",
    "GH",
    "GT",
    "HN",
    "ID",
    "KE",
    "LK",
    "MA",
    "MG",
    "MR",
    "MW",
    "MX",
    "NE",
    "NG",
    "NP",
    "PE",
    "PH",
    "SN",
    "TZ",
    "UG",
]


def add_countries(world: Any, start: int, end: int) -> None:
    for code in COUNTRY_CODES[start:end]:
        PathfinderCountry.objects.create(
            country=code, status=PathfinderStatus.PATHFINDER, focal_institution=world.ilo
        )


def test_list_query_count_does_not_grow_with_rows(
    api_as: Any, world: Any, django_assert_num_queries: Any
) -> None:
    client = api_as("anonymous")
    check_list_queries(
        client, world, django_assert_num_queries, "/countries?status=pathfinder", add_countries, 2
    )
