"""Two checks on every request: bearer tokens on the API, and the second factor officers must set up.

A bearer token that is unknown, revoked or expired is refused with 401 on every API address, including those
anonymous readers may call: a script with a dead token learns so at once rather than reading the public view.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from .roles import lacks_required_second_factor
from .services import check_api_token

API_PREFIX = "/api/"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
#: What an officer without a second factor may still open: signing in and out, the set-up pages, the language.
OPEN_URL_PREFIXES = ("account_", "mfa_")
OPEN_URL_NAMES = frozenset({"set_language"})


def api_error(status: int, detail: str) -> JsonResponse:
    """The API's one error shape (see alliance87.core.api.errors), for answers given before the API is reached."""
    response = JsonResponse({"detail": detail, "errors": []}, status=status)
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="api", error="invalid_token"'
    return response


def bearer_value(request: HttpRequest) -> str | None:
    scheme, _sep, value = request.headers.get("Authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" else None


def _open_without_second_factor(request: HttpRequest) -> bool:
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return True  # a 404 page shows nothing
    name = match.url_name or ""
    return name.startswith(OPEN_URL_PREFIXES) or name in OPEN_URL_NAMES


class AccountSecurityMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        is_api = request.path_info.startswith(API_PREFIX)
        raw = bearer_value(request) if is_api else None
        if raw is not None:
            refused = self._check_token(request, raw)
            if refused is not None:
                return refused
        elif lacks_required_second_factor(request.user):
            if is_api:
                return api_error(403, self._second_factor_sentence())
            if not _open_without_second_factor(request):
                messages.warning(request, self._second_factor_sentence())
                return redirect("mfa_index")
        return self.get_response(request)

    @staticmethod
    def _second_factor_sentence() -> str:
        return _(
            "Secretariat officers and administrators protect their account with a second factor: set up an "
            "authenticator app or a security key to continue."
        )

    def _check_token(self, request: HttpRequest, raw: str) -> HttpResponse | None:
        checked = check_api_token(raw)
        token = checked.token
        if token is None:
            return api_error(401, checked.refusal)
        if token.is_read_only and request.method not in SAFE_METHODS:
            return api_error(
                403,
                _(
                    "This API token is read-only: it cannot change anything. Create a read-and-write token "
                    "on your account page to do this."
                ),
            )
        if lacks_required_second_factor(token.user):
            return api_error(403, self._second_factor_sentence())
        request.api_token = token  # type: ignore[attr-defined]
        # The token's person is the request's person everywhere: in permission checks that read
        # `request.user`, and in the historical records of what the request changes.
        request.user = token.user
        return None
