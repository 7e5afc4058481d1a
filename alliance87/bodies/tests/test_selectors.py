"""Reads of bodies: who chairs what, which groups an organisation may still join, whose requests wait."""

from __future__ import annotations

import datetime

import pytest

from alliance87.bodies import selectors
from alliance87.bodies.models import MembershipRequest, Role, RoleTerm
from alliance87.bodies.permissions import chaired_body_ids
from alliance87.partners.models import OrganisationMembership

pytestmark = pytest.mark.django_db


def test_a_chair_runs_their_action_group_and_its_working_groups_only(world):
    assert chaired_body_ids(world.chair) == {world.supply_chains.pk, world.working_group.pk}
    assert chaired_body_ids(world.other_chair) == {world.migration.pk}
    assert chaired_body_ids(world.focal_point) == set()


def test_a_focal_point_of_the_chairing_organisation_also_runs_the_body(world):
    OrganisationMembership.objects.create(user=world.outsider, organisation=world.ilo, is_focal_point=True)

    assert world.supply_chains.pk in chaired_body_ids(world.outsider)


def test_a_chair_term_that_has_not_started_gives_no_rights_yet(world):
    RoleTerm.objects.create(
        body=world.migration, organisation=world.ngo, role=Role.CHAIR, start_date=datetime.date(2999, 1, 1)
    )

    assert world.migration.pk not in chaired_body_ids(world.focal_point)


def test_an_organisation_may_ask_to_join_groups_it_is_not_in_and_has_not_asked_for(world):
    RoleTerm.objects.create(body=world.migration, organisation=world.ngo, role=Role.MEMBER)
    MembershipRequest.objects.create(body=world.working_group, organisation=world.ngo)

    assert list(selectors.bodies_open_to(world.ngo.pk)) == [world.supply_chains]


def test_pending_requests_for_a_chair_are_their_bodies_oldest_first(world):
    first = MembershipRequest.objects.create(body=world.working_group, organisation=world.ngo)
    second = MembershipRequest.objects.create(body=world.supply_chains, organisation=world.other_ngo)
    MembershipRequest.objects.create(body=world.migration, organisation=world.ngo)
    MembershipRequest.objects.create(body=world.supply_chains, organisation=world.ngo, status="declined")

    assert list(selectors.pending_requests_for(world.chair)) == [first, second]
    assert selectors.pending_requests_for(world.secretariat).count() == 3
    assert list(selectors.pending_requests_for(world.focal_point)) == []


def test_terms_are_split_into_leadership_members_and_history(world):
    RoleTerm.objects.create(body=world.gcg, organisation=world.ngo, role=Role.MEMBER)
    body = selectors.body_detail("gcg")

    terms = selectors.split_terms(body.all_terms)

    assert [t.holder_name for t in terms["leadership"]] == ["France"]
    assert [t.holder_name for t in terms["members"]] == ["Freedom Fund Example"]
    assert [t.holder_name for t in terms["past"]] == ["Australia"]
