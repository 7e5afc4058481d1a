"""The home page counts sourced Pathfinder Countries from the map's list; it must agree with the query."""

import pytest

from alliance87.countries.models import PathfinderCountry, PathfinderStatus
from alliance87.countries.selectors import countries_on_map, is_sourced_pathfinder, sourced_pathfinders


@pytest.mark.django_db
def test_counting_the_maps_list_gives_the_same_sourced_pathfinders_as_the_query():
    PathfinderCountry.objects.create(country="FJ", status=PathfinderStatus.PATHFINDER, source="A page")
    PathfinderCountry.objects.create(country="MG", status=PathfinderStatus.PATHFINDER)
    PathfinderCountry.objects.create(
        country="CI", status=PathfinderStatus.PATHFINDER, source="A page", is_illustrative=True
    )
    PathfinderCountry.objects.create(country="NP", status=PathfinderStatus.PREPARING, source="A page")
    on_map = countries_on_map()
    assert [c.code for c in on_map if is_sourced_pathfinder(c)] == ["FJ"]
    assert list(sourced_pathfinders().values_list("country", flat=True)) == ["FJ"]
    assert all(c.step_label == "" for c in on_map)
