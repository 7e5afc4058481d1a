"""Every list answers in a fixed number of SQL queries, however many rows it shows."""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from alliance87.bodies.models import Body, BodyKind, MembershipRequest, Role, RoleTerm
from alliance87.countries.models import PathfinderCountry, PathfinderStatus
from alliance87.partners.models import Organisation, OrganisationType, PartnerApplication

from .conftest import ApiClient

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


def add_organisations(world: Any, start: int, end: int) -> None:
    for n in range(start, end):
        organisation = Organisation.objects.create(
            name=f"Partner {n:02}", slug=f"partner-{n:02}", type=OrganisationType.BUSINESS, country="GB"
        )
        RoleTerm.objects.create(body=world.supply_chains, role=Role.MEMBER, organisation=organisation)
        RoleTerm.objects.create(
            body=world.migration,
            role=Role.MEMBER,
            organisation=organisation,
            start_date=datetime.date(2018, 1, 1),
            end_date=datetime.date(2019, 1, 1),
        )


def add_applications(world: Any, start: int, end: int) -> None:
    for n in range(start, end):
        PartnerApplication.objects.create(
            email_confirmed_at=timezone.now(),
            organisation_name=f"Applicant {n}",
            type=OrganisationType.ACADEMIC,
            description="d",
            contact_name="C",
            contact_email=f"c{n}@example.org",
            commitments="c",
            decided_by=world.secretariat,
        )


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
    "organisations": ("/organisations", "anonymous", add_organisations, 2),
    "organisations in a body": (
        "/organisations?body=supply-chains&country=gb",
        "anonymous",
        add_organisations,
        2,
    ),
    "applications": ("/applications", "secretariat", add_applications, 4),
    "bodies": ("/bodies", "anonymous", add_bodies, 3),
    "role terms of a body": ("/bodies/supply-chains/terms", "anonymous", add_terms, 3),
    "membership requests (Secretariat)": ("/membership-requests", "secretariat", add_requests, 4),
    "membership requests (chair)": ("/membership-requests", "chair", add_requests, 8),
    "countries": ("/countries?status=pathfinder", "anonymous", add_countries, 2),
}


@pytest.mark.parametrize(("path", "role", "add_rows", "queries"), list(LISTS.values()), ids=list(LISTS))
def test_list_query_count_does_not_grow_with_rows(
    api_as: Callable[..., ApiClient],
    world: Any,
    django_assert_num_queries: Any,
    path: str,
    role: str,
    add_rows: Callable[[Any, int, int], None],
    queries: int,
) -> None:
    client = api_as(role)
    separator = "&" if "?" in path else "?"
    add_rows(world, 0, 3)
    with django_assert_num_queries(queries):
        few = client.get(f"{path}{separator}limit=100")
    add_rows(world, 3, 30)
    with django_assert_num_queries(queries):
        many = client.get(f"{path}{separator}limit=100")
    assert few.status_code == many.status_code == 200
    assert len(many.json()["items"]) >= len(few.json()["items"]) + 27
