"""The bodies API: who may do what (every write and restricted read for every role, both credentials), what
anyone may read, bad input named field by field, and lists in a fixed number of queries."""

import datetime
from typing import Any

import pytest

from alliance87.bodies.models import Body, BodyKind, MembershipRequest, RequestStatus, Role, RoleTerm
from alliance87.partners.models import Organisation, OrganisationType
from tests.api import ROLES, Operation, check_answer, check_list_queries, field_names, matrix

SIGNED_IN = frozenset(ROLES) - {"anonymous"}
SECRETARIAT = frozenset({"secretariat", "admin"})
NGO_FOCAL = SECRETARIAT | {"focal_point"}
SUPPLY_CHAINS_CHAIR = SECRETARIAT | {"chair"}


def _ngo_member_term(world: Any) -> dict[str, int]:
    term = RoleTerm.objects.create(
        body=world.supply_chains,
        role=Role.MEMBER,
        organisation=world.ngo,
        start_date=datetime.date(2020, 1, 1),
    )
    return {"id": term.pk}


def _request_to_supply_chains(world: Any) -> dict[str, int]:
    request = MembershipRequest.objects.create(
        body=world.supply_chains, organisation=world.ngo, requested_by=world.focal_point
    )
    return {"id": request.pk}


def _chair_term(world: Any) -> dict[str, int]:
    return {"id": RoleTerm.objects.get(body=world.supply_chains, role=Role.CHAIR).pk}


OPERATIONS = {
    "create body": Operation(
        "POST",
        "/bodies",
        {"kind": "working_group", "name": "Working Group on Audits", "parent": "supply-chains"},
        SECRETARIAT,
        201,
    ),
    "update body": Operation("PATCH", "/bodies/migration", {"purpose": "Safe migration."}, SECRETARIAT, 200),
    "add member term": Operation(
        "POST",
        "/bodies/supply-chains/terms",
        {"role": "member", "organisation": "another"},
        SUPPLY_CHAINS_CHAIR,
        201,
    ),
    "add chairing term": Operation(
        "POST",
        "/bodies/supply-chains/terms",
        {"role": "co_chair", "organisation": "another"},
        SECRETARIAT,
        201,
    ),
    "end member term": Operation(
        "PATCH",
        "/role-terms/{id}",
        {"end_date": "2099-12-31", "note": "Left."},
        SUPPLY_CHAINS_CHAIR,
        200,
        _ngo_member_term,
    ),
    "change chairing term": Operation(
        "PATCH", "/role-terms/{id}", {"note": "Re-elected."}, SECRETARIAT, 200, _chair_term
    ),
    "delete term": Operation("DELETE", "/role-terms/{id}", None, SECRETARIAT, 204, _ngo_member_term),
    "request membership": Operation(
        "POST",
        "/membership-requests",
        {"body": "migration", "organisation": "freedom-fund-example"},
        NGO_FOCAL,
        201,
    ),
    "list membership requests": Operation("GET", "/membership-requests", None, SIGNED_IN, 200),
    "approve membership request": Operation(
        "POST", "/membership-requests/{id}/approve", {}, SUPPLY_CHAINS_CHAIR, 200, _request_to_supply_chains
    ),
    "decline membership request": Operation(
        "POST",
        "/membership-requests/{id}/decline",
        {"comment": "Not this year."},
        SUPPLY_CHAINS_CHAIR,
        200,
        _request_to_supply_chains,
    ),
    "withdraw membership request": Operation(
        "POST", "/membership-requests/{id}/withdraw", None, NGO_FOCAL, 200, _request_to_supply_chains
    ),
}


@pytest.mark.parametrize("via", ["token", "session"])
@pytest.mark.parametrize(("operation", "role", "expected"), matrix(OPERATIONS))
def test_permission_matrix(
    api_as: Any, world: Any, via: str, operation: str, role: str, expected: int
) -> None:
    check_answer(OPERATIONS[operation].call(api_as(role, via=via), world), expected)


