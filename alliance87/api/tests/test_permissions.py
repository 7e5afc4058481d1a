"""Who may do what through the API: every write (and every restricted read) for every role, both credentials."""

from typing import Any

import pytest

from tests.api import ROLES, ApiClient, Operation, check_answer, matrix

ANYONE = frozenset(ROLES)
SIGNED_IN = ANYONE - {"anonymous"}
SECRETARIAT = frozenset({"secretariat", "admin"})
NGO_FOCAL = SECRETARIAT | {"focal_point"}
SUPPLY_CHAINS_CHAIR = SECRETARIAT | {"chair"}


OPERATIONS = {
    "create country": Operation(
        "POST", "/countries", {"country": "br", "status": "pathfinder"}, SECRETARIAT, 201
    ),
    "update country": Operation(
        "PATCH", "/countries/fj", {"summary": "Action plan adopted."}, SECRETARIAT, 200
    ),
}


@pytest.mark.parametrize("via", ["token", "session"])
@pytest.mark.parametrize(("operation", "role", "expected"), matrix(OPERATIONS))
def test_permission_matrix(
    api_as: Any, world: Any, via: str, operation: str, role: str, expected: int
) -> None:
    check_answer(OPERATIONS[operation].call(api_as(role, via=via), world), expected)


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
