"""Search in the reader's language, on every backend: the index holds the French and Spanish names people read
(vocabulary labels, organisations, countries), the synonym list the partnership's terms in the three languages,
and facets, suggestions and the API name things in the reader's language while filtering by code."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from alliance87.library.models import Concept, Scheme
from alliance87.library.search import SearchQuery, search, spelling, suggest
from alliance87.partners.models import Organisation, OrganisationType

from .test_search import find, make_item

pytestmark = [pytest.mark.usefixtures("search_backend"), pytest.mark.django_db]
ANONYMOUS = AnonymousUser()
FORCED = ("exploitation", "forced-labour")
CHILD = ("exploitation", "child-labour")


@pytest.fixture(autouse=True)
def fresh_vocabulary():
    spelling.forget_vocabulary()
    yield
    spelling.forget_vocabulary()


def test_french_and_spanish_queries_find_what_english_finds_through_the_vocabulary():
    kilns = make_item("Brick kilns in South Asia", concepts=(FORCED,))
    cocoa = make_item("Cocoa farms survey", concepts=(CHILD,))
    make_item("Unrelated note on fisheries")
    assert find("forced labour") == [kilns.pk]
    for text in ("travail forcé", "Travail force", "trabajo forzoso", "travaux forcés"):
        assert find(text) == [kilns.pk], text
    assert find("child labour") == [cocoa.pk]
    for text in ("travail des enfants", "trabajo infantil"):
        assert find(text) == [cocoa.pk], text


def test_labels_outside_the_synonym_list_are_found_in_every_language():
    # Theme and region labels are in no synonym group: only the index's translations find them.
    chains = make_item("Garment factories", concepts=(("theme", "supply-chains"),))
    africa = make_item("Field notes", concepts=(("region", "africa"),))
    for text in ("chaînes d'approvisionnement", "cadenas de suministro", "supply chains"):
        assert find(text) == [chains.pk], text
    for text in ("Afrique", "África", "africa"):
        assert find(text) == [africa.pk], text


def test_french_stems_of_a_translated_label_meet_other_forms():
    review = make_item("Reading list", concepts=(("evidence", "systematic-review"),))
    assert find("revues systématiques") == [review.pk]


def test_organisation_and_country_names_are_found_in_every_language():
    organisation = Organisation.objects.create(
        name="Freedom Fund Research Unit",
        name_fr="Unité de recherche du Fonds pour la liberté",
        name_es="Unidad de investigación del Fondo para la Libertad",
        slug="freedom-fund-research",
        type=OrganisationType.CIVIL_SOCIETY,
    )
    item = make_item("Annual review", organisations=(organisation,), countries=("BR",))
    for text in ("Fonds pour la liberté", "Fondo para la Libertad", "freedom fund"):
        assert find(text) == [item.pk], text
    for text in ("Brésil", "Brasil", "Brazil"):
        assert find(text) == [item.pk], text


def test_the_index_holds_the_originals_whatever_the_language_of_the_change():
    with translation.override("fr"):
        item = make_item("Annual review", countries=("BR",))
    assert find("Brazil") == [item.pk]


def test_a_french_item_is_found_by_its_english_and_french_names():
    french = make_item("Le travail forcé dans les mines", language="fr")
    english = make_item("Forced labor on fishing vessels")
    labelled = make_item("Cocoa farms", concepts=(FORCED,))
    for text in ("travail forcé", "trabajo forzoso"):
        assert set(find(text)) == {french.pk, english.pk, labelled.pk}, text
    # An English query gets English synonyms only: French items through their subjects' English labels.
    assert set(find("forced labour")) == {english.pk, labelled.pk}


def test_facets_name_vocabulary_and_organisations_in_the_readers_language(world):
    Organisation.objects.filter(pk=world.iom.pk).update(
        name_fr="Organisation internationale pour les migrations"
    )
    fishing = Concept.objects.create(scheme=Scheme.THEME, code="fishing", label="Fishing")
    make_item("Forced labour at sea", concepts=(FORCED, ("theme", fishing.code)), organisations=(world.iom,))
    with translation.override("fr"):
        facets = search(SearchQuery(text="travail forcé"), user=ANONYMOUS).facets
    exploitation = {value.value: (value.label, value.label_language) for value in facets["exploitation"]}
    assert exploitation == {"forced-labour": ("Travail forcé", "")}
    # No French label given: the original, marked as English.
    assert {value.value: (value.label, value.label_language) for value in facets["theme"]} == {
        "fishing": ("Fishing", "en")
    }
    organisations = {value.value: value.label for value in facets["organisation"]}
    assert organisations == {str(world.iom.pk): "Organisation internationale pour les migrations"}
    with translation.override("es"):
        facets = search(SearchQuery(), user=ANONYMOUS).facets
    assert [value.label for value in facets["exploitation"]] == ["Trabajo forzoso"]
    with translation.override("en"):
        facets = search(SearchQuery(), user=ANONYMOUS).facets
    assert [(value.label, value.label_language) for value in facets["exploitation"]] == [
        ("Forced labour", "")
    ]


def test_filters_work_by_code_in_every_language():
    kilns = make_item("Brick kilns", concepts=(FORCED,))
    make_item("Cocoa farms", concepts=(CHILD,))
    for language in ("en", "fr", "es"):
        with translation.override(language):
            results = search(SearchQuery(exploitation=("forced-labour",)), user=ANONYMOUS)
        assert [hit.item_id for hit in results.hits] == [kilns.pk], language


def test_suggestions_match_labels_in_any_language_and_speak_the_readers():
    with translation.override("fr"):
        terms = [s for s in suggest("travail f", user=ANONYMOUS) if s.kind == "term"]
    assert [s.text for s in terms] == ["Travail forcé"]
    assert terms[0].url.endswith("exploitation=forced-labour")
    with translation.override("en"):
        terms = [s for s in suggest("trabajo inf", user=ANONYMOUS) if s.kind == "term"]
    assert [s.text for s in terms] == ["Child labour"]


def test_did_you_mean_corrects_french_and_spanish_words_from_the_index():
    make_item("Brick kilns", concepts=(FORCED,))
    make_item("Cocoa farms", concepts=(CHILD,))
    make_item("Migrant workers", concepts=(("theme", "migration"),))
    assert search(SearchQuery(text="travial forcé"), user=ANONYMOUS).did_you_mean == "travail forcé"
    assert search(SearchQuery(text="trabajo infantli"), user=ANONYMOUS).did_you_mean == "trabajo infantil"
    assert search(SearchQuery(text="migartions"), user=ANONYMOUS).did_you_mean == "migrations"


def test_a_subject_translated_in_the_admin_is_found_by_its_new_label(world, client_for):
    from django.urls import reverse

    fishing = Concept.objects.create(scheme=Scheme.THEME, code="fishing", label="Fishing")
    item = make_item("Fleets at sea", concepts=(("theme", "fishing"),))
    assert find("pêche") == []
    response = client_for(world.admin).post(
        reverse("admin:library_concept_change", args=[fishing.pk]),
        {
            "scheme": "theme",
            "code": "fishing",
            "label": "Fishing",
            "label_en": "Fishing",
            "label_fr": "Pêche",
            "label_es": "Pesca",
            "position": 0,
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert find("pêche") == find("pesca") == [item.pk]
