"""Requests to join bodies, their decision by chairs, role terms and the bodies themselves."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import ProtectedError
from django.utils import timezone

from alliance87.bodies import services
from alliance87.bodies.models import Body, BodyKind, MembershipRequest, RequestStatus, Role, RoleTerm
from alliance87.partners.models import Organisation, OrganisationType

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, int, int]:
    return (
        MembershipRequest.objects.count(),
        MembershipRequest.objects.exclude(status=RequestStatus.PENDING).count(),
        RoleTerm.objects.count(),
    )


@pytest.fixture
def pending(world) -> MembershipRequest:
    """The NGO asks to join Supply Chains; the outbox is emptied afterwards."""
    membership_request = services.request_membership(
        body=world.supply_chains,
        organisation=world.ngo,
        by=world.focal_point,
        motivation="We audit supply chains.",
    )
    mail.outbox.clear()
    return membership_request


# --- asking to join ----------------------------------------------------------------------------------------


def test_a_focal_point_asks_to_join_and_the_chair_is_told(world):
    membership_request = services.request_membership(
        body=world.supply_chains, organisation=world.ngo, by=world.focal_point, motivation="  We audit.  "
    )

    assert membership_request.status == RequestStatus.PENDING
    assert membership_request.motivation == "We audit."
    assert membership_request.requested_by == world.focal_point
    assert [m.to for m in mail.outbox] == [["chair@example.org"]]
    assert "Freedom Fund Example asks to join Action Group on Supply Chains" in mail.outbox[0].body


def test_the_chairs_of_the_action_group_are_told_of_requests_to_join_its_working_group(world):
    services.request_membership(body=world.working_group, organisation=world.ngo, by=world.focal_point)

    assert [m.to for m in mail.outbox] == [["chair@example.org"]]


@pytest.mark.parametrize("role", ["member", "other_focal_point", "chair", "outsider"])
def test_only_a_focal_point_of_the_organisation_asks_on_its_behalf(world, role):
    with pytest.raises(PermissionDenied):
        services.request_membership(body=world.supply_chains, organisation=world.ngo, by=getattr(world, role))

    assert MembershipRequest.objects.count() == 0
    assert mail.outbox == []


def test_a_second_pending_request_for_the_same_body_is_refused(world, pending):
    with pytest.raises(ValidationError, match="already waiting"):
        services.request_membership(body=world.supply_chains, organisation=world.ngo, by=world.focal_point)

    assert MembershipRequest.objects.count() == 1
    assert mail.outbox == []


def test_a_current_member_cannot_ask_to_join_again(world):
    RoleTerm.objects.create(body=world.migration, organisation=world.ngo, role=Role.MEMBER)

    with pytest.raises(ValidationError, match="already a member"):
        services.request_membership(body=world.migration, organisation=world.ngo, by=world.focal_point)

    assert MembershipRequest.objects.count() == 0


def test_a_former_member_may_ask_to_join_again(world):
    RoleTerm.objects.create(
        body=world.migration,
        organisation=world.ngo,
        role=Role.MEMBER,
        start_date=datetime.date(2018, 1, 1),
        end_date=datetime.date(2019, 1, 1),
    )

    services.request_membership(body=world.migration, organisation=world.ngo, by=world.focal_point)

    assert MembershipRequest.objects.filter(status=RequestStatus.PENDING).count() == 1


def test_a_body_closed_to_requests_refuses_them(world):
    world.migration.is_open_to_requests = False
    world.migration.save()

    with pytest.raises(ValidationError, match="does not take membership requests"):
        services.request_membership(body=world.migration, organisation=world.ngo, by=world.focal_point)

    assert MembershipRequest.objects.count() == 0


def test_the_global_coordinating_group_takes_no_requests_to_join(world):
    with pytest.raises(ValidationError):
        services.request_membership(body=world.gcg, organisation=world.ngo, by=world.focal_point)

    assert MembershipRequest.objects.count() == 0
    assert mail.outbox == []


def test_a_non_partner_organisation_cannot_join(world):
    world.ngo.is_partner = False
    world.ngo.save()

    with pytest.raises(ValidationError, match="Only partner organisations"):
        services.request_membership(body=world.migration, organisation=world.ngo, by=world.focal_point)

    assert MembershipRequest.objects.count() == 0


# --- deciding ----------------------------------------------------------------------------------------------


def test_the_chair_approves_and_the_organisation_becomes_a_member_from_today(world, pending):
    term = services.approve_membership_request(
        membership_request=pending, by=world.chair, comment=" Welcome! "
    )

    assert (term.body, term.organisation, term.role) == (world.supply_chains, world.ngo, Role.MEMBER)
    assert term.start_date == timezone.localdate()
    assert term.is_current
    pending.refresh_from_db()
    assert pending.status == RequestStatus.APPROVED
    assert pending.decided_by == world.chair
    assert pending.role_term == term
    assert pending.decision_comment == "Welcome!"
    assert [m.to for m in mail.outbox] == [["focal@example.org"]]
    assert "Welcome to Action Group on Supply Chains" in mail.outbox[0].subject
    assert "Welcome!" in mail.outbox[0].body


def test_the_chair_declines_with_a_comment_the_focal_point_receives(world, pending):
    before_terms = RoleTerm.objects.count()

    services.decline_membership_request(membership_request=pending, by=world.chair, comment="Group is full.")

    pending.refresh_from_db()
    assert pending.status == RequestStatus.DECLINED
    assert pending.decision_comment == "Group is full."
    assert RoleTerm.objects.count() == before_terms
    assert [m.to for m in mail.outbox] == [["focal@example.org"]]
    assert "have declined the request of Freedom Fund Example" in mail.outbox[0].body
    assert "Group is full." in mail.outbox[0].body


@pytest.mark.parametrize("comment", ["", "  "])
def test_declining_needs_a_comment(world, pending, comment):
    with pytest.raises(ValidationError) as error:
        services.decline_membership_request(membership_request=pending, by=world.chair, comment=comment)

    assert "comment" in error.value.message_dict
    pending.refresh_from_db()
    assert pending.status == RequestStatus.PENDING
    assert mail.outbox == []


def test_the_chair_of_an_action_group_decides_requests_for_its_working_group(world):
    membership_request = services.request_membership(
        body=world.working_group, organisation=world.ngo, by=world.focal_point
    )

    term = services.approve_membership_request(membership_request=membership_request, by=world.chair)

    assert term.body == world.working_group


@pytest.mark.parametrize("role", ["other_chair", "focal_point", "member", "outsider", "other_focal_point"])
def test_people_who_do_not_chair_the_body_cannot_decide(world, pending, role):
    before = counts()

    with pytest.raises(PermissionDenied):
        services.approve_membership_request(membership_request=pending, by=getattr(world, role))
    with pytest.raises(PermissionDenied):
        services.decline_membership_request(membership_request=pending, by=getattr(world, role), comment="No")

    assert counts() == before
    assert mail.outbox == []


def test_a_former_chair_can_no_longer_decide(world, pending):
    RoleTerm.objects.filter(body=world.supply_chains, role=Role.CHAIR).update(
        end_date=datetime.date(2020, 1, 1)
    )

    with pytest.raises(PermissionDenied):
        services.approve_membership_request(membership_request=pending, by=world.chair)

    assert not RoleTerm.objects.filter(body=world.supply_chains, organisation=world.ngo).exists()


def test_the_secretariat_decides_on_any_body(world, pending):
    services.approve_membership_request(membership_request=pending, by=world.secretariat)

    assert RoleTerm.objects.current().filter(body=world.supply_chains, organisation=world.ngo).exists()


def test_a_request_cannot_be_decided_twice(world, pending):
    services.approve_membership_request(membership_request=pending, by=world.chair)
    before = counts()
    mail.outbox.clear()

    with pytest.raises(ValidationError, match="already been decided"):
        services.approve_membership_request(membership_request=pending, by=world.chair)
    with pytest.raises(ValidationError, match="already been decided"):
        services.decline_membership_request(membership_request=pending, by=world.secretariat, comment="No")

    assert counts() == before
    assert mail.outbox == []


def test_a_focal_point_withdraws_a_pending_request(world, pending):
    services.withdraw_membership_request(membership_request=pending, by=world.focal_point)

    pending.refresh_from_db()
    assert pending.status == RequestStatus.WITHDRAWN
    # Withdrawn, it no longer blocks a new request.
    services.request_membership(body=world.supply_chains, organisation=world.ngo, by=world.focal_point)


@pytest.mark.parametrize("role", ["member", "other_focal_point", "chair"])
def test_others_cannot_withdraw_a_request(world, pending, role):
    with pytest.raises(PermissionDenied):
        services.withdraw_membership_request(membership_request=pending, by=getattr(world, role))

    pending.refresh_from_db()
    assert pending.status == RequestStatus.PENDING


def test_a_decided_request_cannot_be_withdrawn(world, pending):
    services.decline_membership_request(membership_request=pending, by=world.chair, comment="No room")

    with pytest.raises(ValidationError):
        services.withdraw_membership_request(membership_request=pending, by=world.focal_point)

    pending.refresh_from_db()
    assert pending.status == RequestStatus.DECLINED


# --- role terms --------------------------------------------------------------------------------------------


def term_data(world, **changes: object) -> dict[str, object]:
    data = {
        "role": Role.MEMBER,
        "organisation": world.ngo,
        "country": "",
        "start_date": datetime.date(2024, 1, 1),
        "end_date": None,
        "representative": None,
        "note": "",
    }
    data.update(changes)
    return data


def test_the_secretariat_records_a_chair_held_by_a_country(world):
    term = services.create_role_term(
        body=world.gcg,
        by=world.secretariat,
        values=services.RoleTermInput.of(
            term_data(world, role=Role.CO_CHAIR, organisation=None, country="FJ")
        ),
    )

    assert term.holder_name == "Fiji"
    assert term.is_current


def test_a_chair_adds_a_member_to_their_body(world):
    services.create_role_term(
        body=world.supply_chains, by=world.chair, values=services.RoleTermInput.of(term_data(world))
    )

    assert RoleTerm.objects.current().filter(body=world.supply_chains, organisation=world.ngo).exists()


def test_a_chair_cannot_appoint_a_chair(world):
    before = RoleTerm.objects.count()

    with pytest.raises(PermissionDenied):
        services.create_role_term(
            body=world.supply_chains,
            by=world.chair,
            values=services.RoleTermInput.of(term_data(world, role=Role.CHAIR)),
        )

    assert RoleTerm.objects.count() == before


def test_a_chair_cannot_add_members_to_another_group(world):
    before = RoleTerm.objects.count()

    with pytest.raises(PermissionDenied):
        services.create_role_term(
            body=world.migration, by=world.chair, values=services.RoleTermInput.of(term_data(world))
        )

    assert RoleTerm.objects.count() == before


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"organisation": None, "country": ""}, "organisation", "either by an organisation or by a country"),
        ({"country": "FR"}, "organisation", "either by an organisation or by a country"),
        (
            {"start_date": datetime.date(2024, 5, 1), "end_date": datetime.date(2024, 4, 30)},
            "end_date",
            "cannot end before it starts",
        ),
    ],
    ids=["no-holder", "two-holders", "ends-before-start"],
)
def test_an_invalid_role_term_is_refused_with_a_readable_message(world, changes, field, message):
    before = RoleTerm.objects.count()

    with pytest.raises(ValidationError) as error:
        services.create_role_term(
            body=world.supply_chains,
            by=world.secretariat,
            values=services.RoleTermInput.of(term_data(world, **changes)),
        )

    assert field in error.value.message_dict
    assert message in " ".join(error.value.messages)
    assert "Constraint" not in " ".join(error.value.messages)
    assert RoleTerm.objects.count() == before


def test_changing_a_term_to_end_before_it_starts_is_refused_and_nothing_changes(world):
    term = RoleTerm.objects.get(body=world.gcg, country="FR")

    with pytest.raises(ValidationError):
        services.update_role_term(
            term=term, by=world.secretariat, values=services.RoleTermInput(end_date=datetime.date(2019, 1, 1))
        )

    assert RoleTerm.objects.get(pk=term.pk).end_date is None


def test_a_chair_ends_a_member_term_in_their_body_but_cannot_change_its_holder(world):
    term = RoleTerm.objects.create(body=world.supply_chains, organisation=world.ngo, role=Role.MEMBER)

    services.update_role_term(
        term=term, by=world.chair, values=services.RoleTermInput.of({"end_date": datetime.date(2030, 1, 1)})
    )
    with pytest.raises(PermissionDenied):
        services.update_role_term(
            term=term, by=world.chair, values=services.RoleTermInput.of({"organisation": world.other_ngo})
        )

    term.refresh_from_db()
    assert term.end_date == datetime.date(2030, 1, 1)
    assert term.organisation == world.ngo


def test_only_the_secretariat_deletes_terms(world):
    term = RoleTerm.objects.get(body=world.gcg, country="AU")

    with pytest.raises(PermissionDenied):
        services.delete_role_term(term=term, by=world.chair)
    assert RoleTerm.objects.filter(pk=term.pk).exists()

    services.delete_role_term(term=term, by=world.secretariat)
    assert not RoleTerm.objects.filter(pk=term.pk).exists()


# --- bodies ------------------------------------------------------------------------------------------------


def body_data(**changes: object) -> dict[str, object]:
    data = {
        "kind": BodyKind.ACTION_GROUP,
        "name": "Action Group on Rule of Law",
        "short_name": "Rule of Law",
        "parent": None,
        "purpose": "Justice for victims.",
        "is_open_to_requests": True,
        "position": 30,
    }
    data.update(changes)
    return data


def test_the_secretariat_creates_a_body_with_a_slug_from_its_short_name(world):
    body = services.save_body(by=world.secretariat, values=services.BodyInput.of(body_data()))

    assert body.slug == "rule-of-law"
    assert Body.objects.get(slug="rule-of-law").name == "Action Group on Rule of Law"


def test_a_body_named_like_a_page_gets_a_slug_that_does_not_hide_it(world, client):
    body = services.save_body(
        by=world.secretariat, values=services.BodyInput.of(body_data(name="Requests", short_name=""))
    )

    response = client.get(body.get_absolute_url())
    assert response.status_code == 200
    assert "<h1>Requests</h1>" in response.content.decode()


def test_the_secretariat_renames_a_body_and_keeps_its_address(world):
    services.save_body(
        by=world.secretariat,
        body=world.migration,
        values=services.BodyInput.of({"name": "Action Group on Mobility"}),
    )

    world.migration.refresh_from_db()
    assert (world.migration.name, world.migration.slug) == ("Action Group on Mobility", "migration")


@pytest.mark.parametrize("role", ["chair", "focal_point", "outsider"])
def test_only_the_secretariat_creates_bodies(world, role):
    before = Body.objects.count()

    with pytest.raises(PermissionDenied):
        services.save_body(by=getattr(world, role), values=services.BodyInput.of(body_data()))

    assert Body.objects.count() == before


@pytest.mark.parametrize(
    "data",
    [body_data(name="Global Coordinating Group"), body_data(kind="club"), body_data(name=""), {"slug": "x"}],
    ids=["duplicate-name", "bad-kind", "no-name", "unknown-field"],
)
def test_an_invalid_body_is_not_saved(world, data):
    before = Body.objects.count()

    with pytest.raises(ValidationError):
        services.save_body(by=world.secretariat, values=services.BodyInput.of(data))

    assert Body.objects.count() == before


def test_a_body_cannot_be_part_of_itself(world):
    with pytest.raises(ValidationError) as error:
        services.save_body(
            by=world.secretariat,
            body=world.migration,
            values=services.BodyInput.of({"parent": world.migration}),
        )

    assert "parent" in error.value.message_dict
    assert Body.objects.get(pk=world.migration.pk).parent is None


def test_organisation_holding_a_role_cannot_be_deleted_silently(world):
    with pytest.raises(ProtectedError):
        Organisation.objects.filter(pk=world.ilo.pk).delete()

    assert Organisation.objects.filter(pk=world.ilo.pk, type=OrganisationType.UN_ENTITY).exists()


def test_approving_a_request_for_an_organisation_that_is_already_a_member_is_refused(world):
    from alliance87.bodies.models import MembershipRequest, Role, RoleTerm
    from alliance87.bodies.services import approve_membership_request

    membership_request = MembershipRequest.objects.create(
        body=world.supply_chains, organisation=world.ngo, requested_by=world.focal_point
    )
    RoleTerm.objects.create(body=world.supply_chains, organisation=world.ngo, role=Role.MEMBER)
    with pytest.raises(ValidationError):
        approve_membership_request(membership_request=membership_request, by=world.chair)
    assert RoleTerm.objects.filter(body=world.supply_chains, organisation=world.ngo).count() == 1


def test_a_stranger_declining_without_a_comment_is_refused_for_lack_of_rights(world):
    from alliance87.bodies.models import MembershipRequest
    from alliance87.bodies.services import decline_membership_request

    membership_request = MembershipRequest.objects.create(
        body=world.supply_chains, organisation=world.ngo, requested_by=world.focal_point
    )
    with pytest.raises(PermissionDenied):
        decline_membership_request(membership_request=membership_request, by=world.outsider, comment="")
