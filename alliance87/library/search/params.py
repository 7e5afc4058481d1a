"""Read a search from request parameters (pages and API alike): unknown or malformed values are ignored."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .types import MAX_PAGE_SIZE, SearchQuery, Sort

PARAMETERS = (
    "q",
    "kind",
    "year",
    "year_from",
    "year_to",
    "language",
    "theme",
    "exploitation",
    "country",
    "organisation",
    "sort",
    "page",
    "page_size",
)


#: Numbers outside these bounds are malformed too: no year or stored id lies beyond them.
YEARS = range(1, 10_000)
IDS = range(1, 2**63)


def _int(value: Any, default: int | None = None, *, within: range = IDS) -> int | None:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return default
    return number if number in within else default


def _year(value: Any) -> int | None:
    return _int(value, within=YEARS)


def _list(params: Any, name: str) -> list[str]:
    values = params.getlist(name) if hasattr(params, "getlist") else params.get(name) or []
    if isinstance(values, str):
        values = [values]
    return [str(value).strip()[:80] for value in values if str(value).strip()][:50]


def query_from_params(params: Mapping[str, Any], *, default_page_size: int = 20) -> SearchQuery:
    """A SearchQuery from a QueryDict (several values per name) or a plain dict of lists."""
    first = params.get
    page = _int(first("page"), 1) or 1
    page_size = _int(first("page_size"), default_page_size) or default_page_size
    sort: Sort = "date" if first("sort") == "date" else "relevance"
    return SearchQuery(
        text=str(first("q") or "")[:500],
        kinds=tuple(_list(params, "kind")),
        years=tuple(year for year in (_year(v) for v in _list(params, "year")) if year is not None),
        year_from=_year(first("year_from")),
        year_to=_year(first("year_to")),
        languages=tuple(_list(params, "language")),
        themes=tuple(_list(params, "theme")),
        exploitation=tuple(_list(params, "exploitation")),
        countries=tuple(code.upper() for code in _list(params, "country")),
        organisations=tuple(pk for pk in (_int(v) for v in _list(params, "organisation")) if pk is not None),
        sort=sort,
        page=max(1, min(page, 10_000)),
        page_size=max(1, min(page_size, MAX_PAGE_SIZE)),
    )
