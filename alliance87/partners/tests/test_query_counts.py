"""The partner list pages load in a fixed number of queries, however many rows they show."""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.utils import timezone

from alliance87.accounts.models import User
from alliance87.bodies.models import Role, RoleTerm
from alliance87.core.tests.helpers import assert_queries_do_not_grow
from alliance87.partners.models import (
    ApplicationStatus,
    Organisation,
    OrganisationMembership,
    OrganisationType,
    PartnerApplication,
)

pytestmark = pytest.mark.django_db
serial = itertools.count()


def add_partners(world, n: int) -> None:
    """Partners in Kenya, each a member of Supply Chains, a former member of Migration, with a focal point."""
    for _ in range(n):
        i = next(serial)
        organisation = Organisation.objects.create(
            name=f"Bulk Partner {i}", slug=f"bulk-{i}", type=OrganisationType.BUSINESS, country="KE"
        )
        RoleTerm.objects.create(body=world.supply_chains, organisation=organisation, role=Role.MEMBER)
        RoleTerm.objects.create(
            body=world.migration,
            organisation=organisation,
            role=Role.MEMBER,
            start_date=datetime.date(2018, 1, 1),
            end_date=datetime.date(2019, 1, 1),
        )
        user = User.objects.create_user(username=f"bulk{i}@example.org", email=f"bulk{i}@example.org")
        OrganisationMembership.objects.create(user=user, organisation=organisation, is_focal_point=True)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?q=bulk",
        "?type=business",
        "?country=KE",
        "?body=supply-chains",
        "?q=bulk&type=business&body=supply-chains",
    ],
)
def test_the_directory_does_not_grow_with_its_rows(world, client, django_assert_num_queries, query):
    queries = assert_queries_do_not_grow(
        django_assert_num_queries,
        add_rows=lambda n: add_partners(world, n),
        load=lambda: client.get(f"/partners/{query}"),
    )

    assert queries <= 6


def test_an_organisation_page_does_not_grow_with_its_roles_and_people(
    world, client_for, django_assert_num_queries
):
    client = client_for(world.secretariat)

    def add_rows(n: int) -> None:
        for _ in range(n):
            i = next(serial)
            body = world.supply_chains.__class__.objects.create(
                kind="action_group", name=f"Group {i}", slug=f"g-{i}"
            )
            RoleTerm.objects.create(body=body, organisation=world.ngo, role=Role.MEMBER)
            RoleTerm.objects.create(
                body=body,
                organisation=world.ngo,
                role=Role.CHAIR,
                start_date=datetime.date(2018, 1, 1),
                end_date=datetime.date(2019, 1, 1),
            )
            user = User.objects.create_user(username=f"p{i}@example.org", email=f"p{i}@example.org")
            OrganisationMembership.objects.create(user=user, organisation=world.ngo, is_focal_point=True)

    assert_queries_do_not_grow(
        django_assert_num_queries,
        add_rows=add_rows,
        load=lambda: client.get("/partners/freedom-fund-example/"),
    )


def test_the_applications_queue_does_not_grow_with_its_rows(world, client_for, django_assert_num_queries):
    client = client_for(world.secretariat)

    def add_rows(n: int) -> None:
        for _ in range(n):
            i = next(serial)
            common = {
                "type": "business",
                "description": "x",
                "contact_name": "C",
                "commitments": "x",
                "contact_email": f"c{i}@example.org",
                "country": "KE",
            }
            PartnerApplication.objects.create(
                email_confirmed_at=timezone.now(), organisation_name=f"Waiting {i}", **common
            )
            organisation = Organisation.objects.create(
                name=f"Accepted {i}", slug=f"accepted-{i}", type="business"
            )
            PartnerApplication.objects.create(
                email_confirmed_at=timezone.now(),
                organisation_name=f"Accepted {i}",
                status=ApplicationStatus.APPROVED,
                decided_by=world.secretariat,
                decided_at=organisation.created_at,
                organisation=organisation,
                **common,
            )

    assert_queries_do_not_grow(
        django_assert_num_queries, add_rows=add_rows, load=lambda: client.get("/partners/applications/")
    )
