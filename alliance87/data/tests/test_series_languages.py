"""Series names and definitions in the reader's language: the catalogue form, the home page's headline figures,
the dashboard, the series page and a country's profile; the original marked where no translation was given."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from alliance87.data.models import Series
from conftest import World

pytestmark = pytest.mark.django_db

FRENCH = "Enfants astreints au travail des enfants (5 à 17 ans)"


@pytest.fixture
def translated(world_series: dict[str, Series]) -> dict[str, Series]:
    Series.objects.filter(pk=world_series["child"].pk).update(
        name_fr=FRENCH, definition_fr="Enfants de 5 à 17 ans astreints au travail."
    )
    return world_series


def test_headline_figures_and_the_dashboard_name_series_in_the_readers_language(
    client: Client, translated: dict[str, Series]
) -> None:
    home = client.get("/fr/").content.decode()
    assert FRENCH in home
    dashboard = client.get("/fr/data/").content.decode()
    assert FRENCH in dashboard
    # The forced-labour series has no French name: the original, marked.
    assert '<span lang="en">Series FL_NUMBER</span>' in dashboard and "en anglais" in dashboard
    assert "Series CL_NUMBER" in client.get("/data/").content.decode()


def test_the_series_page_gives_the_translated_definition(
    client: Client, translated: dict[str, Series]
) -> None:
    page = client.get("/fr/data/series/CL_NUMBER/").content.decode()
    assert f"<h1>{FRENCH}</h1>" in page and "Enfants de 5 à 17 ans astreints au travail." in page
    spanish = client.get("/es/data/series/CL_NUMBER/").content.decode()
    assert '<h1><span lang="en">Series CL_NUMBER</span>' in spanish


def test_a_countrys_profile_names_its_series_in_french(
    client: Client, make_series: Callable[..., Series], observe: Callable[..., Any]
) -> None:
    series = make_series("CL_RATE_NATIONAL", name="Children in child labour, national measurement")
    Series.objects.filter(pk=series.pk).update(
        name_fr="Enfants astreints au travail des enfants, mesure nationale"
    )
    observe(series, "MX", 2017, "7.1")
    page = client.get("/fr/data/areas/mx/").content.decode()
    assert "Enfants astreints au travail des enfants, mesure nationale" in page


def test_the_secretariat_enters_translations_in_the_series_form(
    client_for: Any, world: World, translated: dict[str, Series]
) -> None:
    client = client_for(world.secretariat)
    form = client.get("/fr/data/series/CL_NUMBER/edit/").content.decode()
    assert 'name="name" value="Series CL_NUMBER"' in form  # the original, even on a French page
    assert f'name="name_fr" value="{FRENCH}"' in form and 'name="definition_es"' in form
    response = client.post(
        "/fr/data/series/CL_NUMBER/edit/",
        {
            "code": "CL_NUMBER",
            "name": "Series CL_NUMBER",
            "unit": "millions",
            "decimals": "1",
            "source_organisation": "ILO and UNICEF",
            "licence": "cc-by-4.0",
            "direction": "decrease",
            "access": "public",
            "tracks": "child_labour",
            "is_headline": "on",
            "name_fr": FRENCH,
            "name_es": "Niños y niñas en situación de trabajo infantil (5 a 17 años)",
        },
    )
    assert response.status_code == 302, response.content.decode()
    saved = Series.objects.get(code="CL_NUMBER")
    assert (saved.name_en, saved.name_es) == (  # type: ignore[attr-defined]
        "Series CL_NUMBER",
        "Niños y niñas en situación de trabajo infantil (5 a 17 años)",
    )


def test_the_demo_series_have_french_and_spanish_names() -> None:
    from alliance87.data.demo import SERIES, SERIES_TRANSLATIONS

    assert {spec["code"] for spec in SERIES} == set(SERIES_TRANSLATIONS)
    assert all(names.get("name_fr") and names.get("name_es") for names in SERIES_TRANSLATIONS.values())
