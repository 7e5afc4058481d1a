"""Body pages, asking to join, deciding requests, and the Secretariat's forms for bodies and role terms."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail

from alliance87.bodies.models import Body, MembershipRequest, RequestStatus, Role, RoleTerm

pytestmark = pytest.mark.django_db


def field_error(response, field: str) -> bool:
    return f'id="id_{field}_error"' in response.content.decode()


def page_text(response) -> str:
    """The page as a reader sees it: tags dropped, white space collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


# --- unknown addresses -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/bodies/nope/",
        "/bodies/nope/edit/",
        "/bodies/nope/terms/new/",
        "/bodies/join/nope/",
        "/bodies/terms/999999/edit/",
    ],
)
def test_unknown_bodies_organisations_and_terms_are_not_found(world, client_for, path):
    response = client_for(world.secretariat).get(path)

    assert response.status_code == 404


@pytest.mark.parametrize("action", ["approve", "decline", "withdraw"])
def test_deciding_an_unknown_request_is_not_found(world, client_for, action):
    response = client_for(world.secretariat).post(f"/bodies/requests/999999/{action}/", {"comment": "x"})

    assert response.status_code == 404


def test_deleting_an_unknown_term_is_not_found(world, client_for):
    assert client_for(world.secretariat).post("/bodies/terms/999999/delete/").status_code == 404


# --- reading -----------------------------------------------------------------------------------------------


def test_the_gcg_page_shows_the_current_chair_and_the_past_chairs_with_their_terms(world, client):
    response = client.get("/bodies/gcg/")

    text = page_text(response)
    assert "Leadership Chair : France since Jul 2019" in text
    history = text.split("History", 1)[1]
    assert "Chair Australia Nov 2017 – Jul 2019" in history
    assert "France" not in history


def test_the_bodies_page_lists_each_body_with_its_chair_and_working_groups(world, client):
    text = page_text(client.get("/bodies/"))

    assert "Global Coordinating Group" in text
    assert "Chair: France" in text
    assert "Chair: ILO" in text
    assert "Co-chair: IOM" in text
    assert "Working groups Working Group on Knowledge Gaps and Research" in text


def test_a_working_group_page_links_back_to_its_action_group(world, client):
    response = client.get("/bodies/wg-research/")

    assert '<a href="/bodies/supply-chains/">← Action Group on Supply Chains</a>' in response.content.decode()


def test_a_body_page_lists_current_members_but_not_former_ones(world, client):
    RoleTerm.objects.create(body=world.migration, organisation=world.ngo, role=Role.MEMBER)
    RoleTerm.objects.create(
        body=world.migration,
        organisation=world.other_ngo,
        role=Role.MEMBER,
        start_date=datetime.date(2018, 1, 1),
        end_date=datetime.date(2019, 1, 1),
    )

    text = page_text(client.get("/bodies/migration/"))

    members = text.split("Members", 1)[1].split("Leadership", 1)[0]
    assert "Freedom Fund Example" in members
    assert "Another Civil Society Group" not in members
    assert "Member Another Civil Society Group Jan 2018 – Jan 2019" in text.split("History", 1)[1]


def test_the_chair_sees_requests_to_join_on_the_body_page_and_others_do_not(world, client_for):
    MembershipRequest.objects.create(body=world.supply_chains, organisation=world.ngo, motivation="Let us in")

    assert "Let us in" in page_text(client_for(world.chair).get("/bodies/supply-chains/"))
    assert "Let us in" not in page_text(client_for(world.other_chair).get("/bodies/supply-chains/"))
    assert "Let us in" not in page_text(client_for(None).get("/bodies/supply-chains/"))


# --- asking to join and deciding ---------------------------------------------------------------------------


