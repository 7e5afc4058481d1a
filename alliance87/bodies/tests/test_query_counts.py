"""The body pages and the requests inbox load in a fixed number of queries, however many rows they show."""

from __future__ import annotations

import datetime
import itertools

import pytest

from alliance87.bodies.models import Body, BodyKind, MembershipRequest, Role, RoleTerm
from alliance87.core.tests.helpers import assert_queries_do_not_grow
from alliance87.partners.models import Organisation, OrganisationType

pytestmark = pytest.mark.django_db
serial = itertools.count()


def organisation() -> Organisation:
    i = next(serial)
    return Organisation.objects.create(name=f"Bulk {i}", slug=f"bulk-{i}", type=OrganisationType.BUSINESS)


def test_the_bodies_page_does_not_grow_with_its_bodies(world, client_for, django_assert_num_queries):
    def add_rows(n: int) -> None:
        for _ in range(n):
            i = next(serial)
            group = Body.objects.create(kind=BodyKind.ACTION_GROUP, name=f"Action Group {i}", slug=f"ag-{i}")
            Body.objects.create(
                kind=BodyKind.WORKING_GROUP, name=f"Working group {i}", slug=f"wg-{i}", parent=group
            )
            RoleTerm.objects.create(body=group, organisation=organisation(), role=Role.CHAIR)
            RoleTerm.objects.create(body=group, country="KE", role=Role.CO_CHAIR)
            RoleTerm.objects.create(body=group, organisation=organisation(), role=Role.MEMBER)

    for user in (None, world.secretariat):
        client = client_for(user)
        assert_queries_do_not_grow(
            django_assert_num_queries, add_rows=add_rows, load=lambda: client.get("/bodies/")
        )


@pytest.mark.parametrize("role", ["anonymous", "chair", "secretariat"])
def test_a_body_page_does_not_grow_with_its_terms_groups_and_requests(
    world, client_for, django_assert_num_queries, role
):
    client = client_for(None if role == "anonymous" else getattr(world, role))

    def add_rows(n: int) -> None:
        for _ in range(n):
            i = next(serial)
            RoleTerm.objects.create(body=world.supply_chains, organisation=organisation(), role=Role.MEMBER)
            RoleTerm.objects.create(body=world.supply_chains, organisation=organisation(), role=Role.CO_CHAIR)
            RoleTerm.objects.create(
                body=world.supply_chains,
                organisation=organisation(),
                role=Role.CHAIR,
                start_date=datetime.date(2015, 1, 1),
                end_date=datetime.date(2016, 1, 1),
            )
            RoleTerm.objects.create(
                body=world.supply_chains,
                country="KE",
                role=Role.MEMBER,
                start_date=datetime.date(2015, 1, 1),
                end_date=datetime.date(2016, 1, 1),
            )
            Body.objects.create(
                kind=BodyKind.WORKING_GROUP, name=f"WG {i}", slug=f"wg-{i}", parent=world.supply_chains
            )
            MembershipRequest.objects.create(
                body=world.supply_chains, organisation=organisation(), motivation="Hi"
            )

    assert_queries_do_not_grow(
        django_assert_num_queries, add_rows=add_rows, load=lambda: client.get("/bodies/supply-chains/")
    )


@pytest.mark.parametrize("role", ["chair", "secretariat"])
def test_the_requests_inbox_does_not_grow_with_its_requests(
    world, client_for, django_assert_num_queries, role
):
    client = client_for(getattr(world, role))

    def add_rows(n: int) -> None:
        for _ in range(n):
            MembershipRequest.objects.create(
                body=world.working_group,
                organisation=organisation(),
                requested_by=world.focal_point,
                motivation="Hi",
            )
            MembershipRequest.objects.create(body=world.supply_chains, organisation=organisation())

    assert_queries_do_not_grow(
        django_assert_num_queries, add_rows=add_rows, load=lambda: client.get("/bodies/requests/")
    )


def test_the_join_page_does_not_grow_with_the_organisations_requests(
    world, client_for, django_assert_num_queries
):
    client = client_for(world.focal_point)

    def add_rows(n: int) -> None:
        for _ in range(n):
            i = next(serial)
            body = Body.objects.create(kind=BodyKind.ACTION_GROUP, name=f"Group {i}", slug=f"group-{i}")
            Body.objects.create(kind=BodyKind.WORKING_GROUP, name=f"Sub {i}", slug=f"sub-{i}", parent=body)
            MembershipRequest.objects.create(
                body=body, organisation=world.ngo, decided_by=world.chair, status="declined"
            )

    assert_queries_do_not_grow(
        django_assert_num_queries,
        add_rows=add_rows,
        load=lambda: client.get("/bodies/join/freedom-fund-example/"),
    )


@pytest.mark.parametrize("role", ["secretariat", "chair", "focal_point"])
def test_the_dashboard_does_not_grow_with_the_work_waiting(
    world, client_for, django_assert_num_queries, role
):
    client = client_for(getattr(world, role))

    def add_rows(n: int) -> None:
        for _ in range(n):
            MembershipRequest.objects.create(body=world.supply_chains, organisation=organisation())
            MembershipRequest.objects.create(body=world.migration, organisation=world.ngo, status="declined")

    assert_queries_do_not_grow(
        django_assert_num_queries, add_rows=add_rows, load=lambda: client.get("/dashboard/")
    )
