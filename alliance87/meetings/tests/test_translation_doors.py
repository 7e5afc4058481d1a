"""An event's French and Spanish title, city and description: entered on its form and through the API, read in
the reader's language, the original kept whatever the language of the page that saved it."""

from __future__ import annotations

import pytest

from alliance87.meetings.models import Event
from conftest import TranslationDoor, World
from tests.api import field_names

from .factories import make_event

pytestmark = pytest.mark.django_db

FORM = {
    "kind": "workshop",
    "title": "Recruitment fees workshop",
    "timezone": "Europe/Zurich",
    "starts_at": "2030-01-15T09:00",
    "ends_at": "2030-01-15T17:00",
    "city": "Geneva",
    "is_open": "on",
}


def test_the_event_form_takes_french_and_spanish_title_and_city(
    translation_door: TranslationDoor, world: World
) -> None:
    client = translation_door.client
    page = translation_door.form("/events/new/")
    assert "City (Spanish)" in page
    response = client.post(
        "/events/new/",
        {
            **FORM,
            "owner_body": world.supply_chains.pk,
            "title_fr": "Atelier sur les frais de recrutement",
            "city_fr": "Genève",
            "city_es": "Ginebra",
        },
    )
    assert response.status_code == 302
    event = Event.objects.get(title="Recruitment fees workshop")
    assert (event.city_en, event.city_fr, event.city_es) == ("Geneva", "Genève", "Ginebra")  # type: ignore[attr-defined]
    assert event.slug.startswith("recruitment-fees-workshop")
    address = f"/events/{event.slug}/"
    french = client.get(f"/fr{address}").content.decode()
    assert "Atelier sur les frais de recrutement" in french and "Genève" in french
    spanish = client.get(f"/es{address}").content.decode()
    # No Spanish title: the original, marked as English.
    heading = spanish[spanish.index("<h1>") : spanish.index("</h1>")]
    assert '<span lang="en">Recruitment fees workshop</span>' in heading, heading
    assert "Ginebra" in spanish


def test_editing_on_a_french_page_keeps_the_original(translation_door: TranslationDoor, world: World) -> None:
    event = make_event(owner_body=world.supply_chains, title="Due diligence workshop", city="Geneva")
    Event.objects.filter(pk=event.pk).update(title_fr="Atelier diligence", city_fr="Genève")
    client = translation_door.client
    form = client.get(f"/fr/events/{event.slug}/edit/").content.decode()
    assert 'name="title" value="Due diligence workshop"' in form
    assert 'name="title_fr" value="Atelier diligence"' in form
    posted = {
        **FORM,
        "title": "Due diligence workshop",
        "owner_body": world.supply_chains.pk,
        "title_fr": "Atelier sur la diligence",
        "city_fr": "Genève",
    }
    response = client.post(f"/fr/events/{event.slug}/edit/", posted)
    assert response.status_code == 302, response.content.decode()
    saved = Event.objects.get(pk=event.pk)
    assert (saved.title_en, saved.title_fr, saved.city_en) == (  # type: ignore[attr-defined]
        "Due diligence workshop",
        "Atelier sur la diligence",
        "Geneva",
    )


def test_the_event_form_takes_a_french_description_and_each_reader_sees_theirs(
    translation_door: TranslationDoor, world: World
) -> None:
    page = translation_door.form("/events/new/")
    assert "Description (French)" in page and "Description (Spanish)" in page
    assert '<textarea name="description_fr"' in page
    response = translation_door.client.post(
        "/events/new/",
        {
            **FORM,
            "owner_body": world.supply_chains.pk,
            "description": "Fees paid by **workers** to get a job.",
            "description_fr": "Les frais payés par les **travailleurs** pour obtenir un emploi.",
        },
    )
    assert response.status_code == 302, response.content.decode()
    event = Event.objects.get(title="Recruitment fees workshop")
    assert event.description_en == "Fees paid by **workers** to get a job."  # type: ignore[attr-defined]
    client = translation_door.client
    french = client.get(f"/fr/events/{event.slug}/").content.decode()
    assert '<div class="prose"><p>Les frais payés par les <strong>travailleurs</strong>' in french
    assert "Fees paid by" not in french
    # No Spanish description: the English one, marked as such.
    spanish = client.get(f"/es/events/{event.slug}/").content.decode()
    assert (
        '<div class="prose" lang="en"><p>Fees paid by <strong>workers</strong> to get a job.</p>' in spanish
    )
    assert "en inglés" in spanish
    english = client.get(f"/events/{event.slug}/").content.decode()
    assert '<div class="prose"><p>Fees paid by <strong>workers</strong>' in english


def test_editing_on_a_french_page_keeps_the_english_description(
    translation_door: TranslationDoor, world: World
) -> None:
    event = make_event(
        owner_body=world.supply_chains, title="Due diligence workshop", description="In English."
    )
    Event.objects.filter(pk=event.pk).update(description_fr="En français.")
    client = translation_door.client
    form = client.get(f"/fr/events/{event.slug}/edit/").content.decode()
    assert "In English.</textarea>" in form and "En français.</textarea>" in form
    posted = {**FORM, "title": "Due diligence workshop", "owner_body": world.supply_chains.pk}
    response = client.post(
        f"/fr/events/{event.slug}/edit/",
        {**posted, "description": "In English.", "description_fr": "Toujours en français."},
    )
    assert response.status_code == 302, response.content.decode()
    saved = Event.objects.get(pk=event.pk)
    assert (saved.description_en, saved.description_fr) == ("In English.", "Toujours en français.")  # type: ignore[attr-defined]


def test_the_events_api_takes_translations_as_it_gives_them(translation_door: TranslationDoor) -> None:
    chair = translation_door.api
    created = chair.post(
        "/events",
        {
            "kind": "workshop",
            "title": "Supply chains workshop",
            "owner_body": "supply-chains",
            "starts_at": "2030-01-15T09:00",
            "ends_at": "2030-01-15T17:00",
            "timezone": "Europe/Zurich",
            "city": "Geneva",
            "description": "Due diligence in supply chains.",
            "translations": {
                "fr": {"city": "Genève", "description": "La diligence raisonnable."},
                "es": {"title": "Taller", "city": "Ginebra"},
            },
        },
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["translations"] == {
        "fr": {"city": "Genève", "description": "La diligence raisonnable."},
        "es": {"title": "Taller", "city": "Ginebra"},
    }
    assert body["untranslated"] == [] and body["original"]["description"] == "Due diligence in supply chains."
    chair.headers["Accept-Language"] = "es"
    changed = chair.patch(f"/events/{body['slug']}", {"capacity": 30})
    assert changed.status_code == 200, changed.content
    assert changed.json()["title"] == "Taller" and changed.json()["city"] == "Ginebra"
    # No Spanish description: the original, named as untranslated.
    assert changed.json()["description"] == "Due diligence in supply chains."
    assert changed.json()["untranslated"] == ["description"]
    saved = Event.objects.get(slug=body["slug"])
    assert (saved.title_en, saved.city_en) == ("Supply chains workshop", "Geneva")  # type: ignore[attr-defined]
    refused = chair.patch(f"/events/{body['slug']}", {"translations": {"fr": {"venue": "Palais"}}})
    assert refused.status_code == 400
    assert field_names(refused) == {"translations"}