def test_a_focal_point_asks_to_join_and_sees_the_request_on_the_join_page(world, client_for):
    client = client_for(world.focal_point)

    response = client.post(
        "/bodies/join/freedom-fund-example/",
        {"body": world.migration.pk, "motivation": "We help migrants."},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == "/partners/freedom-fund-example/"
    assert "Your request has been sent" in page_text(response)
    join_page = page_text(client.get("/bodies/join/freedom-fund-example/"))
    assert "Action Group on Migration Pending" in join_page
    assert [m.to for m in mail.outbox] == [["other-chair@example.org"]]


def test_the_join_page_offers_action_and_working_groups_only(world, client_for):
    response = client_for(world.focal_point).get("/bodies/join/freedom-fund-example/")

    options = re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', response.content.decode())
    assert options == [
        "Action Group on Supply Chains",
        "Supply Chains — Working Group on Knowledge Gaps and Research",
        "Action Group on Migration",
    ]


@pytest.mark.parametrize(
    "body",
    ["", "abc", "999999", "gcg", "pending"],
    ids=["none", "not-a-number", "unknown", "gcg", "already-asked"],
)
def test_a_bad_request_to_join_is_shown_again_with_the_error(world, client_for, body):
    MembershipRequest.objects.create(body=world.supply_chains, organisation=world.ngo)
    value = {"gcg": world.gcg.pk, "pending": world.supply_chains.pk}.get(body, body)

    response = client_for(world.focal_point).post("/bodies/join/freedom-fund-example/", {"body": value})

    assert response.status_code == 200
    assert field_error(response, "body")
    assert MembershipRequest.objects.count() == 1


def test_the_chair_approves_from_the_inbox_and_the_organisation_is_listed_as_member(world, client_for):
    membership_request = MembershipRequest.objects.create(body=world.working_group, organisation=world.ngo)
    client = client_for(world.chair)
    assert "Freedom Fund Example" in page_text(client.get("/bodies/requests/"))

    response = client.post(
        f"/bodies/requests/{membership_request.pk}/approve/", {"next": "body"}, follow=True
    )

    assert response.redirect_chain[-1][0] == "/bodies/wg-research/"
    text = page_text(response)
    assert "Freedom Fund Example is now a member of Working Group on Knowledge Gaps and Research" in text
    assert "Freedom Fund Example" in text.split("Members", 1)[1]
    assert "No request is waiting" in page_text(client.get("/bodies/requests/"))


def test_the_inbox_shows_a_chair_only_the_requests_for_their_groups(world, client_for):
    MembershipRequest.objects.create(
        body=world.supply_chains, organisation=world.ngo, motivation="For supply"
    )
    MembershipRequest.objects.create(body=world.migration, organisation=world.ngo, motivation="For migration")

    chair = page_text(client_for(world.chair).get("/bodies/requests/"))
    secretariat = page_text(client_for(world.secretariat).get("/bodies/requests/"))
    focal_point = page_text(client_for(world.focal_point).get("/bodies/requests/"))

    assert "For supply" in chair and "For migration" not in chair
    assert "For supply" in secretariat and "For migration" in secretariat
    assert "No request is waiting for your decision" in focal_point


def test_declining_without_a_comment_shows_an_error_and_keeps_the_request_pending(world, client_for):
    membership_request = MembershipRequest.objects.create(body=world.supply_chains, organisation=world.ngo)

    response = client_for(world.chair).post(
        f"/bodies/requests/{membership_request.pk}/decline/", {"comment": ""}, follow=True
    )

    assert response.status_code == 200
    assert "Tell the organisation why." in page_text(response)
    membership_request.refresh_from_db()
    assert membership_request.status == RequestStatus.PENDING
    assert mail.outbox == []


def test_approving_a_withdrawn_request_shows_a_message_and_adds_no_member(world, client_for):
    membership_request = MembershipRequest.objects.create(
        body=world.supply_chains, organisation=world.ngo, status=RequestStatus.WITHDRAWN
    )

    response = client_for(world.chair).post(f"/bodies/requests/{membership_request.pk}/approve/", follow=True)

    assert "already been decided" in page_text(response)
    assert not RoleTerm.objects.filter(body=world.supply_chains, organisation=world.ngo).exists()


def test_a_focal_point_withdraws_from_the_join_page(world, client_for):
    membership_request = MembershipRequest.objects.create(body=world.supply_chains, organisation=world.ngo)

    response = client_for(world.focal_point).post(
        f"/bodies/requests/{membership_request.pk}/withdraw/", follow=True
    )

    assert response.redirect_chain[-1][0] == "/bodies/join/freedom-fund-example/"
    assert "The request has been withdrawn." in page_text(response)
    assert "Withdrawn" in page_text(response)


# --- bodies and role terms ---------------------------------------------------------------------------------

BODY = {
    "kind": "action_group",
    "name": "Action Group on Rule of Law",
    "short_name": "",
    "parent": "",
    "purpose": "",
    "is_open_to_requests": "on",
    "position": "30",
}


def test_the_secretariat_adds_a_body_and_lands_on_its_page(world, client_for):
    response = client_for(world.secretariat).post("/bodies/new/", BODY, follow=True)

    assert response.redirect_chain[-1][0] == "/bodies/action-group-on-rule-of-law/"
    assert "<h1>Action Group on Rule of Law</h1>" in response.content.decode()


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"name": ""}, "name"),
        ({"name": "Global Coordinating Group"}, "name"),
        ({"kind": "club"}, "kind"),
        ({"parent": "999999"}, "parent"),
        ({"parent": "abc"}, "parent"),
        ({"position": "-1"}, "position"),
        ({"position": "first"}, "position"),
    ],
    ids=[
        "no-name",
        "taken-name",
        "bad-kind",
        "unknown-parent",
        "bad-parent",
        "negative-position",
        "word-position",
    ],
)
def test_a_bad_body_is_shown_again_with_the_error(world, client_for, changes, field):
    before = Body.objects.count()

    response = client_for(world.secretariat).post("/bodies/new/", {**BODY, **changes})

    assert response.status_code == 200
    assert field_error(response, field)
    assert Body.objects.count() == before


