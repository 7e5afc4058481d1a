"""The search page and as-you-type suggestions."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from .models import Item
from .search import search, suggest
from .search.params import query_from_params

FACET_TITLES = {
    "kind": _("Kind"),
    "year": _("Year"),
    "language": _("Language"),
    "theme": _("Theme"),
    "exploitation": _("Form of exploitation"),
    "country": _("Country"),
    "organisation": _("Organisation"),
}


@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    query = query_from_params(request.GET)
    results = search(query, user=request.user)
    items = Item.objects.in_bulk([hit.item_id for hit in results.hits])
    rows = [(hit, items[hit.item_id]) for hit in results.hits if hit.item_id in items]
    facets = [(name, FACET_TITLES[name], values) for name, values in results.facets.items() if values]
    base = request.GET.copy()
    base.pop("page", None)
    corrected = base.copy()
    corrected["q"] = results.did_you_mean
    return render(
        request,
        "library/search/search.html",
        {
            "query": query,
            "results": results,
            "rows": rows,
            "facets": facets,
            "page_query": base.urlencode(),
            "did_you_mean_query": corrected.urlencode(),
            "previous_page": query.page - 1 if query.page > 1 else None,
            "next_page": query.page + 1 if query.page < results.page_count else None,
        },
    )


@require_GET
def suggest_view(request: HttpRequest) -> HttpResponse:
    suggestions = suggest(request.GET.get("q", "")[:200], user=request.user)
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse(
            {"suggestions": [{"text": s.text, "kind": s.kind, "url": s.url} for s in suggestions]}
        )
    return render(request, "library/search/suggestions.html", {"suggestions": suggestions})


urlpatterns: list[URLPattern] = [
    path("search/", search_page, name="search"),
    path("search/suggest", suggest_view, name="search_suggest"),
]
