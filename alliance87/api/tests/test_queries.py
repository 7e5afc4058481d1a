"""Every list answers in a fixed number of SQL queries, however many rows it shows."""

import datetime
from typing import Any

import pytest

from alliance87.bodies.models import Body, BodyKind, MembershipRequest, Role, RoleTerm
from alliance87.countries.models import PathfinderCountry, PathfinderStatus
from alliance87.partners.models import Organisation, OrganisationType
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


def add_bodies(world: Any, start: int, end: int) -> None:
    for n in range(start, end):
        body = Body.objects.create(
            kind=BodyKind.WORKING_GROUP,
            name=f"Working group {n}",
            slug=f"wg-{n}",
            parent=world.migration,
            position=100 + n,
        )
        RoleTerm.objects.create(
            body=body, role=Role.CHAIR, organisation=world.ilo, representative=world.chair
        )
        RoleTerm.objects.create(body=body, role=Role.MEMBER, organisation=world.ngo)


def add_terms(world: Any, start: int, end: int) -> None:
    for n in range(start, end):
        RoleTerm.objects.create(
            body=world.supply_chains,
            role=Role.MEMBER,
            organisation=world.ngo if n % 2 else None,
            country="" if n % 2 else "BR",
            start_date=datetime.date(2000 + n, 1, 1),
            representative=world.member,
        )


def add_requests(world: Any, start: int, end: int) -> None:
    for n in range(start, end):
        organisation = Organisation.objects.create(
            name=f"Requester {n:02}", slug=f"requester-{n:02}", type=OrganisationType.BUSINESS
        )
        MembershipRequest.objects.create(
            body=world.supply_chains,
            organisation=organisation,
            requested_by=world.focal_point,
            decided_by=world.chair,
            status="declined" if n % 2 else "pending",
        )


def add_countries(world: Any, start: int, end: int) -> None:
    for code in COUNTRY_CODES[start:end]:
        PathfinderCountry.objects.create(
            country=code, status=PathfinderStatus.PATHFINDER, focal_institution=world.ilo
        )


# (list path and query, who asks, how to add rows, queries expected)
LISTS = {
    "bodies": ("/bodies", "anonymous", add_bodies, 3),
    "role terms of a body": ("/bodies/supply-chains/terms", "anonymous", add_terms, 3),
    "membership requests (Secretariat)": ("/membership-requests", "secretariat", add_requests, 4),
    "membership requests (chair)": ("/membership-requests", "chair", add_requests, 8),
    "countries": ("/countries?status=pathfinder", "anonymous", add_countries, 2),
}


@pytest.mark.parametrize(("path", "role", "add_rows", "queries"), list(LISTS.values()), ids=list(LISTS))
def test_list_query_count_does_not_grow_with_rows(
    api_as: Any, world: Any, django_assert_num_queries: Any, path: str, role: str, add_rows: Any, queries: int
) -> None:
    check_list_queries(api_as(role), world, django_assert_num_queries, path, add_rows, queries)
