"""`request.person`: who the request's person is, asked of the database once per request and never kept longer."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import RequestFactory

from alliance87.accounts.person import person_memory
from alliance87.bodies.permissions import chaired_body_ids, member_body_ids
from alliance87.bodies.person import PersonStanding
from alliance87.partners.models import OrganisationMembership
from alliance87.partners.permissions import focal_point_organisation_ids, is_partner_member

pytestmark = pytest.mark.django_db


class Tables:
    """Counts the queries that read the tables a person's standing comes from."""

    def __init__(self) -> None:
        self.sql: list[str] = []

    def __call__(self, execute, sql, params, many, context):
        self.sql.append(sql)
        return execute(sql, params, many, context)

    def reading(self, table: str) -> int:
        return sum(1 for sql in self.sql if f'FROM "{table}"' in sql)


def requested_by(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_the_person_knows_where_they_stand(world):
    chair = PersonStanding(world.chair)
    assert chair.is_signed_in and not chair.is_secretariat
    assert chair.organisation_ids == {world.ilo.pk}
    assert chair.chaired_body_ids == {world.supply_chains.pk, world.working_group.pk}
    assert world.supply_chains.pk in chair.member_body_ids and chair.is_chair
    focal = PersonStanding(world.focal_point)
    assert focal.focal_point_organisation_ids == {world.ngo.pk} and not focal.is_chair


def test_people_with_the_same_standing_share_a_permission_key_and_others_do_not(world):
    keys = {
        user.email: PersonStanding(user).permission_key()
        for user in (world.chair, world.other_chair, world.focal_point, world.member, world.outsider)
    }
    assert len(set(keys.values())) == len(keys)
    assert PersonStanding(world.secretariat).permission_key() == "secretariat"


def test_within_a_request_each_fact_is_asked_once(world):
    tables = Tables()
    with person_memory(requested_by(world.chair)), connection.execute_wrapper(tables):
        for _ in range(5):
            chaired_body_ids(world.chair)
            member_body_ids(world.chair)
            focal_point_organisation_ids(world.chair)
            is_partner_member(world.chair)
    assert tables.reading("partners_organisationmembership") == 1
    assert tables.reading("bodies_roleterm") == 2  # chaired, then member


def test_only_the_requests_own_person_is_remembered(world):
    tables = Tables()
    with person_memory(requested_by(world.chair)), connection.execute_wrapper(tables):
        for _ in range(3):
            focal_point_organisation_ids(world.focal_point)
    assert tables.reading("partners_organisationmembership") == 3


def test_a_write_during_the_request_forgets_what_was_known(world):
    with person_memory(requested_by(world.outsider)):
        assert not focal_point_organisation_ids(world.outsider)
        OrganisationMembership.objects.create(
            user=world.outsider, organisation=world.ngo, is_focal_point=True
        )
        assert focal_point_organisation_ids(world.outsider) == {world.ngo.pk}


def test_outside_a_request_nothing_is_remembered(world):
    assert not is_partner_member(world.outsider)
    world.ngo.is_partner = True
    world.ngo.save()
    OrganisationMembership.objects.create(user=world.outsider, organisation=world.ngo)
    assert is_partner_member(world.outsider)


def test_a_signed_in_library_page_asks_for_the_persons_standing_once(world, client_for):
    client = client_for(world.focal_point)
    tables = Tables()
    with connection.execute_wrapper(tables):
        assert client.get("/library/").status_code == 200
    # Before the person was remembered for the request, the library home asked six times for each.
    assert tables.reading("partners_organisationmembership") == 1
    assert tables.reading("bodies_roleterm") == 2
