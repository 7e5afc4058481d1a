"""Who may do what through the API: every write (and every restricted read) for every role, both credentials."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from alliance87.bodies.models import MembershipRequest, Role, RoleTerm
from alliance87.partners.models import OrganisationType
from alliance87.partners.services import confirm_application, confirmation_token, submit_application

from .conftest import ROLES, ApiClient

ANYONE = frozenset(ROLES)
SIGNED_IN = ANYONE - {"anonymous"}
SECRETARIAT = frozenset({"secretariat", "admin"})
NGO_FOCAL = SECRETARIAT | {"focal_point"}
SUPPLY_CHAINS_CHAIR = SECRETARIAT | {"chair"}


def _application(world: Any) -> int:
    application = submit_application(
        data={
            "organisation_name": "Walk Free Example",
            "type": OrganisationType.CIVIL_SOCIETY,
            "description": "d",
            "contact_name": "Ana",
            "contact_email": "ana@example.org",
            "commitments": "c",
        }
    )
    return confirm_application(token=confirmation_token(application)).pk


def _ngo_member_term(world: Any) -> int:
    return RoleTerm.objects.create(
        body=world.supply_chains,
        role=Role.MEMBER,
        organisation=world.ngo,
        start_date=datetime.date(2020, 1, 1),
    ).pk


def _request_to_supply_chains(world: Any) -> int:
    return MembershipRequest.objects.create(
        body=world.supply_chains, organisation=world.ngo, requested_by=world.focal_point
    ).pk


def _chair_term(world: Any) -> int:
    return RoleTerm.objects.get(body=world.supply_chains, role=Role.CHAIR).pk


@dataclass(frozen=True)
class Operation:
    method: str
    path: str  # may contain "{id}", filled in by `setup`
    payload: dict[str, Any] | None
    allowed: frozenset[str]
    success: int
    setup: Callable[[Any], int] | None = None

    def request(self, client: ApiClient, world: Any) -> Any:
        path = self.path.format(id=self.setup(world)) if self.setup else self.path
        return client.call(self.method, path, self.payload)


OPERATIONS = {
    "create organisation": Operation(
        "POST",
        "/organisations",
        {"name": "New Partner", "type": "civil_society", "country": "ke"},
        SECRETARIAT,
        201,
    ),
    "update organisation": Operation(
        "PATCH", "/organisations/freedom-fund-example", {"acronym": "FFE"}, NGO_FOCAL, 200
    ),
    "submit application": Operation(
        "POST",
        "/applications",
        {
            "organisation_name": "Applicant Org",
            "type": "academic",
            "description": "Research.",
            "contact_name": "Bo",
            "contact_email": "bo@example.org",
            "commitments": "Publish.",
            "accept_terms": True,
        },
        ANYONE,
        201,
    ),
    "list applications": Operation("GET", "/applications", None, SECRETARIAT, 200),
    "read application": Operation("GET", "/applications/{id}", None, SECRETARIAT, 200, _application),
    "approve application": Operation(
        "POST", "/applications/{id}/approve", None, SECRETARIAT, 200, _application
    ),
    "reject application": Operation(
        "POST", "/applications/{id}/reject", {"reason": "Not eligible."}, SECRETARIAT, 200, _application
    ),
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
    "create country": Operation(
        "POST", "/countries", {"country": "br", "status": "pathfinder"}, SECRETARIAT, 201
    ),
    "update country": Operation(
        "PATCH", "/countries/fj", {"summary": "Action plan adopted."}, SECRETARIAT, 200
    ),
}

MATRIX = [
    pytest.param(
        name,
        role,
        operation.success if role in operation.allowed else (401 if role == "anonymous" else 403),
        id=f"{name}-{role}",
    )
    for name, operation in OPERATIONS.items()
    for role in ROLES
]


@pytest.mark.parametrize("via", ["token", "session"])
@pytest.mark.parametrize(("operation", "role", "expected"), MATRIX)
def test_permission_matrix(
    api_as: Any, world: Any, via: str, operation: str, role: str, expected: int
) -> None:
    response = OPERATIONS[operation].request(api_as(role, via=via), world)
    assert response.status_code == expected, response.content
    if expected != 204:
        body = response.json()
        if expected >= 400:
            assert body["detail"]
            assert body["errors"] == []


def test_session_write_without_csrf_token_is_refused(api_as: Any) -> None:
    response = api_as("secretariat", via="session", csrf=False).patch("/countries/fj", {"summary": "Forged?"})
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_session_read_needs_no_csrf_token(api_as: Any) -> None:
    assert api_as("secretariat", via="session", csrf=False).get("/applications").status_code == 200


def test_token_write_needs_no_csrf_token(api_as: Any, world: Any) -> None:
    response = api_as("secretariat", via="token").patch("/countries/fj", {"summary": "Roadmap adopted."})
    assert response.status_code == 200
    world.fiji.refresh_from_db()
    assert world.fiji.summary == "Roadmap adopted."


def test_unknown_token_is_unauthenticated(world: Any) -> None:
    client = ApiClient(None)
    client.headers["Authorization"] = "Bearer a87_not-a-real-token"
    response = client.patch("/countries/fj", {"summary": "x"})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_revoked_token_is_unauthenticated(world: Any) -> None:
    client = ApiClient(world.secretariat)
    world.secretariat.api_tokens.get().revoke()
    assert client.patch("/countries/fj", {"summary": "x"}).status_code == 401


def test_inactive_users_token_is_unauthenticated(world: Any) -> None:
    client = ApiClient(world.secretariat)
    world.secretariat.is_active = False
    world.secretariat.save()
    assert client.patch("/countries/fj", {"summary": "x"}).status_code == 401


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
    term_id = _ngo_member_term(world)
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
