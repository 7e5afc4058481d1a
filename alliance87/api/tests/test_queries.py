"""Every list answers in a fixed number of SQL queries, however many rows it shows."""

from typing import Any

import pytest

from alliance87.countries.models import PathfinderCountry, PathfinderStatus
from tests.api import check_list_queries

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


# (list path and query, who asks, how to add rows, queries expected)
LISTS = {
    "countries": ("/countries?status=pathfinder", "anonymous", add_countries, 2),
}


@pytest.mark.parametrize(("path", "role", "add_rows", "queries"), list(LISTS.values()), ids=list(LISTS))
def test_list_query_count_does_not_grow_with_rows(
    api_as: Any, world: Any, django_assert_num_queries: Any, path: str, role: str, add_rows: Any, queries: int
) -> None:
    check_list_queries(api_as(role), world, django_assert_num_queries, path, add_rows, queries)
