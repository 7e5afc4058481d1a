"""Who is calling: a personal token or a signed-in session with its CSRF token; anything else is refused.

Who may do what is each app's permission matrix (`<app>/tests/test_api.py`, built with tests/api.py)."""

from typing import Any

from tests.api import ApiClient


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
