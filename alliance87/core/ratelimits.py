"""Rate limits of the platform's own forms, counted like django-allauth's sign-in limits.

The limits are named in ``settings.ACCOUNT_RATE_LIMITS`` (e.g. ``"partner_application": "10/h/ip,3/d/key"``: ten
an hour from one client, three a day for one e-mail address) and counted in the shared cache by allauth's helper,
so a page and the API that offer the same form share one count.
"""

from __future__ import annotations

from typing import Any

from allauth.core import ratelimit
from allauth.core.internal import ratelimit as counting
from django.http import HttpRequest
from django.utils.translation import gettext as _


class TooManyRequests(Exception):
    """Refused for now: the client, the address or the person has used up its allowance."""

    def __init__(self, message: str = "") -> None:
        super().__init__(
            message or _("Too many attempts from you or for this address. Please wait an hour and try again.")
        )


def count_attempt(request: HttpRequest, *, action: str, key: str | None = None, user: Any = None) -> None:
    """Count one attempt at ``action`` (``key``: the e-mail address it concerns); raise TooManyRequests when spent."""
    if not ratelimit.consume(request, action=action, key=(key or "").strip().lower() or None, user=user):
        raise TooManyRequests


def count_download(request: HttpRequest, *, action: str) -> None:
    """Count one download of a costly file (a GET) per client; raise TooManyRequests when the client's is spent.

    allauth's public helper counts only the other methods; its counter itself (the same cache, the same
    ``ACCOUNT_RATE_LIMITS`` rates) is asked to count GETs too.
    """
    if not counting.consume(request, app="allauth.account", action=action, limit_get=True):
        raise TooManyRequests(
            _("You have downloaded this file too often for now. Please wait an hour and try again.")
        )
