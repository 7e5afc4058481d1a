"""Signed-in people's pages served from a cache keyed by their *audience*: what their roles let them see.

A signed-in person's page of the directory, the library or a body differs from the next person's only by what each
person's roles allow (edit buttons, restricted items, drafts) and by a few personal parts (the notification count in
the header, the CSRF token of its forms). So the pages named in ``settings.AUDIENCE_CACHE_VIEWS`` are rendered once
per audience and data version and kept in the per-process ``audience`` cache, with the personal parts left as
placeholders that are filled for each person when the page is served. The API's lists are kept the same way
(`core.audienceapi`, through the middleware both share). The rules that keep it honest:

- **Who**: a signed-in person (session, never a bearer token), GET or HEAD, with no message waiting for them.
  Visitors are the public page cache's (`pagecache`), and never get a page from here: the audience of a signed-in
  person is never "visitor".
- **The audience**: a digest of every fact the pages' permissions rest on (organisations and focal points, chaired
  and member bodies, the Secretariat and administrator flags, news writers…), computed by the function the top app
  registers (`register_audience`; `alliance87.home.audience`), never the person's name or id. Two people with
  the same audience see the same page. A view whose page depends on more (the creator of a library item may edit
  it) adds its own part to the key (`register_view_audience`).
- **Personal parts** are rendered as placeholders (`personal`) while the page is rendered for the cache, and filled
  at serve time by the function their owner registered (`register_personal`), for the person being served. A part
  that stands for one thing of the page (an event's registration box, a post's own-author controls) carries a key
  (`personal(..., key=...)`, filled by `register_keyed_personal(name, fill)` as `fill(request, key)`).
- **A safety net**: a page that still shows the person's name, username or address after that (a discussion with
  their own posts, or a page the review of the opted-in views missed) is kept under a key of that person's own and
  served to nobody else.
- **When it is stale**: the key holds the data version, the language, the day, the address and the htmx headers,
  as the public cache's (`pagecache.cache_key`); a person's audience, and what else of theirs only a change of
  the data changes (their registration for an event: `kept_for_person`), is kept per person, data version and day;
  their personal parts are filled each time they are served. A change made by anyone shows on the next request;
  nothing waits for a timer.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import InvalidCacheBackendError, caches
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, ResolverMatch, resolve
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .pagecache import (
    _entry,
    _hit_hooks,
    _if_none_match,
    _storable,
    _valid_until,
    cache_key,
    changed_in_open_transaction,
    current_version,
    pages_cache,
    release,
)

logger = logging.getLogger(__name__)

HEADER = "X-Audience-Cache"
CACHE_ALIAS = "audience"
_RENDERING = "a87_audience_render"

_audience: list[Callable[[HttpRequest], str]] = []
_view_audience: dict[str, Callable[[HttpRequest, ResolverMatch], str]] = {}
_personal: dict[str, Callable[[HttpRequest], str]] = {}
_keyed_personal: dict[str, Callable[[HttpRequest, str], str]] = {}
#: A placeholder: a name and, for keyed parts, a key of letters, digits and ``._-``.
_MARKER = re.compile(rb"\x00a87-personal:([A-Za-z0-9_-]+)(?::([A-Za-z0-9._-]*))?\x00")
_KEY = re.compile(r"[A-Za-z0-9._-]*")
_MISSING = object()
T = TypeVar("T")


def register_audience(function: Callable[[HttpRequest], str]) -> None:
    """The top app says how to tell audiences apart: a short digest of what a person's permissions rest on."""
    _audience[:] = [function]


def register_view_audience(view_name: str, function: Callable[[HttpRequest, ResolverMatch], str]) -> None:
    """A view whose page depends on more than the audience adds its own part to the key (e.g. "creator")."""
    _view_audience[view_name] = function


def register_personal(name: str, fill: Callable[[HttpRequest], str]) -> None:
    """`fill(request)` gives the HTML of a personal part (already escaped) for the person being served."""
    _personal[name] = fill


def register_keyed_personal(name: str, fill: Callable[[HttpRequest, str], str]) -> None:
    """`fill(request, key)` gives the HTML of the personal part `key` names (an event, a post) for the person."""
    _keyed_personal[name] = fill


def _marker(name: str, key: str | None = None) -> str:
    return f"\x00a87-personal:{name}\x00" if key is None else f"\x00a87-personal:{name}:{key}\x00"


