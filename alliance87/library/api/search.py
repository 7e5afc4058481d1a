"""Library search in the API: the same search as the page (alliance87.library.search), as JSON."""

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from alliance87.accounts.api_auth import OPTIONAL_CREDENTIALS, READER, viewer
from alliance87.core.api.errors import READER_ERRORS
from alliance87.core.api.fields import RecordId, Year
from alliance87.library.identifiers import language_name
from alliance87.library.models import Item
from alliance87.library.search import search, suggest
from alliance87.library.search.params import query_from_params

router = Router()


class SearchParams(Schema):
    q: str = Field("", description='Words, "phrases", prefixes (traffick*), -exclusions and OR.')
    kind: list[str] = Field([], description="Kinds of item (any of).")
    year: list[Year] = Field([], description="Years (any of).")
    year_from: Year | None = None
    year_to: Year | None = None
    language: list[str] = Field([], description="ISO 639-1 codes (any of).")
    theme: list[str] = Field([], description="Theme codes (any of).")
    exploitation: list[str] = Field([], description="Form-of-exploitation codes (any of).")
    country: list[str] = Field([], description="ISO 3166 alpha-2 codes (any of).")
    organisation: list[RecordId] = Field(
        [], description="Organisation ids: corporate author or publisher (any of)."
    )
    sort: str = Field("relevance", description="relevance or date.")
    page: int = Field(1, ge=1, le=10_000)
    page_size: int = Field(20, ge=1, le=100)


class HitOut(Schema):
    id: int
    slug: str
    title: str
    kind: str
    kind_label: str = Field(description="The kind's name in the caller's language.")
    year: int | None
    language: str
    language_name: str = Field(description="The item's language named in the caller's language.")
    url: str
    score: float
    title_html: str = Field(description="The title, HTML-escaped, with <mark> around matches.")
    snippet_html: str = Field(
        description="A passage of the full text, HTML-escaped, with <mark> around matches."
    )
    abstract_html: str = Field(description="The abstract (or a passage of it), likewise marked.")


class FacetValueOut(Schema):
    value: str = Field(description="What a filter sends (a code or id), the same in every language.")
    label: str = Field(
        description="The value's name in the caller's language (Accept-Language or /fr/, /es/)."
    )
    label_language: str = Field(
        "",
        description="The language the label is given in when it has no translation in the caller's language "
        "(the original, 'en'); empty when it is in the caller's language.",
    )
    count: int
    selected: bool


class SearchOut(Schema):
    total: int = Field(description="How many items match; an estimate when total_is_estimate is true.")
    total_is_estimate: bool = Field(
        False,
        description="True when the query matches too many items to count each one: total is then estimated from "
        "samples of the older matches and rounded to two significant figures.",
    )
    counted_among: int | None = Field(
        None,
        description="When the query matches too many items to rank each one: how many matches (the most recently "
        "added) were ranked and counted in the facets, the hits and facets coming from these; null when every "
        "match was.",
    )
    facets_counted_among: int | None = Field(
        None,
        description="When the facet counts were not made over every match: how many matches they were counted "
        "among. With total exact, the facets without a ticked value were counted among this many most recently "
        "published matches (a ticked facet's own counts cover every match); when counted_among is set, every facet "
        "was counted among the counted_among most recently added. Null when every facet counted every match.",
    )
    page: int
    page_size: int
    hits: list[HitOut]
    facets: dict[str, list[FacetValueOut]] = Field(
        description="Counts per value among the matches (among at most facets_counted_among of them when it is "
        "set); a facet's own ticked values do not narrow its counts."
    )
    did_you_mean: str = Field(
        "",
        description="A corrected query that finds more items, when a word of q looks misspelled; or empty.",
    )


class SuggestionOut(Schema):
    text: str
    kind: str
    url: str


@router.get(
    "",
    response={200: SearchOut, **READER_ERRORS},
    auth=READER,
    openapi_extra=OPTIONAL_CREDENTIALS,
    operation_id="alliance87_api_library_search_library_search",
)
def library_search(request: HttpRequest, params: Query[SearchParams]) -> dict[str, Any]:
    """Search the library: ranked hits with snippets, the total and facet counts, among what you may see.

    The same words find the same items whatever the caller's language (the index holds the vocabularies' and
    organisations' French and Spanish names, and the synonym list those of the partnership's terms); labels of
    facets and hits are in the caller's language (Accept-Language, or /fr/ and /es/ on pages)."""
    query = query_from_params(params.model_dump())
    results = search(query, user=viewer(request))
    items = Item.objects.in_bulk([hit.item_id for hit in results.hits])
    hits = []
    for hit in results.hits:
        item = items.get(hit.item_id)
        if item is None:
            continue
        hits.append(
            {
                "id": item.pk,
                "slug": item.slug,
                "title": item.title,
                "kind": item.kind,
                "kind_label": str(item.get_kind_display()),
                "year": item.year,
                "language": item.language,
                "language_name": language_name(item.language),
                "url": request.build_absolute_uri(item.get_absolute_url()),
                "score": hit.score,
                "title_html": hit.title_html,
                "snippet_html": hit.snippet_html,
                "abstract_html": hit.abstract_html,
            }
        )
    return {
        "total": results.total,
        "total_is_estimate": results.total_is_estimate,
        "counted_among": results.counted_among or None,
        "facets_counted_among": results.facets_among or None,
        "page": query.page,
        "page_size": query.limit,
        "hits": hits,
        "facets": {name: [vars(value) for value in values] for name, values in results.facets.items()},
        "did_you_mean": results.did_you_mean,
    }


@router.get(
    "/suggest",
    response={200: list[SuggestionOut], **READER_ERRORS},
    auth=READER,
    openapi_extra=OPTIONAL_CREDENTIALS,
    operation_id="alliance87_api_library_search_library_suggest",
)
def library_suggest(request: HttpRequest, q: str = "") -> list[Any]:
    """As-you-type suggestions: titles and vocabulary terms."""
    return [vars(suggestion) for suggestion in suggest(q[:200], user=viewer(request))]
