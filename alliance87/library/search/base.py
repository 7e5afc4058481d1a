"""What every search backend does, and the fallback that does nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .types import SearchQuery, SearchResults, Suggestion

if TYPE_CHECKING:
    from ..models import Item


class SearchBackend:
    """The interface; `index_items` and `remove_item` are fed by the change log, `rebuild` by the database."""

    def search(self, query: SearchQuery, *, user: Any) -> SearchResults:
        raise NotImplementedError

    def suggest(self, prefix: str, *, user: Any, limit: int = 8) -> list[Suggestion]:
        raise NotImplementedError

    def related_items(self, item: Item, *, user: Any, limit: int = 5) -> list[Item]:
        raise NotImplementedError

    def index_items(self, item_ids: list[int]) -> None:
        raise NotImplementedError

    def remove_item(self, item_id: int) -> None:
        raise NotImplementedError

    def rebuild(self) -> int:
        raise NotImplementedError


class NullBackend(SearchBackend):
    """Finds nothing and indexes nothing (LIBRARY_SEARCH_BACKEND = "none")."""

    def search(self, query: SearchQuery, *, user: Any) -> SearchResults:
        return SearchResults(query=query)

    def suggest(self, prefix: str, *, user: Any, limit: int = 8) -> list[Suggestion]:
        return []

    def related_items(self, item: Item, *, user: Any, limit: int = 5) -> list[Item]:
        return []

    def index_items(self, item_ids: list[int]) -> None:
        return None

    def remove_item(self, item_id: int) -> None:
        return None

    def rebuild(self) -> int:
        return 0
