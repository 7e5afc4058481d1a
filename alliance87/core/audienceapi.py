"""Signed-in callers' API lists served from a cache keyed by their audience, whether they send a personal API
token (``Authorization: Bearer …``) or a browser session.

Visitors' lists are the public page cache's (`pagecache`); this is its signed-in twin for the API, as
`audiencecache` is for pages. A list such as ``/api/v1/plans`` differs between two callers only by what their
roles let them see (draft plans, partners-only library items, members-only spaces, news drafts for writers), and
every such rule rests on the facts the audience digest holds (`home.audience`). So the operations named in
``settings.AUDIENCE_CACHE_API_VIEWS`` are answered once per audience and kept. The rules that keep it honest:

- **Who**: a signed-in caller, by session or token, on GET. A token that is unknown, revoked, expired or refused
  for a missing second factor was answered before this middleware (`accounts.middleware`). Anonymous callers never
  reach this cache (a signed-in caller's audience is never the visitors').
- **The key**: the caller's audience (the same digest the pages use, computed for the token's owner), then the
  public cache's key (release, data version, language, day, address with its query). A token's scope is not in
  it: a read-only token differs from a read-and-write one only on writes, which are never cached.
- **A safety net**: an answer that holds the caller's username, name or e-mail address (as JSON writes them) is
  not stored: it is theirs alone.
- **Conditional requests**: a kept answer carries an ``ETag``; sent back in ``If-None-Match`` it gets 304 while the
  data are unchanged. Every answer from here says ``Cache-Control: private`` (no shared proxy keeps it).
- **When it is stale**: as the pages, by the data version: a change made by anyone shows on the next request.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import ResolverMatch
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers

from .audiencecache import HEADER, audience_cache, audience_key_of, has_audience, opted_in_view
from .pagecache import (
    _entry,
    _hit_hooks,
    _if_none_match,
    _storable,
    _valid_until,
    cache_key,
    changed_in_open_transaction,
    current_version,
)

API_PREFIX = "/api/"


def _written_forms(name: str) -> set[bytes]:
    """How a name can appear in a JSON answer: as UTF-8, or with its non-ASCII letters escaped."""
    return {
        name.encode(),
        json.dumps(name)[1:-1].encode(),
        json.dumps(name, ensure_ascii=False)[1:-1].encode(),
    }


def shows_the_caller(content: bytes, user: Any) -> bool:
    """Whether the answer holds who is calling (username, e-mail, display or full name): then it is theirs."""
    names = {user.get_username(), getattr(user, "email", "") or "", user.get_full_name()}
    display = getattr(user, "display_name", "")
    names.add(str(display() if callable(display) else display))
    return any(form in content for name in names if name and len(name) >= 3 for form in _written_forms(name))


def _private(response: HttpResponse, state: str | None) -> HttpResponse:
    """A signed-in caller's answer: for them alone, whether it was kept (``state``) or not."""
    response.headers.pop("X-Page-Cache", None)
    if state is not None:
        response.headers[HEADER] = state
    patch_cache_control(response, private=True)
    patch_vary_headers(response, ("Authorization", "Cookie"))
    return response


class AudienceApiCacheMiddleware:
    """Serves signed-in callers' opted-in API lists from the audience cache, keyed by audience and data version.

    After the pages' audience cache: everything before it (the token check, the language) still runs for a kept
    answer.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.views = frozenset(getattr(settings, "AUDIENCE_CACHE_API_VIEWS", ()))

    def _match(self, request: HttpRequest) -> ResolverMatch | None:
        if not self.views or request.method != "GET" or not request.path_info.startswith(API_PREFIX):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not has_audience():
            return None
        return opted_in_view(request, self.views)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        match = self._match(request)
        cache = audience_cache()
        if match is None or cache is None or changed_in_open_transaction():
            return self.get_response(request)
        version = current_version()
        key = f"api-audience:{audience_key_of(request)}:{cache_key(request, version)}"
        now = timezone.now()
        entry = cache.get(key)
        if entry is not None and now.timestamp() < entry.valid_until:
            for hook in _hit_hooks.get(match.view_name, ()):
                hook(match)
            return _private(entry.response(request), "hit")
        response = self.get_response(request)
        if (
            _storable(request, response, frozenset(), self.views)
            and not changed_in_open_transaction()
            and not shows_the_caller(response.content, request.user)
        ):
            entry = _entry(request, response, _valid_until(version, now), etag=True)
            cache.set(key, entry, timeout=None)
            if response["ETag"] in _if_none_match(request):
                return _private(entry.response(request), "miss")  # 304
            return _private(response, "miss")
        return _private(response, None)
