"""What every search backend does, and the fallback that does nothing.

Backends never see a person: they receive what the library's access rule grants (`permissions.LibraryAccess`,
computed once per search) and translate it into their own terms.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .types import SearchQuery, SearchResults, Suggestion

if TYPE_CHECKING:
    from ..models import Item
    from ..permissions import LibraryAccess


class SearchUnavailable(RuntimeError):
    """The search engine cannot answer now (a search service that is down): pages say so instead of failing."""


class SearchBackend:
    """The interface; `index_items` and `remove_item` are fed by the change log, `rebuild` by the database."""

    def search(self, query: SearchQuery, *, access: LibraryAccess) -> SearchResults:
        raise NotImplementedError

    def count(self, query: SearchQuery, *, access: LibraryAccess) -> int:
        """How many items match (no ranking, snippets or facets): for checking a spelling suggestion."""
        raise NotImplementedError

    def spelling_vocabulary(self) -> dict[str, int]:
        """The words of the indexed catalogue records (lower case, accents kept) and how many items have each."""
        raise NotImplementedError

    def vocabulary_version(self) -> str:
        """A value that changes whenever the index changes (so a vocabulary read from it is read again)."""
        raise NotImplementedError

    def suggest(self, prefix: str, *, access: LibraryAccess, limit: int = 8) -> list[Suggestion]:
        raise NotImplementedError

    def related_items(self, item: Item, *, access: LibraryAccess, limit: int = 5) -> list[Item]:
        raise NotImplementedError

    def index_items(self, item_ids: list[int]) -> None:
        raise NotImplementedError

    def remove_item(self, item_id: int) -> None:
        raise NotImplementedError

    def rebuild(self) -> int:
        raise NotImplementedError


class NullBackend(SearchBackend):
    """Finds nothing and indexes nothing (LIBRARY_SEARCH_BACKEND = "none")."""

    def search(self, query: SearchQuery, *, access: LibraryAccess) -> SearchResults:
        return SearchResults(query=query)

    def count(self, query: SearchQuery, *, access: LibraryAccess) -> int:
        return 0

    def spelling_vocabulary(self) -> dict[str, int]:
        return {}

    def vocabulary_version(self) -> str:
        return ""

    def suggest(self, prefix: str, *, access: LibraryAccess, limit: int = 8) -> list[Suggestion]:
        return []

    def related_items(self, item: Item, *, access: LibraryAccess, limit: int = 5) -> list[Item]:
        return []

    def index_items(self, item_ids: list[int]) -> None:
        return None

    def remove_item(self, item_id: int) -> None:
        return None

    def rebuild(self) -> int:
        return 0
