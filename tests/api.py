"""Calling the API as any role of the `world` fixture, and the permission matrix every app's API tests share.

Registered for every test by the root conftest (``pytest_plugins``), so ``api_as`` is a fixture everywhere. An
app's API tests describe their calls as ``Operation``s (who may make each one, what they get), expand them with
``matrix`` into one test per operation and role, and check each answer with ``check_answer``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pytest
from django.http import HttpResponse
from django.test import Client
from django.utils import timezone

from alliance87.accounts.models import ApiToken, User
from alliance87.accounts.services import issue_api_token

#: Every role of the `world` fixture, and nobody.
ROLES = (
    "anonymous",
    "outsider",
    "member",
    "focal_point",
    "other_focal_point",
    "chair",
    "secretariat",
    "admin",
)
PREFIX = "/api/v1"


class ApiClient:
    """Calls /api/v1 as one person: with a bearer token, or signed in with the session and its CSRF token."""

    def __init__(self, user: User | None, *, via: str = "token", csrf: bool = True) -> None:
        self.client = Client(enforce_csrf_checks=True)
        self.headers: dict[str, str] = {}
        if user is None:
            return
        if via == "token":
            token, raw = issue_api_token(user=user, name="tests")
            # A client that has called before: its token's last use (written at most once a minute, tested in
            # accounts) is not part of what a call costs, so query counts are the same on every call.
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
            self.headers["Authorization"] = f"Bearer {raw}"
        else:
            self.client.force_login(user)
            if csrf:
                self.client.get(f"{PREFIX}/docs")  # renders {{ csrf_token }}, which sets the cookie
                self.headers["X-CSRFToken"] = self.client.cookies["csrftoken"].value

    def call(self, method: str, path: str, payload: Any = None, *, raw: str | None = None) -> HttpResponse:
        body = raw if raw is not None else (json.dumps(payload) if payload is not None else "")
        return self.client.generic(
            method.upper(), PREFIX + path, body, content_type="application/json", headers=self.headers
        )

    def get(self, path: str, **params: Any) -> HttpResponse:
        return self.client.get(PREFIX + path, params, headers=self.headers)

    def post(self, path: str, payload: Any = None, **kwargs: Any) -> HttpResponse:
        return self.call("POST", path, payload, **kwargs)

    def patch(self, path: str, payload: Any = None, **kwargs: Any) -> HttpResponse:
        return self.call("PATCH", path, payload, **kwargs)

    def put(self, path: str, payload: Any = None, **kwargs: Any) -> HttpResponse:
        return self.call("PUT", path, payload, **kwargs)

    def delete(self, path: str) -> HttpResponse:
        return self.call("DELETE", path)


@pytest.fixture
def api_as(world: Any) -> Callable[..., ApiClient]:
    """``api_as("chair")`` → a client acting as that role of the world (``"anonymous"`` for nobody)."""

    def make(role: str, *, via: str = "token", csrf: bool = True) -> ApiClient:
        user = None if role == "anonymous" else getattr(world, role)
        return ApiClient(user, via=via, csrf=csrf)

    return make


def field_names(response: HttpResponse) -> set[str | None]:
    """The fields an error response names."""
    return {error["field"] for error in response.json()["errors"]}


# --- the permission matrix -----------------------------------------------------------------------------------


def fill(payload: dict[str, Any] | None, ids: Mapping[str, Any]) -> dict[str, Any] | None:
    """Payload values like ``"{outcome}"`` become the id they name."""
    if payload is None:
        return None
    return {
        key: ids[value[1:-1]] if isinstance(value, str) and value.startswith("{") else value
        for key, value in payload.items()
    }


@dataclass(frozen=True)
class Operation:
    """One API call: who may make it and the status they get; everyone else gets 401 (anonymous) or 403.

    ``{name}`` placeholders in the path and in payload values are filled from the ids the test gives, and from
    ``setup``, which makes the record the call acts on (from the `world`) and returns its ids.
    """

    method: str
    path: str
    payload: dict[str, Any] | None
    allowed: frozenset[str]
    success: int
    setup: Callable[[Any], Mapping[str, Any]] | None = None

    def expected(self, role: str) -> int:
        if role in self.allowed:
            return self.success
        return 401 if role == "anonymous" else 403

    def call(
        self, client: ApiClient, world: Any = None, ids: Mapping[str, Any] | None = None
    ) -> HttpResponse:
        ids = {**(ids or {}), **(self.setup(world) if self.setup else {})}
        return client.call(self.method, self.path.format(**ids), fill(self.payload, ids))


def matrix(operations: Mapping[str, Operation], roles: Iterable[str] = ROLES) -> list[Any]:
    """``(operation name, role, expected status)`` for every operation and role, to parametrize a test with."""
    return [
        pytest.param(name, role, operation.expected(role), id=f"{name}-{role}")
        for name, operation in operations.items()
        for role in roles
    ]


def check_answer(response: HttpResponse, expected: int) -> None:
    """The expected status; a refusal says why in the API's one error shape, naming no field."""
    assert response.status_code == expected, response.content
    if expected >= 400:
        body = response.json()
        assert body["detail"]
        assert body["errors"] == []


# --- query counts --------------------------------------------------------------------------------------------


def check_list_queries(
    client: ApiClient,
    world: Any,
    django_assert_num_queries: Any,
    path: str,
    add_rows: Callable[[Any, int, int], None],
    queries: int,
) -> None:
    """A list answers in ``queries`` SQL queries with 3 rows and with 30: the count does not grow with the rows.

    ``add_rows(world, start, end)`` adds rows numbered ``start`` to ``end - 1`` that the list shows.
    """
    separator = "&" if "?" in path else "?"
    add_rows(world, 0, 3)
    with django_assert_num_queries(queries):
        few = client.get(f"{path}{separator}limit=100")
    add_rows(world, 3, 30)
    with django_assert_num_queries(queries):
        many = client.get(f"{path}{separator}limit=100")
    assert few.status_code == many.status_code == 200
    assert len(many.json()["items"]) >= len(few.json()["items"]) + 27
