"""Small display helpers for library templates."""

from __future__ import annotations

from django import template
from django_countries import countries

register = template.Library()


@register.filter
def country_name(code: str) -> str:
    """The country's name in the current language, from its ISO 3166 alpha-2 code."""
    return str(countries.name(code) or code)


@register.filter
def author_list(item: object) -> str:
    """Personal authors as "Family, Given; Family, Given" in order (prefetched authors are used as they are)."""
    return "; ".join(str(author) for author in item.authors.all())  # type: ignore[attr-defined]
