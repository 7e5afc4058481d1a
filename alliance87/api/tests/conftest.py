"""Helpers to call the API as any role of the `world` fixture, with a token or a browser session."""

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.http import HttpResponse
from django.test import Client

from alliance87.accounts.models import User
from alliance87.accounts.services import issue_api_token

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
            _, raw = issue_api_token(user=user, name="tests")
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
