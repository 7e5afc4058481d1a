"""tantivy behind the search interface: the engine (tantivy_engine.py) plus what needs the database.

Same interface and same answers as the in-database backends, but BM25 ranking, the access rule, the filters, the
total and the facet counts are all computed inside the engine, so a results page stays fast when a common term
matches most of a large library. The index is fed by the `IndexChange` log (the `apply_index_changes` task) and
rebuilt from the database by `rebuild_search_index`; it never holds anything the database does not.

The engine is either in this process, with its index in LIBRARY_SEARCH_INDEX_DIR (backend "tantivy"), or the
search service that several web servers share, at LIBRARY_SEARCH_SERVICE_URL (backend "tantivy_service", see
service.py). Either way this module builds the documents from the database, labels the facets, and checks the
items shown against the access rule in the database: the index is updated by a task, so an item deleted or
restricted meanwhile is never shown.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from ..models import IndexChange, Item
from ..permissions import LibraryAccess
from . import related
from .base import SearchBackend
from .documents import ItemDocument, build_documents, facet_fields, iter_all_documents
from .facets import facet_values
from .sqlbase import suggestion_words, term_suggestions, title_suggestions
from .tantivy_engine import BATCH, EngineAnswer, TantivyEngine
from .types import SearchQuery, SearchResults, Suggestion

ENGINE_FIELDS = (
    "kind",
    "language",
    "theme",
    "exploitation",
    "country",
    "access",
    "year",
    "organisation",
    "access_body_id",
    "sort_key",
)


class Engine(Protocol):
    """What the backend asks of an engine, in plain data (so it can be asked over HTTP too)."""

    def search(self, query: SearchQuery, *, access: LibraryAccess) -> EngineAnswer: ...
    def count(self, query: SearchQuery, *, access: LibraryAccess) -> int: ...
    def ranked(
        self, *, words: list[str], title_prefix: bool, access: LibraryAccess, limit: int
    ) -> list[int]: ...
    def title_words(self, *, words: list[str], access: LibraryAccess, limit: int) -> dict[str, list[int]]: ...
    def vocabulary(self) -> dict[str, int]: ...
    def version(self) -> str: ...
    def replace(self, item_ids: list[int], documents: list[dict[str, Any]]) -> None: ...
    def rebuild(self, batches: Any) -> int: ...
    def clear(self) -> None: ...


def index_dir() -> Path:
    configured = getattr(settings, "LIBRARY_SEARCH_INDEX_DIR", None)
    return Path(configured) if configured else Path(settings.VAR_DIR) / "search" / "tantivy"


def engine_documents(documents: list[ItemDocument]) -> list[dict[str, Any]]:
    """The documents as the engine keeps them: text fields, the spelling words, facet and access values."""
    fields = facet_fields([document.item_id for document in documents])
    plain = []
    for document in documents:
        if document.item_id not in fields:
            continue
        values = fields[document.item_id]
        plain.append(
            {
                "id": document.item_id,
                "title": document.title,
                "people": document.people,
                "abstract": document.abstract,
                "subjects": document.subjects,
                "body": document.body,
                "extra": document.extra,
                "spelling": document.spelling_text,
                **{name: list(values[name]) for name in ENGINE_FIELDS},
            }
        )
    return plain


_engines: dict[Path, TantivyEngine] = {}
_engines_lock = threading.Lock()


def local_engine() -> TantivyEngine:
    """The engine of LIBRARY_SEARCH_INDEX_DIR in this process (one per directory)."""
    path = index_dir()
    with _engines_lock:
        if path not in _engines:
            _engines[path] = TantivyEngine(path)
        return _engines[path]


class TantivyBackend(SearchBackend):
    def engine(self) -> Engine:
        return local_engine()

    def search(self, query: SearchQuery, *, access: LibraryAccess) -> SearchResults:
        answer = self.engine().search(query, access=access)
        ids = [hit.item_id for hit in answer.hits]
        allowed = set(Item.objects.filter(access.as_q(), pk__in=ids).values_list("pk", flat=True))
        hits = [hit for hit in answer.hits if hit.item_id in allowed]
        return SearchResults(
            query=query,
            hits=hits,
            total=answer.total,
            facets=facet_values(answer.counts, query),
            facets_counted_among=answer.facets_counted_among,
        )

    def count(self, query: SearchQuery, *, access: LibraryAccess) -> int:
        return self.engine().count(query, access=access)

    def spelling_vocabulary(self) -> dict[str, int]:
        return self.engine().vocabulary()

    def vocabulary_version(self) -> str:
        return self.engine().version()

    def suggest(self, prefix: str, *, access: LibraryAccess, limit: int = 8) -> list[Suggestion]:
        words = suggestion_words(prefix)
        if not words:
            return []
        suggestions = term_suggestions(words, limit)
        ranked = self.engine().ranked(
            words=words, title_prefix=True, access=access, limit=limit - len(suggestions)
        )
        allowed = set(Item.objects.filter(access.as_q(), pk__in=ranked).values_list("pk", flat=True))
        return (suggestions + title_suggestions([pk for pk in ranked if pk in allowed]))[:limit]

    def related_items(self, item: Item, *, access: LibraryAccess, limit: int = 5) -> list[Item]:
        def by_words(words: list[str], limit_each: int) -> dict[str, list[int]]:
            return self.engine().title_words(words=words, access=access, limit=limit_each)

        return related.related_items(item, access=access, limit=limit, title_words=by_words)

    def index_items(self, item_ids: list[int]) -> None:
        for start in range(0, len(item_ids), BATCH):
            batch = item_ids[start : start + BATCH]
            self.engine().replace(batch, engine_documents(build_documents(batch)))

    def remove_item(self, item_id: int) -> None:
        self.engine().replace([item_id], [])

    def rebuild(self) -> int:
        """Index every item again; searches see the old index until the engine's one commit at the end."""
        last_change = IndexChange.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        count = self.engine().rebuild(
            engine_documents(documents) for documents in iter_all_documents(batch_size=BATCH)
        )
        IndexChange.objects.filter(processed_at__isnull=True, pk__lte=last_change).update(
            processed_at=timezone.now()
        )
        return count

    def clear(self) -> None:
        self.engine().clear()


class TantivyServiceBackend(TantivyBackend):
    """The engine of the search service at LIBRARY_SEARCH_SERVICE_URL, shared by several web servers."""

    def engine(self) -> Engine:
        from .service import ServiceEngine

        url = getattr(settings, "LIBRARY_SEARCH_SERVICE_URL", "")
        if not url:
            raise ImproperlyConfigured("LIBRARY_SEARCH_SERVICE_URL: the search service's address is not set.")
        return ServiceEngine(url, token=getattr(settings, "LIBRARY_SEARCH_SERVICE_TOKEN", ""))