def rendering_for_audience(request: HttpRequest | None) -> bool:
    """Whether this request's page is being rendered for the audience cache (personal parts are placeholders)."""
    return bool(request is not None and getattr(request, _RENDERING, False))


def personal(
    request: HttpRequest | None, name: str, compute: Callable[[], Any], *, key: str | None = None
) -> Any:
    """A personal part of a page: `compute()`, or its placeholder while the page is rendered for the cache.

    With a `key` (letters, digits, ``._-``), the part is filled by the function `register_keyed_personal` gave.
    """
    if key is not None and not _KEY.fullmatch(key):
        raise ValueError(f"a personal part's key is letters, digits and ._- only: {key!r}")
    if rendering_for_audience(request):
        return mark_safe(_marker(name, key))
    return compute()


# --- The audience cache's own store, what it keeps of each person (their audience; also for the API's lists) ---


def audience_cache() -> Any:
    """The ``audience`` cache: bounded on its own (``AUDIENCE_CACHE_ENTRIES``), so that many audiences' pages never
    evict the visitors' pages; the ``pages`` cache where the settings name no such cache; None without either."""
    try:
        return caches[CACHE_ALIAS]
    except InvalidCacheBackendError:
        return pages_cache()


def has_audience() -> bool:
    """Whether the top app has said how to tell audiences apart (nothing is kept per audience before)."""
    return bool(_audience)


def kept_for_person(request: HttpRequest, name: str, compute: Callable[[], T]) -> T:
    """`compute()`: a fact of the request's signed-in person that only a change of the data changes (their
    audience, their registration for an event), kept for them alone per data version and day in the audience cache.

    Computed on the spot for a visitor, with the caches off, or while the request's own writes are uncommitted.
    """
    cache = audience_cache()
    user = getattr(request, "user", None)
    if (
        cache is None
        or user is None
        or not user.is_authenticated
        or not settings.PAGE_CACHE_VIEWS
        or changed_in_open_transaction()
    ):
        return compute()
    key = f"person:{user.pk}:{name}:{release()}:{current_version()}:{timezone.localdate().isoformat()}"
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, timeout=None)
    return cast(T, value)


def audience_key_of(request: HttpRequest) -> str:
    """The signed-in caller's audience (session or API token: `request.user` is its owner), kept per person, data
    version and day: their roles change only with the data."""
    return str(kept_for_person(request, "audience", lambda: _audience[0](request)))


