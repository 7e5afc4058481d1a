"""Facet counts made readable: labels, order, and the ticked values kept even when nothing matches them."""

from __future__ import annotations

from django_countries import countries

from ..identifiers import language_name
from ..models import Concept, ItemKind
from .types import FACET_NAMES, FacetValue, SearchQuery

# Facets with many possible values show the most frequent ones only.
FACET_LIMITS = {"country": 30, "organisation": 30, "year": 40}


def facet_values(counts: dict[str, dict[str, int]], query: SearchQuery) -> dict[str, list[FacetValue]]:
    from alliance87.partners.models import Organisation

    concept_codes = set(counts.get("theme", {})) | set(counts.get("exploitation", {}))
    concept_labels = {
        (scheme, code): label
        for scheme, code, label in Concept.objects.filter(code__in=concept_codes).values_list(
            "scheme", "code", "label"
        )
    }
    organisation_ids = [int(value) for value in counts.get("organisation", {}) if value.isdigit()]
    organisation_names = {
        str(pk): name
        for pk, name in Organisation.objects.filter(pk__in=organisation_ids).values_list("pk", "name")
    }
    kinds = dict(ItemKind.choices)

    def label(facet: str, value: str) -> str:
        if facet == "kind":
            return str(kinds.get(value, value))
        if facet == "language":
            return language_name(value)
        if facet in ("theme", "exploitation"):
            return concept_labels.get((facet, value), value)
        if facet == "country":
            return str(countries.name(value)) or value
        if facet == "organisation":
            return organisation_names.get(value, value)
        return value

    facets: dict[str, list[FacetValue]] = {}
    for facet in FACET_NAMES:
        selected = set(query.filter_values(facet))
        values = dict(counts.get(facet, {}))
        for value in selected:
            values.setdefault(value, 0)
        if facet == "year":
            ordered = sorted(values.items(), key=lambda pair: pair[0], reverse=True)
        else:
            ordered = sorted(values.items(), key=lambda pair: (-pair[1], label(facet, pair[0])))
        limit = FACET_LIMITS.get(facet)
        if limit:
            ordered = [pair for pair in ordered[:limit]] + [
                pair for pair in ordered[limit:] if pair[0] in selected
            ]
        facets[facet] = [
            FacetValue(value=value, count=n, label=label(facet, value), selected=value in selected)
            for value, n in ordered
        ]
    return facets
