"""Tags for the templates home puts into other apps' slots."""

from __future__ import annotations

from django import template

from alliance87.data import selectors as data_selectors
from alliance87.data.models import Area

register = template.Library()


@register.simple_tag
def country_profile_index() -> list[tuple[Area | None, list[Area]]]:
    """Every country or area by SDG region, for the index of country profiles."""
    return data_selectors.countries_by_region()
