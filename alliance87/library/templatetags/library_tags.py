"""Small display helpers for library templates."""

from __future__ import annotations

from django import template
from django_countries import countries

from ..identifiers import language_name as name_of_language

register = template.Library()


@register.filter
def language_name(code: str) -> str:
    """The language's name in the reader's language, from its ISO 639-1 code ("fr" → "French", "français")."""
    return name_of_language(code)


@register.filter
def country_name(code: str) -> str:
    """The country's name in the current language, from its ISO 3166 alpha-2 code."""
    return str(countries.name(code) or code)


@register.filter
def author_list(item: object) -> str:
    """Personal authors as "Family, Given; Family, Given" in order (prefetched authors are used as they are)."""
    return "; ".join(str(author) for author in item.authors.all())  # type: ignore[attr-defined]
