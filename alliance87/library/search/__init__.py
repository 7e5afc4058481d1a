"""Search over the library: one interface, three backends (SQLite FTS5, PostgreSQL full-text search, tantivy).

The backend is chosen by the setting LIBRARY_SEARCH_BACKEND ("sqlite_fts5", "postgres", "tantivy",
"tantivy_service", "none"); without it, by the database vendor. tantivy keeps its index in LIBRARY_SEARCH_INDEX_DIR
(default VAR_DIR / "search" / "tantivy"); "tantivy_service" asks the search service that several web servers
share (service.py) at LIBRARY_SEARCH_SERVICE_URL. Every backend is fed by the change log (`record_change` → task → `index_items`) and can
be rebuilt from the database at any time (`alliance87 rebuild_search_index`).
"""

from __future__ import annotations

import hashlib
import logging
from functools import cache
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from alliance87.core.fragments import fragment
from alliance87.core.pagecache import data_changed

from ..permissions import LibraryAccess, library_access
from .base import SearchUnavailable
from .changes import apply_pending_changes, record_change
from .snippets import without_repeats
from .spelling import did_you_mean
from .types import FacetValue, Hit, SearchQuery, SearchResults, Suggestion

if TYPE_CHECKING:
    from ..models import Item
    from ..permissions import Person
    from .base import SearchBackend

logger = logging.getLogger(__name__)

__all__ = [
    "FacetValue",
    "Hit",
    "SearchQuery",
    "SearchResults",
    "Suggestion",
    "apply_pending_changes",
    "get_backend",
    "index_item",
    "rebuild",
    "record_change",
    "related_items",
    "remove_item",
    "search",
    "suggest",
]


def backend_name() -> str:
    configured = getattr(settings, "LIBRARY_SEARCH_BACKEND", "")
    if configured:
        return str(configured)
    return "postgres" if connection.vendor == "postgresql" else "sqlite_fts5"


@cache
def _backend(name: str) -> SearchBackend:
    from .base import NullBackend

    if name == "sqlite_fts5":
        from .sqlite_fts5 import SqliteFts5Backend

        return SqliteFts5Backend()
    if name == "postgres":
        from .postgres import PostgresBackend

        return PostgresBackend()
    if name == "tantivy":
        from .tantivy_backend import TantivyBackend

        return TantivyBackend()
    if name == "tantivy_service":
        from .tantivy_backend import TantivyServiceBackend

        return TantivyServiceBackend()
    if name == "none":
        return NullBackend()
    raise ImproperlyConfigured(f"LIBRARY_SEARCH_BACKEND: unknown search backend {name!r}.")


def get_backend() -> SearchBackend:
    return _backend(backend_name())


def _access_key(access: LibraryAccess) -> str:
    """The access rule as a stable key: who may see the same items gets the same answers."""
    if access.everything:
        return "everything"
    return ";".join(
        f"{grant.access}:{'' if grant.body_ids is None else ','.join(map(str, sorted(grant.body_ids)))}"
        for grant in access.grants
    )


def _digest(*parts: object) -> str:
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def search(query: SearchQuery, *, user: Person) -> SearchResults:
    """Ranked hits with snippets, the total, facet counts and maybe a spelling correction, among the items this
    person may see (the access rule is worked out once, here).

    Kept per query, access rule and data version (`core.fragments`): ranking and counting nearly every item for
    a common word is the dearest work of the library; every change to the items or the index (a task) raises the
    version, so the next search sees it.
    """
    access = library_access(user)
    return fragment(
        f"library.search:{backend_name()}:{_digest(query)}",
        audience=_access_key(access),
        compute=lambda: _search(query, access),
        keep=lambda results: not results.unavailable,
    )


def _search(query: SearchQuery, access: LibraryAccess) -> SearchResults:
    backend = get_backend()
    try:
        results = backend.search(query, access=access)
        results.did_you_mean = did_you_mean(query, total=results.total, backend=backend, access=access)
    except SearchUnavailable:
        logger.exception("The library search engine cannot be asked.")
        return SearchResults(query=query, unavailable=True)
    results.hits = [without_repeats(hit) for hit in results.hits]
    return results


def suggest(prefix: str, *, user: Person, limit: int = 8) -> list[Suggestion]:
    """As-you-type suggestions: titles of visible items and vocabulary terms starting with the words typed."""
    try:
        return get_backend().suggest(prefix, access=library_access(user), limit=limit)
    except SearchUnavailable:
        logger.exception("The library search engine cannot be asked.")
        return []


def related_items(item: Item, *, user: Person, limit: int = 5) -> list[Item]:
    """Items sharing subjects and words with this one, most related first, among those this person may see.

    Kept per item, access rule and data version, as searches are (`search`).
    """
    access = library_access(user)
    unavailable: list[bool] = []

    def compute() -> list[Item]:
        try:
            return list(get_backend().related_items(item, access=access, limit=limit))
        except SearchUnavailable:
            logger.exception("The library search engine cannot be asked.")
            unavailable.append(True)
            return []

    return fragment(
        f"library.related:{backend_name()}:{item.pk}:{limit}",
        audience=_access_key(access),
        compute=compute,
        keep=lambda _items: not unavailable,
    )


def index_item(item_id: int) -> None:
    get_backend().index_items([item_id])


def remove_item(item_id: int) -> None:
    get_backend().remove_item(item_id)


def rebuild() -> int:
    """Rebuild the index from the database; returns the number of items indexed."""
    count = get_backend().rebuild()
    data_changed()  # searches kept for the old index are dropped (a command is no request nor task)
    return count