def test_chair_cannot_decide_on_requests_to_another_group(api_as: Any, world: Any) -> None:
    request = MembershipRequest.objects.create(body=world.migration, organisation=world.ngo)
    assert api_as("chair").post(f"/membership-requests/{request.pk}/approve", {}).status_code == 403


def test_chair_decides_on_requests_to_their_groups_working_group(api_as: Any, world: Any) -> None:
    request = MembershipRequest.objects.create(body=world.working_group, organisation=world.ngo)
    response = api_as("chair").post(f"/membership-requests/{request.pk}/approve", {"comment": "Welcome"})
    assert response.status_code == 200
    assert response.json()["status"] == "approved"
    assert RoleTerm.objects.filter(
        body=world.working_group, organisation=world.ngo, role=Role.MEMBER
    ).exists()


def test_chair_cannot_change_a_member_terms_holder(api_as: Any, world: Any) -> None:
    term_id = _ngo_member_term(world)["id"]
    assert api_as("chair").patch(f"/role-terms/{term_id}", {"organisation": "another"}).status_code == 403


def test_membership_requests_list_shows_only_what_the_caller_may_see(api_as: Any, world: Any) -> None:
    to_supply_chains = MembershipRequest.objects.create(body=world.supply_chains, organisation=world.ngo)
    to_migration = MembershipRequest.objects.create(body=world.migration, organisation=world.other_ngo)

    def ids(role: str) -> set[int]:
        return {item["id"] for item in api_as(role).get("/membership-requests").json()["items"]}

    assert ids("secretariat") == {to_supply_chains.pk, to_migration.pk}
    assert ids("chair") == {to_supply_chains.pk}
    assert ids("focal_point") == {to_supply_chains.pk}
    assert ids("other_focal_point") == {to_migration.pk}
    assert ids("outsider") == set()
    assert api_as("outsider").get(f"/membership-requests/{to_migration.pk}").status_code == 404
    assert api_as("other_chair").get(f"/membership-requests/{to_migration.pk}").status_code == 200


# --- reads -----------------------------------------------------------------------------------------------


def test_body_detail_splits_current_and_past_terms(api_as: Any, world: Any) -> None:
    gcg = api_as("anonymous").get("/bodies/gcg").json()
    assert [t["country"] for t in gcg["leadership"]] == ["FR"]
    assert [t["country"] for t in gcg["past"]] == ["AU"]
    supply_chains = api_as("anonymous").get("/bodies/supply-chains").json()
    assert supply_chains["working_groups"] == [{"slug": "wg-research", "name": world.working_group.name}]
    assert supply_chains["leadership"][0]["organisation"]["slug"] == "ilo"


def test_bodies_list_shows_current_chairs(api_as: Any, world: Any) -> None:
    bodies = {b["slug"]: b for b in api_as("anonymous").get("/bodies").json()["items"]}
    assert [c["holder_name"] for c in bodies["supply-chains"]["current_chairs"]] == ["ILO"]
    assert bodies["wg-research"]["parent"]["slug"] == "supply-chains"


def test_role_terms_of_a_body_include_past_ones(api_as: Any, world: Any) -> None:
    terms = api_as("anonymous").get("/bodies/gcg/terms").json()
    assert terms["count"] == 2
    term = terms["items"][0]
    assert api_as("anonymous").get(f"/role-terms/{term['id']}").json() == term


def test_deleted_term_is_gone(api_as: Any, world: Any) -> None:
    term = RoleTerm.objects.get(body=world.gcg, country="AU")
    assert api_as("secretariat").delete(f"/role-terms/{term.pk}").status_code == 204
    assert api_as("anonymous").get(f"/role-terms/{term.pk}").status_code == 404


# --- bad input -------------------------------------------------------------------------------------------


@pytest.fixture
def secretariat(api_as: Any) -> Any:
    return api_as("secretariat")


def test_term_ending_before_it_starts_is_refused_on_end_date(secretariat: Any) -> None:
    response = secretariat.post(
        "/bodies/supply-chains/terms",
        {"role": "member", "organisation": "another", "start_date": "2024-05-01", "end_date": "2023-05-01"},
    )
    assert response.status_code == 400
    assert field_names(response) == {"end_date"}


