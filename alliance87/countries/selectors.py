"""Reads of Pathfinder Countries."""

from django.db.models import QuerySet

from .models import PathfinderCountry


def pathfinder_countries(status: str = "") -> QuerySet[PathfinderCountry]:
    countries = PathfinderCountry.objects.select_related("focal_institution")
    if status:
        countries = countries.filter(status=status)
    return countries


def pathfinder_by_code(code: str) -> PathfinderCountry:
    return PathfinderCountry.objects.select_related("focal_institution").get(country=code.upper())
