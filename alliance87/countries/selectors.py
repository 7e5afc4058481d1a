"""Reads of Pathfinder Countries."""

import json
from functools import cache
from pathlib import Path

from django.db.models import QuerySet

from .models import PathfinderCountry, PathfinderStatus


def pathfinder_countries(status: str = "") -> QuerySet[PathfinderCountry]:
    countries = PathfinderCountry.objects.select_related("focal_institution")
    if status:
        countries = countries.filter(status=status)
    return countries


def sourced_pathfinders() -> QuerySet[PathfinderCountry]:
    """Countries with Pathfinder status that cite a published source for it: what a count of Pathfinder
    Countries may count (not the ones preparing or interested, nor illustrative records)."""
    return PathfinderCountry.objects.filter(
        status=PathfinderStatus.PATHFINDER, is_illustrative=False
    ).exclude(source="")


def pathfinder_by_code(code: str) -> PathfinderCountry:
    """A Pathfinder Country by its ISO 3166 alpha-2 code in any case; `DoesNotExist` for anything else."""
    if len(code) != 2 or not code.isalpha():
        raise PathfinderCountry.DoesNotExist
    return PathfinderCountry.objects.select_related("focal_institution").get(country=code.upper())


@cache
def _world_paths() -> dict[str, str]:
    """Country outlines by ISO numeric code (built by scripts/build_world_map.py from Natural Earth)."""
    return json.loads((Path(__file__).parent / "data" / "world-110m-paths.json").read_text())


def country_outline(numeric_code: int | None) -> str:
    """The SVG path of a country on the 360×180 equirectangular map, or "" if the map has none (small states)."""
    if numeric_code is None:
        return ""
    return _world_paths().get(f"{numeric_code:03d}", "")
