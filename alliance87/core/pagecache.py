"""Public pages served from a cache that every change to the data empties at once — by version, never by a timer.

What a visitor without an account sees of a public page is the same for every such visitor, so it is rendered once
per *data version* and kept in a per-process cache (the ``pages`` cache). The rules that keep it honest:

- **Who**: only requests that carry no session cookie, no messages cookie and no ``Authorization`` header (so the
  person is certainly signed out and has no message waiting), GET or HEAD. Anything a signed-in person sees is
  never stored nor served from here.
- **What**: only the views named in ``settings.PAGE_CACHE_VIEWS`` (public pages without side effects on GET) and
  ``settings.PAGE_CACHE_API_VIEWS`` (the API's public lists), and only responses that are 200, HTML (JSON for the
  API), set no cookie, did not write to the session, and do not ask not to be cached. An API answer carries an
  ``ETag`` (its content's digest): a caller who sends it back in ``If-None-Match`` gets 304 while the data is
  unchanged.
- **When it is stale**: the key holds the data version, a number in the database (``core.DataVersion``) raised
  after every committed change: a model saved or deleted, a many-to-many link changed (signals), any unsafe
  request (POST, PUT, PATCH, DELETE, so bulk updates behind any door count too), any background task finished.
  The key also holds the date (pages that show "current" terms), the language, the host and the htmx headers.
  Content that changes as the clock moves (an event starting or ending) registers when its next change is due
  (``register_clock``); an entry is never served after that moment.
- **When the code changes**: the key also holds the *release* (`release()`): ``settings.RELEASE`` when the
  deployment sets it, else the package's version and a digest of its code, templates, static files and
  translations, computed once per process. After a deploy, a cache shared by several processes (or one that
  outlives a restart) never serves the HTML of the code before.
- **CSRF**: a stored page holds a placeholder where the renderer's CSRF token was; each visitor gets their own.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import importlib.metadata
import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import InvalidCacheBackendError, caches
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import _unmask_cipher_token, get_token  # type: ignore[attr-defined]
from django.urls import Resolver404, ResolverMatch, resolve
from django.utils import timezone
from django.utils.cache import cc_delim_re
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

CACHE_ALIAS = "pages"
CSRF_PLACEHOLDER = b"\x00a87-csrf-token\x00"
_TOKEN = re.compile(rb"[A-Za-z0-9]{64}")
_HTMX_HEADERS = ("HTTP_HX_REQUEST", "HTTP_HX_TARGET", "HTTP_HX_TRIGGER", "HTTP_HX_BOOSTED")
#: Vary headers the key already accounts for (Cookie: only cookie-less requests are cached).
_KEYED_VARY = {"cookie", "accept-language", "hx-request", "hx-target", "hx-trigger", "hx-boosted"}
#: Models whose changes no public page shows: bookkeeping of the platform itself.
IGNORED_MODELS = {
    "core.DataVersion",
    "core.ImportJob",
    "core.OutgoingEmail",
    "core.ScheduledRun",
    "sessions.Session",
    "admin.LogEntry",
    "library.MonthlyUse",
    "accounts.ApiToken",  # shown only on its owner's account page, never kept
}
#: Fields whose change alone no page shows: a sign-in (Django notes the time) must not empty every cache.
IGNORED_FIELDS = {"accounts.User": frozenset({"last_login"})}
_IGNORED_MODULE_PREFIXES = ("django_tasks",)


# --- The release ----------------------------------------------------------------------------------------------

#: The files of the package whose change changes what a page shows: code, templates, static files, translations.
RELEASE_FILES = (".py", ".html", ".txt", ".css", ".js", ".mjs", ".svg", ".json", ".mo", ".woff2")
_PACKAGE_DIR = Path(__file__).resolve().parents[1]


def code_digest(root: Path = _PACKAGE_DIR) -> str:
    """A digest of the package's files that make pages (names and contents; tests and byte code left out)."""
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if (
            path.suffix not in RELEASE_FILES
            or "tests" in relative.parts
            or "__pycache__" in relative.parts
            or not path.is_file()
        ):
            continue
        digest.update(relative.as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


@functools.cache
def release() -> str:
    """What is deployed: ``settings.RELEASE`` when set (e.g. the commit the deployment installed), else the
    package's version and `code_digest()`; computed once per process (a deploy starts new processes)."""
    configured = str(getattr(settings, "RELEASE", "") or "")
    if configured:
        return configured
    try:
        version = importlib.metadata.version("alliance87")
    except importlib.metadata.PackageNotFoundError:
        version = "0"
    return f"{version}+{code_digest()}"


# --- The data version -----------------------------------------------------------------------------------------


#: The data version as a read request first read it (`one_version_read`): empty until read, emptied when this
#: process raises the version; None outside such a request.
_read_once: ContextVar[list[int] | None] = ContextVar("alliance87_data_version_read", default=None)


@contextmanager
def one_version_read() -> Iterator[None]:
    """While a read request runs: the data version read once, for the page caches, the fragments and the personal
    parts alike, rather than by each of them; read again after this process raises it (the request wrote).

    A change another process commits meanwhile shows on the next request, as it would had the request started a
    moment earlier: whatever this request keeps is keyed by the version it read, and holds data at least that new.
    """
    token = _read_once.set([])
    try:
        yield
    finally:
        _read_once.reset(token)


def current_version(using: str = DEFAULT_DB_ALIAS) -> int:
    """The data version now (0 before the first change); one indexed read, once per read request."""
    from .models import DataVersion

    read = _read_once.get() if using == DEFAULT_DB_ALIAS else None
    if read:
        return read[0]
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT value FROM {DataVersion._meta.db_table} WHERE id = 1")  # noqa: S608 - no input
        row = cursor.fetchone()
    version = int(row[0]) if row else 0
    if read is not None:
        read.append(version)
    return version


def _raise_version(using: str) -> None:
    from .models import DataVersion

    connection = connections[using]
    connection.a87_data_changed = False  # type: ignore[attr-defined]
    read = _read_once.get()
    if read is not None:
        read.clear()  # the request that wrote reads the new version
    if not DataVersion.objects.using(using).filter(pk=1).update(value=F("value") + 1):
        DataVersion.objects.using(using).get_or_create(pk=1, defaults={"value": 1})


def _raise_version_or_say_why(using: str) -> None:
    from .models import DataVersion

    try:
        _raise_version(using)
    except DatabaseError:
        # Before the first migration has created the table there is nothing cached either: say nothing then.
        if DataVersion._meta.db_table in connections[using].introspection.table_names():
            logger.warning("could not raise the data version", exc_info=True)


def data_changed(using: str = DEFAULT_DB_ALIAS) -> None:
    """Raise the data version once the current transaction commits (at once outside a transaction).

    Raising it after the commit, not inside the transaction, keeps the version row out of every writer's locks; a
    request that reads the old version meanwhile renders the new data or the old one under the old key, both
    harmless. Until the commit, the connection that wrote serves itself no cached page (it must see its writes).
    """
    connection = connections[using]
    if not connection.in_atomic_block:
        _raise_version_or_say_why(using)
        return
    connection.a87_data_changed = True  # type: ignore[attr-defined]
    hook = getattr(connection, "a87_raise_version", None)
    if hook is None:

        def hook() -> None:
            _raise_version_or_say_why(using)

        connection.a87_raise_version = hook  # type: ignore[attr-defined]
    if not any(entry[1] is hook for entry in connection.run_on_commit):
        connection.on_commit(hook, robust=True)


def changed_in_open_transaction(using: str = DEFAULT_DB_ALIAS) -> bool:
    """Whether this connection wrote in the transaction still open: it must see its writes, not a cached copy."""
    connection = connections[using]
    return connection.in_atomic_block and getattr(connection, "a87_data_changed", False)


def on_model_change(sender: type, using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:
    """Receiver of post_save, post_delete and m2m_changed for every model."""
    if kwargs.get("action", "post_").startswith("pre_"):  # m2m_changed: only once the links changed
        return
    meta = getattr(sender, "_meta", None)
    if meta is None or meta.label in IGNORED_MODELS or sender.__module__.startswith(_IGNORED_MODULE_PREFIXES):
        return
    fields = kwargs.get("update_fields")
    if fields and frozenset(fields) <= IGNORED_FIELDS.get(meta.label, frozenset()):
        return
    data_changed(using or DEFAULT_DB_ALIAS)


def on_task_finished(**kwargs: Any) -> None:
    """Background tasks may write with bulk updates or raw SQL (the search index): count each as a change."""
    data_changed()


# --- The clock ------------------------------------------------------------------------------------------------

#: Functions returning when, after `now`, some public page next changes by the clock alone (or None).
_clocks: list[Callable[[datetime.datetime], datetime.datetime | None]] = []
_next_change: tuple[int, float] = (-1, 0.0)  # (version, timestamp): computed once per version per process


def register_clock(function: Callable[[datetime.datetime], datetime.datetime | None]) -> None:
    """Upper apps say when their public pages next change as time passes (e.g. an event starts or ends)."""
    if function not in _clocks:
        _clocks.append(function)


def _valid_until(version: int, now: datetime.datetime) -> float:
    global _next_change
    cached_version, until = _next_change
    if cached_version == version and now.timestamp() < until:
        return until
    moments = [moment for clock in _clocks if (moment := clock(now)) is not None]
    until = min(moments).timestamp() if moments else float("inf")
    _next_change = (version, until)
    return until


def next_clock_change(now: datetime.datetime) -> float:
    """The moment (a timestamp) some page next changes by the clock alone, for parts kept apart from whole pages
    (`core.fragments`): put it in their key. Computed once per data version per process, as for pages."""
    return _valid_until(current_version(), now)


# --- Hits ---------------------------------------------------------------------------------------------------

#: Per view name, what to do when a visitor is served that view's page from the cache (the view does not run).
_hit_hooks: dict[str, list[Callable[[ResolverMatch], None]]] = {}


def register_hit(view_name: str, hook: Callable[[ResolverMatch], None]) -> None:
    """Upper apps count what the cache serves in their view's stead (e.g. a library item's views)."""
    hooks = _hit_hooks.setdefault(view_name, [])
    if hook not in hooks:
        hooks.append(hook)


# --- The cache ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    valid_until: float
    status: int
    headers: tuple[tuple[str, str], ...]
    content: bytes
    has_csrf_token: bool

    def response(self, request: HttpRequest) -> HttpResponse:
        etag = dict(self.headers).get("ETag")
        if etag and etag in _if_none_match(request):
            not_modified = HttpResponse(status=304)
            not_modified.headers["ETag"] = etag
            not_modified.headers["X-Page-Cache"] = "hit"
            return not_modified
        content = self.content
        if self.has_csrf_token:
            content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
        response = HttpResponse(content, status=self.status)
        for name, value in self.headers:
            response.headers[name] = value
        response.headers["X-Page-Cache"] = "hit"
        return response


def pages_cache() -> Any:
    """The ``pages`` cache, or None where the settings have none (then nothing is cached)."""
    try:
        return caches[CACHE_ALIAS]
    except InvalidCacheBackendError:
        return None


def may_use_cache(request: HttpRequest) -> bool:
    """Whether this request is a signed-out visitor's read with nothing personal waiting."""
    cookies = request.COOKIES
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in cookies
        and "messages" not in cookies
        and "HTTP_AUTHORIZATION" not in request.META
    )


def cache_key(request: HttpRequest, version: int) -> str:
    htmx = "|".join(request.META.get(header, "") for header in _HTMX_HEADERS)
    where = f"{request.scheme}://{request.get_host()}{request.get_full_path()}|{htmx}"
    digest = hashlib.blake2b(where.encode(), digest_size=16).hexdigest()
    return f"page:{release()}:{version}:{get_language()}:{timezone.localdate().isoformat()}:{digest}"


def _storable(
    request: HttpRequest, response: HttpResponse, views: frozenset[str], api_views: frozenset[str]
) -> bool:
    match = getattr(request, "resolver_match", None)
    if match is None or match.view_name not in views | api_views:
        return False
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    content_type = "application/json" if match.view_name in api_views else "text/html"
    if not response.get("Content-Type", "").startswith(content_type):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    cache_control = {
        part.strip().split("=")[0].lower() for part in response.get("Cache-Control", "").split(",")
    }
    if cache_control & {"private", "no-store", "no-cache"}:
        return False
    vary = {
        header.strip().lower() for header in cc_delim_re.split(response.get("Vary", "")) if header.strip()
    }
    return vary <= _KEYED_VARY


def _if_none_match(request: HttpRequest) -> set[str]:
    return {tag.strip() for tag in request.META.get("HTTP_IF_NONE_MATCH", "").split(",") if tag.strip()}


def _entry(request: HttpRequest, response: HttpResponse, valid_until: float, *, etag: bool) -> Entry:
    content = response.content
    if etag and not response.has_header("ETag"):
        response.headers["ETag"] = '"' + hashlib.blake2b(content, digest_size=16).hexdigest() + '"'
    secret = request.META.get("CSRF_COOKIE")
    has_token = False
    if secret:

        def swap(match: re.Match[bytes]) -> bytes:
            nonlocal has_token
            if _unmask_cipher_token(match.group().decode()) == secret:
                has_token = True
                return CSRF_PLACEHOLDER
            return match.group()

        content = _TOKEN.sub(swap, content)
    headers = tuple(
        (name, value) for name, value in response.headers.items() if name.lower() != "x-page-cache"
    )
    return Entry(valid_until, response.status_code, headers, content, has_token)


class PublicPageCacheMiddleware:
    """Serves signed-out visitors' public pages from the ``pages`` cache; raises the data version after writes.

    The last middleware: everything before it (security headers, CSRF cookie, language, htmx) still runs for a
    cached page.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.views = frozenset(getattr(settings, "PAGE_CACHE_VIEWS", ()))
        self.api_views = frozenset(getattr(settings, "PAGE_CACHE_API_VIEWS", ()))

    def _cacheable_view(self, request: HttpRequest) -> ResolverMatch | None:
        try:
            match = resolve(request.path_info, getattr(request, "urlconf", None))
        except Resolver404:
            return None
        return match if match.view_name in self.views or match.view_name in self.api_views else None

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD", "OPTIONS", "TRACE"):
            response = self.get_response(request)
            # The safety net for writes the signals cannot see (bulk updates, raw SQL). A refused request (4xx,
            # 5xx) changed nothing: services write all or nothing.
            if response.status_code < 400:
                data_changed()
            return response
        with one_version_read():
            return self._read(request)

    def _read(self, request: HttpRequest) -> HttpResponse:
        cache = pages_cache()
        if (
            cache is None
            or not (self.views or self.api_views)
            or not may_use_cache(request)
            or changed_in_open_transaction()
        ):
            return self.get_response(request)
        match = self._cacheable_view(request)
        if match is None:
            return self.get_response(request)  # the API, files, health checks: no version read
        version = current_version()
        key = cache_key(request, version)
        now = timezone.now()
        entry = cache.get(key)
        if entry is not None and now.timestamp() < entry.valid_until:
            for hook in _hit_hooks.get(match.view_name, ()):
                hook(match)
            return entry.response(request)
        response = self.get_response(request)
        if _storable(request, response, self.views, self.api_views) and not changed_in_open_transaction():
            is_api = match.view_name in self.api_views
            entry = _entry(request, response, _valid_until(version, now), etag=is_api)
            cache.set(key, entry, timeout=None)
            response.headers["X-Page-Cache"] = "miss"
            if is_api and response["ETag"] in _if_none_match(request):
                return entry.response(request)  # 304
        return response
