"""Throttles on API writes (django-ninja's), counted in the shared cache: per person, or per client if anonymous.

Reads are not throttled here; a public form's own limits (per e-mail address) are counted by the operation itself
with alliance87.core.ratelimits, the same count as its page.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ninja.throttling import BaseThrottle, SimpleRateThrottle

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class SettingsRateThrottle(SimpleRateThrottle):
    """A throttle whose rate is a setting, read at each request (so that it can change without a restart)."""

    setting = ""

    def __init__(self) -> None:
        super().__init__(rate=getattr(settings, self.setting))

    def allow_request(self, request: HttpRequest) -> bool:
        self.rate = getattr(settings, self.setting)
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)


def _person_pk(request: HttpRequest) -> int | None:
    person = getattr(request, "auth", None)
    return person.pk if getattr(person, "is_authenticated", False) else None  # type: ignore[union-attr]


class PersonWriteThrottle(SettingsRateThrottle):
    """The writes of one person, whichever credential they use (token or session)."""

    scope = "person-writes"
    setting = "API_WRITE_RATE_PERSON"

    def get_cache_key(self, request: HttpRequest) -> str | None:
        pk = _person_pk(request)
        if request.method in SAFE_METHODS or pk is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": pk}


class AnonymousWriteThrottle(SettingsRateThrottle):
    """The writes of one client without credentials (applications, newsletter sign-ups)."""

    scope = "anonymous-writes"
    setting = "API_WRITE_RATE_ANONYMOUS"

    def get_cache_key(self, request: HttpRequest) -> str | None:
        if request.method in SAFE_METHODS or _person_pk(request) is not None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


#: What the API root passes as ``throttle=``.
WRITE_THROTTLES: list[BaseThrottle] = [PersonWriteThrottle(), AnonymousWriteThrottle()]