def _fill(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Each personal part of the page for the person being served, computed now (never kept: it is theirs)."""
    if response.streaming or b"\x00a87-personal:" not in response.content:
        return response

    filled: dict[bytes, bytes] = {}  # a part shown twice (the header's count) is computed once

    def part(match: re.Match[bytes]) -> bytes:
        marker = match.group()
        if marker not in filled:
            name, key = match.group(1).decode(), match.group(2)
            fill = _personal.get(name) if key is None else None
            keyed = _keyed_personal.get(name) if key is not None else None
            if fill is not None:
                filled[marker] = fill(request).encode()
            elif keyed is not None and key is not None:
                filled[marker] = keyed(request, key.decode()).encode()
            else:
                filled[marker] = marker
        return filled[marker]

    response.content = _MARKER.sub(part, response.content)
    return response


def _shows_the_person(content: bytes, user: Any) -> bool:
    """Whether the page still shows who is reading it: then it is theirs alone."""
    names = {user.get_username(), getattr(user, "email", "")}
    display = getattr(user, "display_name", "")
    names.add(str(display() if callable(display) else display))
    names.add(user.get_full_name())
    for name in names:
        if name and len(name) >= 3 and (name.encode() in content or escape(name).encode() in content):
            return True
    return False


def _has_messages(request: HttpRequest) -> bool:
    if "messages" in request.COOKIES:
        return True
    try:
        return len(get_messages(request)) > 0
    except Exception:  # no message middleware: nothing waiting
        return False


def opted_in_view(request: HttpRequest, views: frozenset[str]) -> ResolverMatch | None:
    """The request's view when it is one of `views` (the pages or API lists opted in to an audience cache)."""
    try:
        match = resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return None
    return match if match.view_name in views else None


class AudienceCacheMiddleware:
    """What the audience caches of pages and of API lists share: the opted-in views of a setting, a kept answer per
    audience and data version served while valid (hit hooks run in the view's stead), else the view's answer, kept
    when storable and not the caller's own, under the key the subclass chooses.

    Subclasses say who may be served (`_match`), the keys to look under (`_keys`: the shared one first), how the
    view renders (`_render`), under which key an answer is kept (`_keep_as`, None: not kept) and how an answer
    leaves (`_served`: personal parts, headers).
    """

    #: The setting naming the opted-in views.
    views_setting = ""
    #: Whether the views are API lists (JSON, with an ETag) rather than pages (HTML).
    api = False

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.views = frozenset(getattr(settings, self.views_setting, ()))

    def _match(self, request: HttpRequest) -> ResolverMatch | None:
        raise NotImplementedError

    def _keys(self, request: HttpRequest, match: ResolverMatch, version: int) -> tuple[str, ...]:
        raise NotImplementedError

    def _render(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def _keep_as(self, request: HttpRequest, response: HttpResponse, keys: tuple[str, ...]) -> str | None:
        return keys[0]

    def _served(self, request: HttpRequest, response: HttpResponse, state: str | None) -> HttpResponse:
        return response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        match = self._match(request) if self.views and has_audience() else None
        cache = audience_cache()
        if match is None or cache is None or changed_in_open_transaction():
            return self.get_response(request)
        version = current_version()
        keys = self._keys(request, match, version)
        now = timezone.now()
        entry = next((found for key in keys if (found := cache.get(key)) is not None), None)
        if entry is not None and now.timestamp() < entry.valid_until:
            for hook in _hit_hooks.get(match.view_name, ()):
                hook(match)
            return self._served(request, entry.response(request), "hit")
        response = self._render(request)
        pages, lists = (frozenset(), self.views) if self.api else (self.views, frozenset())
        kept_as = (
            self._keep_as(request, response, keys)
            if _storable(request, response, pages, lists) and not changed_in_open_transaction()
            else None
        )
        if kept_as is None:
            return self._served(request, response, None)
        entry = _entry(request, response, _valid_until(version, now), etag=self.api)
        cache.set(kept_as, entry, timeout=None)
        if self.api and response["ETag"] in _if_none_match(request):
            response = entry.response(request)  # 304
        return self._served(request, response, "miss")


class AudiencePageCacheMiddleware(AudienceCacheMiddleware):
    """Serves signed-in people's opted-in pages from the audience cache, keyed by audience and data version, their
    personal parts filled in for the person served.

    After the public page cache's middleware: everything before it still runs for a cached page.
    """

    views_setting = "AUDIENCE_CACHE_VIEWS"

    def _match(self, request: HttpRequest) -> ResolverMatch | None:
        if request.method not in ("GET", "HEAD"):
            return None
        user = getattr(request, "user", None)
        if "HTTP_AUTHORIZATION" in request.META or user is None or not user.is_authenticated:
            return None
        match = opted_in_view(request, self.views)
        return None if match is None or _has_messages(request) else match

    def _keys(self, request: HttpRequest, match: ResolverMatch, version: int) -> tuple[str, ...]:
        audience = audience_key_of(request)
        view_part = _view_audience.get(match.view_name)
        if view_part is not None:
            audience += ":" + view_part(request, match)
        page = cache_key(request, version)
        # A page that shows the reader (their own posts' bylines) is kept for them alone, under their own key.
        return f"audience:{audience}:{page}", f"audience:{audience}:person:{request.user.pk}:{page}"

    def _render(self, request: HttpRequest) -> HttpResponse:
        setattr(request, _RENDERING, True)
        try:
            return self.get_response(request)
        finally:
            setattr(request, _RENDERING, False)

    def _keep_as(self, request: HttpRequest, response: HttpResponse, keys: tuple[str, ...]) -> str | None:
        shared, own = keys
        return own if _shows_the_person(response.content, request.user) else shared

    def _served(self, request: HttpRequest, response: HttpResponse, state: str | None) -> HttpResponse:
        if state is not None:
            response.headers.pop("X-Page-Cache", None)
            response.headers[HEADER] = state
        return _fill(request, response)


def audience_digest(*facts: object) -> str:
    """A short digest of the facts an audience rests on (for `register_audience` functions)."""
    return hashlib.blake2b(repr(facts).encode(), digest_size=12).hexdigest()
