"""What a search asks and what it answers: plain data shared by every backend, the pages and the API."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Sort = Literal["relevance", "date"]
FACET_NAMES = ("kind", "year", "language", "theme", "exploitation", "country", "organisation")
MAX_PAGE_SIZE = 100
# Facets with many possible values show the most frequent ones only (the latest years); a few more are counted
# (TIES) so that ties at the limit are broken by label.
FACET_LIMITS = {"country": 30, "organisation": 30, "year": 40}
TIES = 20


@dataclass(frozen=True)
class SearchQuery:
    """A search: the words typed, the filters ticked, the order and the page.

    Values within one filter are alternatives (OR); different filters all apply (AND).
    """

    text: str = ""
    kinds: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    languages: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    exploitation: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    organisations: tuple[int, ...] = ()
    sort: Sort = "relevance"
    page: int = 1
    page_size: int = 20

    @property
    def offset(self) -> int:
        return (max(self.page, 1) - 1) * self.limit

    @property
    def limit(self) -> int:
        return min(max(self.page_size, 1), MAX_PAGE_SIZE)

    def filter_values(self, facet: str) -> tuple[str, ...]:
        """The ticked values of one facet, as strings (the form facet counts use)."""
        values = {
            "kind": self.kinds,
            "year": self.years,
            "language": self.languages,
            "theme": self.themes,
            "exploitation": self.exploitation,
            "country": self.countries,
            "organisation": self.organisations,
        }[facet]
        return tuple(str(value) for value in values)


@dataclass
class Hit:
    """One result: the item's id, its score and highlighted title, full-text and abstract snippets (safe HTML)."""

    item_id: int
    score: float = 0.0
    title_html: str = ""
    snippet_html: str = ""
    abstract_html: str = ""


@dataclass
class FacetValue:
    """One value of a facet: its code (what a filter sends), count, and label in the reader's language;
    `label_language` is the original's language when the label could not be translated ("" otherwise)."""

    value: str
    count: int
    label: str = ""
    selected: bool = False
    label_language: str = ""


@dataclass
class SearchResults:
    query: SearchQuery
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    # A corrected query text that finds more ("did you mean …"), or "".
    did_you_mean: str = ""
    # The engine could not be asked (a search service that is down).
    unavailable: bool = False
    # When a query matches too many items to rank and count each one (SQLite FTS5 beyond a bound): the number of
    # most recently added matches ranked and counted in the facets (0: every one); the total then counts or, when
    # there are too many to count, estimates the older matches (`total_is_estimate`).
    counted_among: int = 0
    total_is_estimate: bool = False
    # When only the facet counts are bounded (tantivy: every match is ranked and the total is exact): the facets
    # without a ticked value were counted among this many matches, the most recently published (a ticked facet's
    # own counts cover every match). 0: every facet counted every match (or, when only some matches were ranked, see
    # counted_among).
    facets_counted_among: int = 0

    @property
    def facets_among(self) -> int:
        """How many matches, at most, the facet counts were made among (0: every match), whichever backend."""
        return self.facets_counted_among or self.counted_among

    @property
    def page_count(self) -> int:
        ranked = min(self.total, self.counted_among) if self.counted_among else self.total
        return max(1, -(-ranked // self.query.limit))


@dataclass
class Suggestion:
    text: str
    kind: Literal["title", "term"]
    url: str = ""