def test_a_body_made_part_of_itself_is_shown_again_with_the_error(world, client_for):
    response = client_for(world.secretariat).post(
        "/bodies/migration/edit/", {**BODY, "name": "Action Group on Migration", "parent": world.migration.pk}
    )

    assert response.status_code == 200
    assert field_error(response, "parent")
    assert Body.objects.get(pk=world.migration.pk).parent is None


TERM = {
    "role": "member",
    "organisation": "",
    "country": "",
    "start_date": "2024-01-01",
    "end_date": "",
    "representative": "",
    "note": "",
}


@pytest.mark.parametrize(
    "changes, message",
    [
        ({}, "either by an organisation or by a country"),
        ({"country": "FR", "organisation": "ngo"}, "either by an organisation or by a country"),
        ({"organisation": "ngo", "end_date": "2023-12-31"}, "cannot end before it starts"),
    ],
    ids=["no-holder", "two-holders", "ends-before-start"],
)
def test_an_invalid_role_term_is_shown_again_with_a_readable_error(world, client_for, changes, message):
    changes = {**changes}
    if changes.get("organisation") == "ngo":
        changes["organisation"] = world.ngo.pk
    before = RoleTerm.objects.count()

    response = client_for(world.secretariat).post("/bodies/supply-chains/terms/new/", {**TERM, **changes})

    assert response.status_code == 200
    text = page_text(response)
    assert message in text
    assert "Constraint" not in text
    assert RoleTerm.objects.count() == before


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"start_date": "2024-13-45"}, "start_date"),
        ({"role": "emperor"}, "role"),
        ({"organisation": "999999"}, "organisation"),
        ({"country": "XX"}, "country"),
        ({"representative": "abc"}, "representative"),
    ],
    ids=["bad-date", "bad-role", "unknown-organisation", "bad-country", "bad-representative"],
)
def test_malformed_role_term_fields_are_shown_again_with_the_error(world, client_for, changes, field):
    before = RoleTerm.objects.count()

    response = client_for(world.secretariat).post(
        "/bodies/supply-chains/terms/new/", {**TERM, "organisation": world.ngo.pk, **changes}
    )

    assert response.status_code == 200
    assert field_error(response, field)
    assert RoleTerm.objects.count() == before


def test_a_chair_who_tries_to_appoint_a_chair_is_told_on_the_form(world, client_for):
    response = client_for(world.chair).post(
        "/bodies/supply-chains/terms/new/", {**TERM, "role": "chair", "organisation": world.ngo.pk}
    )

    assert response.status_code == 200
    assert field_error(response, "role")
    assert not RoleTerm.objects.filter(body=world.supply_chains, organisation=world.ngo).exists()


def test_the_secretariat_ends_a_chair_term_and_it_moves_to_the_history(world, client_for):
    term = RoleTerm.objects.get(body=world.gcg, country="FR")

    response = client_for(world.secretariat).post(
        f"/bodies/terms/{term.pk}/edit/",
        {**TERM, "role": "chair", "country": "FR", "start_date": "2019-07-01", "end_date": "2021-06-30"},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == "/bodies/gcg/"
    assert "Chair France Jul 2019 – Jun 2021" in page_text(response).split("History", 1)[1]


def test_editing_a_term_to_end_before_it_starts_is_refused_on_the_form(world, client_for):
    term = RoleTerm.objects.get(body=world.gcg, country="FR")

    response = client_for(world.secretariat).post(
        f"/bodies/terms/{term.pk}/edit/",
        {**TERM, "role": "chair", "country": "FR", "start_date": "2019-07-01", "end_date": "2019-06-30"},
    )

    assert response.status_code == 200
    assert "cannot end before it starts" in page_text(response)
    assert RoleTerm.objects.get(pk=term.pk).end_date is None