def test_patching_a_term_to_end_before_it_starts_is_refused_on_end_date(secretariat: Any, world: Any) -> None:
    term = world.supply_chains.role_terms.get()
    response = secretariat.patch(f"/role-terms/{term.pk}", {"end_date": "2001-01-01"})
    assert response.status_code == 400
    assert field_names(response) == {"end_date"}


def test_invalid_date_is_named(secretariat: Any) -> None:
    response = secretariat.post(
        "/bodies/supply-chains/terms",
        {"role": "member", "organisation": "another", "start_date": "31/12/2024"},
    )
    assert response.status_code == 422
    assert field_names(response) == {"start_date"}


def test_term_held_by_both_an_organisation_and_a_country_is_refused(secretariat: Any) -> None:
    response = secretariat.post(
        "/bodies/gcg/terms", {"role": "member", "organisation": "another", "country": "FR"}
    )
    assert response.status_code == 400
    assert field_names(response) == {"organisation"}


def test_unknown_slug_in_a_reference_is_named(secretariat: Any) -> None:
    response = secretariat.post("/bodies/supply-chains/terms", {"role": "member", "organisation": "nobody"})
    assert response.status_code == 400
    assert field_names(response) == {"organisation"}


def test_unknown_representative_is_named(secretariat: Any) -> None:
    response = secretariat.post(
        "/bodies/supply-chains/terms",
        {"role": "member", "organisation": "another", "representative": "nobody@example.org"},
    )
    assert response.status_code == 400
    assert field_names(response) == {"representative"}


def test_deciding_twice_is_refused_without_a_field(secretariat: Any, world: Any) -> None:
    request = MembershipRequest.objects.create(
        body=world.supply_chains, organisation=world.ngo, status=RequestStatus.DECLINED
    )
    response = secretariat.post(f"/membership-requests/{request.pk}/approve", {})
    assert response.status_code == 400
    assert response.json()["detail"] == "This request has already been decided."
    assert field_names(response) == {None}


def test_joining_a_body_twice_is_refused(api_as: Any) -> None:
    focal_point = api_as("focal_point")
    payload = {"body": "migration", "organisation": "freedom-fund-example"}
    assert focal_point.post("/membership-requests", payload).status_code == 201
    response = focal_point.post("/membership-requests", payload)
    assert response.status_code == 400
    assert "already waiting" in response.json()["detail"]


def test_body_that_is_part_of_an_unknown_body_is_named(secretariat: Any) -> None:
    response = secretariat.post("/bodies", {"kind": "working_group", "name": "Orphan", "parent": "nowhere"})
    assert response.status_code == 400
    assert field_names(response) == {"parent"}


def test_start_date_of_an_approved_membership_can_be_given(api_as: Any, world: Any) -> None:
    request = MembershipRequest.objects.create(body=world.supply_chains, organisation=world.ngo)
    response = api_as("chair").post(
        f"/membership-requests/{request.pk}/approve", {"start_date": "2025-01-15"}
    )
    assert response.status_code == 200
    term = world.supply_chains.role_terms.get(pk=response.json()["role_term"])
    assert term.start_date == datetime.date(2025, 1, 15)


# --- query counts ----------------------------------------------------------------------------------------


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


# (list path and query, who asks, how to add rows, queries expected)
LISTS = {
    "bodies": ("/bodies", "anonymous", add_bodies, 3),
    "role terms of a body": ("/bodies/supply-chains/terms", "anonymous", add_terms, 3),
    "membership requests (Secretariat)": ("/membership-requests", "secretariat", add_requests, 3),
    # A chair: their chaired bodies in one query (request.person), whether by representative or organisation.
    "membership requests (chair)": ("/membership-requests", "chair", add_requests, 6),
}


@pytest.mark.parametrize(("path", "role", "add_rows", "queries"), list(LISTS.values()), ids=list(LISTS))
def test_list_query_count_does_not_grow_with_rows(
    api_as: Any, world: Any, django_assert_num_queries: Any, path: str, role: str, add_rows: Any, queries: int
) -> None:
    check_list_queries(api_as(role), world, django_assert_num_queries, path, add_rows, queries)
