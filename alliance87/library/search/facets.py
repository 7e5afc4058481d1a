"""Facet counts made readable: labels, order, and the ticked values kept even when nothing matches them.

Labels are in the reader's language: vocabulary terms and organisations through their translations (the original,
marked with its language, when none was given: `FacetValue.label_language`), kinds through gettext, languages and
countries from CLDR / django-countries. A facet's value stays its code or id, so links and filters never depend on
the language of the page.
"""

from __future__ import annotations

import heapq
from functools import cache
from typing import Any

from django_countries import countries
from modeltranslation.utils import build_localized_fieldname

from alliance87.core.content_translation import ORIGINAL_LANGUAGE, TRANSLATION_LANGUAGES, fallback_language

from ..identifiers import language_name
from ..models import Concept, ItemKind
from .types import FACET_LIMITS, FACET_NAMES, TIES, FacetValue, SearchQuery


def _columns(field: str) -> list[str]:
    """A translated field's columns in every language (what reading it in the reader's language needs)."""
    return [
        build_localized_fieldname(field, language) for language in (ORIGINAL_LANGUAGE, *TRANSLATION_LANGUAGES)
    ]


def readable(obj: Any, field: str) -> tuple[str, str]:
    """A record's translated field for the reader, and the language it is shown in when that is the original
    because no translation was given ("" when it is the reader's)."""
    return str(getattr(obj, field) or ""), fallback_language(obj, field)


def shown(counts: dict[str, dict[str, int]], query: SearchQuery) -> dict[str, dict[str, int]]:
    """The values a page shows of each facet: the most frequent of those with many values (the latest years) and
    the ticked ones, so that labels are read for these only (a common word at 200,000 items counts 10,000
    organisations, whose names took 0.3 s to read and sort)."""
    kept: dict[str, dict[str, int]] = {}
    for facet, values in counts.items():
        limit = FACET_LIMITS.get(facet)
        if not limit or len(values) <= limit:
            kept[facet] = values
            continue
        selected = set(query.filter_values(facet)) if facet in FACET_NAMES else set()
        # A few more than shown, so that ties at the limit are still broken by label below.
        if facet == "year":  # the latest years, as the page orders them
            frequent = heapq.nlargest(limit, values.items(), key=lambda pair: pair[0])
        else:
            frequent = heapq.nsmallest(limit + TIES, values.items(), key=lambda pair: (-pair[1], pair[0]))
        kept[facet] = dict(frequent) | {value: n for value, n in values.items() if value in selected}
    return kept


def facet_values(counts: dict[str, dict[str, int]], query: SearchQuery) -> dict[str, list[FacetValue]]:
    from alliance87.partners.models import Organisation

    counts = shown(counts, query)
    concept_codes = set(counts.get("theme", {})) | set(counts.get("exploitation", {}))
    concept_labels = {
        (concept.scheme, concept.code): readable(concept, "label")
        for concept in Concept.objects.filter(code__in=concept_codes).only(
            "scheme", "code", *_columns("label")
        )
    }
    organisation_ids = [int(value) for value in counts.get("organisation", {}) if value.isdigit()]
    organisation_names = (
        {
            str(organisation.pk): readable(organisation, "name")
            for organisation in Organisation.objects.filter(pk__in=organisation_ids).only(
                "pk", *_columns("name")
            )
        }
        if organisation_ids
        else {}
    )
    kinds = dict(ItemKind.choices)

    @cache
    def labelled(facet: str, value: str) -> tuple[str, str]:
        """The value's label for the reader, and the language it is in when left in the original (worked out
        once a value: sorting and listing both ask, and a country's or language's name costs a lookup in the
        reader's language)."""
        if facet in ("theme", "exploitation"):
            return concept_labels.get((facet, value), (value, ""))
        if facet == "organisation":
            return organisation_names.get(value, (value, ""))
        if facet == "kind":
            return str(kinds.get(value, value)), ""
        if facet == "language":
            return language_name(value), ""
        if facet == "country":
            return str(countries.name(value)) or value, ""
        return value, ""

    facets: dict[str, list[FacetValue]] = {}
    for facet in FACET_NAMES:
        selected = set(query.filter_values(facet))
        values = dict(counts.get(facet, {}))
        for value in selected:
            values.setdefault(value, 0)
        if facet == "year":
            ordered = sorted(values.items(), key=lambda pair: pair[0], reverse=True)
        else:
            ordered = sorted(values.items(), key=lambda pair: (-pair[1], labelled(facet, pair[0])[0]))
        limit = FACET_LIMITS.get(facet)
        if limit:
            ordered = [pair for pair in ordered[:limit]] + [
                pair for pair in ordered[limit:] if pair[0] in selected
            ]
        facets[facet] = [
            FacetValue(
                value=value,
                count=n,
                label=text,
                selected=value in selected,
                label_language=language,
            )
            for value, n in ordered
            for text, language in [labelled(facet, value)]
        ]
    return facets
