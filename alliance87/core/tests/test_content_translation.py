"""Content in the reader's language (django-modeltranslation): fallback marked, queries on the original, forms, API."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from alliance87.bodies.models import Body
from alliance87.core.content_translation import fallback_language, translations_of
from alliance87.partners.models import Organisation

pytestmark = pytest.mark.django_db


def render(source: str, **context: object) -> str:
    return Template("{% load core_content %}" + source).render(Context(context))


def test_a_translated_name_reads_in_the_readers_language_unmarked(world):
    world.ilo.name_fr = "Organisation internationale du Travail"
    world.ilo.save()
    with translation.override("fr"):
        html = render('{% content org "name" %}', org=Organisation.objects.get(pk=world.ilo.pk))
    assert html == "Organisation internationale du Travail"


def test_an_untranslated_name_shows_the_original_marked_in_english(world):
    with translation.override("es"):
        html = render('{% content body "name" %}', body=world.supply_chains)
        assert fallback_language(world.supply_chains, "name") == "en"
    assert '<span lang="en">Action Group on Supply Chains</span>' in html
    assert 'class="badge badge-lang" lang="es">' in html


def test_the_original_is_never_marked_for_an_english_reader(world):
    with translation.override("en"):
        assert (
            render('{% content body "name" %}', body=world.supply_chains) == "Action Group on Supply Chains"
        )
        assert fallback_language(world.supply_chains, "name") == ""


def test_writing_querying_and_sorting_on_a_french_page_address_the_original(world):
    with translation.override("fr"):
        body = Body.objects.get(pk=world.migration.pk)
        body.name_fr = "Groupe d’action sur les migrations"
        body.save()
        # A lookup by the original name still finds the body while the French reader sees the French name.
        found = Body.objects.get(name="Action Group on Migration")
        assert found.name == "Groupe d’action sur les migrations"
        # Assigning the name changes the original, not the French translation.
        found.name = "Action Group on Migration and Mobility"
        found.save()
    fresh = Body.objects.get(pk=world.migration.pk)
    assert fresh.name_en == "Action Group on Migration and Mobility"
    assert fresh.name_fr == "Groupe d’action sur les migrations"
    assert translations_of(fresh, "name") == {
        "en": "Action Group on Migration and Mobility",
        "fr": "Groupe d’action sur les migrations",
    }
    with translation.override("fr"):
        names = list(Body.objects.filter(parent=None).order_by("name").values_list("name", flat=True))
    assert names == sorted(names)


def test_a_french_body_page_shows_the_translation_and_marks_what_is_not_translated(world, client):
    Body.objects.filter(pk=world.migration.pk).update(name_fr="Groupe d’action sur les migrations")
    page = client.get("/fr/bodies/").content.decode()
    assert "Groupe d’action sur les migrations" in page
    assert '<span lang="en">Action Group on Supply Chains</span>' in page
    assert 'class="badge badge-lang" lang="fr">' in page


def test_the_secretariat_enters_translations_in_the_body_form(world, client_for):
    client = client_for(world.secretariat)
    form = client.get("/bodies/migration/edit/").content.decode()
    assert "<legend>French translation</legend>" in form
    assert "<legend>Spanish translation</legend>" in form
    assert 'name="name_fr"' in form and 'name="purpose_es"' in form
    response = client.post(
        "/bodies/migration/edit/",
        {
            "kind": world.migration.kind,
            "name": "Action Group on Migration",
            "short_name": "Migration",
            "position": 20,
            "is_open_to_requests": "on",
            "name_fr": "Groupe d’action sur les migrations",
            "name_es": "",
        },
    )
    assert response.status_code == 302
    body = Body.objects.get(pk=world.migration.pk)
    assert (body.name_en, body.name_fr, body.name_es or "") == (
        "Action Group on Migration",
        "Groupe d’action sur les migrations",
        "",
    )


def test_a_french_edit_form_edits_the_original_not_the_translation(world, client_for):
    Body.objects.filter(pk=world.migration.pk).update(name_fr="Groupe d’action sur les migrations")
    form = client_for(world.secretariat).get("/fr/bodies/migration/edit/").content.decode()
    assert 'name="name" value="Action Group on Migration"' in form
    assert 'name="name_fr" value="Groupe d’action sur les migrations"' in form


def test_the_api_answers_in_the_callers_language_and_gives_the_original(world, client):
    Organisation.objects.filter(pk=world.ilo.pk).update(
        name_fr="Organisation internationale du Travail",
        acronym_fr="OIT",
        description_en="The UN agency for work.",
    )
    record = client.get("/api/v1/organisations/ilo", headers={"accept-language": "fr"}).json()
    assert (record["name"], record["acronym"], record["language"]) == (
        "Organisation internationale du Travail",
        "OIT",
        "fr",
    )
    assert record["original"]["name"] == "International Labour Organization"
    assert record["translations"]["fr"]["acronym"] == "OIT"
    assert "name" not in record["untranslated"] and "description" in record["untranslated"]
    body = client.get("/api/v1/bodies/migration", headers={"accept-language": "es"}).json()
    assert body["name"] == "Action Group on Migration"
    assert "name" in body["untranslated"] and body["translations"] == {}


def test_an_untranslated_description_is_marked_as_a_block_in_english(world, client):
    Organisation.objects.filter(pk=world.ilo.pk).update(description_en="The UN agency for work.")
    page = client.get("/fr/partners/ilo/").content.decode()
    assert '<div class="prose" lang="en"><p>The UN agency for work.</p>' in page
    assert 'class="badge badge-lang" lang="fr">' in page
