"""Who is calling: a bearer token or the browser session (with CSRF), for the operations that need a person.

Reads are anonymous. A bearer token that is unknown, revoked or expired is refused with 401 before any operation
runs, and a read-only token is refused on writes with 403 (alliance87.accounts.middleware). Writes accept either
credential; a missing or unknown one is a 401, while a session
request without a valid CSRF token is a 403 (the person is known, the request may be forged). Reads that show
some people more (a draft plan to its editors) take ``READER``: credentials optional, but a token that is sent
and refused is still a 401 rather than a quietly anonymous answer.
"""

from __future__ import annotations

from typing import Any, cast

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from alliance87.accounts.models import ApiToken, User
from alliance87.accounts.services import user_for_api_token


class BearerToken(HttpBearer):
    """A personal API token from the account page, sent as ``Authorization: Bearer <token>``."""

    openapi_description = "A personal API token: `Authorization: Bearer a87_…`. No CSRF token is needed."

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        # AccountSecurityMiddleware has already refused a dead or read-only-on-write token with its reason.
        checked: ApiToken | None = getattr(request, "api_token", None)
        if checked is not None:
            return checked.user
        return user_for_api_token(token) if token else None


class SessionCookie(APIKeyCookie):
    """The signed-in browser session; unsafe methods must carry the CSRF token (``X-CSRFToken`` header).

    Unlike ninja's ``SessionAuth`` the CSRF check runs only once a person is known, so an anonymous
    write is told to authenticate (401) rather than that its CSRF token is missing.
    """

    param_name = settings.SESSION_COOKIE_NAME
    openapi_description = (
        "The Django session cookie of a signed-in browser. Unsafe methods must send the CSRF token "
        "in the `X-CSRFToken` header."
    )

    def _get_key(self, request: HttpRequest) -> str | None:
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        user = getattr(request, "user", None)
        if not (key and user is not None and user.is_authenticated):
            return None
        if self.csrf and not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise HttpError(403, _("CSRF check failed: send the CSRF token in the X-CSRFToken header."))
        return cast(User, user)


#: The credentials accepted by every operation that needs to know who is calling; the token is tried first.
PERSON = [BearerToken(), SessionCookie()]


def caller(request: HttpRequest) -> User:
    """The authenticated person (set by ``PERSON``), typed for the services' ``by=`` argument."""
    return cast(User, request.auth)  # type: ignore[attr-defined]


class NoCredentials:
    """The last resort of ``READER``: nobody in particular, unless an Authorization header was refused."""

    def __call__(self, request: HttpRequest) -> AnonymousUser | None:
        if request.headers.get("Authorization"):
            return None  # a credential was sent and not accepted: a 401, not an anonymous answer
        return AnonymousUser()


#: The credentials of a read that shows more to some people; without any, the caller is anonymous.
READER = [*PERSON, NoCredentials()]

#: How ``READER`` reads in OpenAPI: ninja lists PERSON's schemes, this adds the empty requirement (none needed).
OPTIONAL_CREDENTIALS: dict[str, Any] = {"security": [{}]}


def viewer(request: HttpRequest) -> User | AnonymousUser:
    """Who is reading (set by ``READER`` or ``PERSON``), for the permission checks on what they may see."""
    return cast(User | AnonymousUser, request.auth)  # type: ignore[attr-defined]
