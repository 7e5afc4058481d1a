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
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import ResolverMatch
from django.utils.cache import patch_cache_control, patch_vary_headers

from .audiencecache import HEADER, AudienceCacheMiddleware, audience_key_of, opted_in_view
from .pagecache import cache_key

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


class AudienceApiCacheMiddleware(AudienceCacheMiddleware):
    """Serves signed-in callers' opted-in API lists from the audience cache, keyed by audience and data version.

    After the pages' audience cache: everything before it (the token check, the language) still runs for a kept
    answer.
    """

    views_setting = "AUDIENCE_CACHE_API_VIEWS"
    api = True

    def _match(self, request: HttpRequest) -> ResolverMatch | None:
        if request.method != "GET" or not request.path_info.startswith(API_PREFIX):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        return opted_in_view(request, self.views)

    def _keys(self, request: HttpRequest, match: ResolverMatch, version: int) -> tuple[str, ...]:
        return (f"api-audience:{audience_key_of(request)}:{cache_key(request, version)}",)

    def _keep_as(self, request: HttpRequest, response: HttpResponse, keys: tuple[str, ...]) -> str | None:
        return None if shows_the_caller(response.content, request.user) else keys[0]

    def _served(self, request: HttpRequest, response: HttpResponse, state: str | None) -> HttpResponse:
        """A signed-in caller's answer: for them alone, whether it was kept (``state``) or not."""
        response.headers.pop("X-Page-Cache", None)
        if state is not None:
            response.headers[HEADER] = state
        patch_cache_control(response, private=True)
        patch_vary_headers(response, ("Authorization", "Cookie"))
        return response
