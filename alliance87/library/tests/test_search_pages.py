"""The search page, suggestions and the API's search (every backend)."""

from __future__ import annotations

import pytest
from django.db import connection

from alliance87.library.models import Access

from .test_search import make_item

pytestmark = pytest.mark.usefixtures("search_backend")


@pytest.mark.django_db
def test_search_page_shows_marked_snippets_facets_and_count(client):
    make_item("Forced labour in fisheries", body="Forced labour on fishing vessels.", year=2019)
    make_item("Hidden draft on fisheries", access=Access.PARTNERS)
    response = client.get("/library/search/", {"q": "fisheries"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="search"' in html and 'for="library-q"' in html and 'aria-live="polite"' in html
    assert "<mark>fisheries</mark>" in html.lower() or "<mark>Fisheries</mark>" in html
    assert "Hidden draft" not in html
    assert "1 item found" in html
    assert 'name="year" value="2019"' in html


@pytest.mark.django_db
def test_search_page_survives_odd_parameters(client):
    response = client.get("/library/search/", {"q": '"unbalanced', "page": "x", "year": "abc", "sort": "?"})
    assert response.status_code == 200


@pytest.mark.django_db
def test_suggestions_as_html_and_json(client):
    make_item("Human trafficking in conflict")
    html = client.get("/library/search/suggest", {"q": "human traf"}).content.decode()
    assert "Human trafficking in conflict" in html
    data = client.get("/library/search/suggest", {"q": "human traf"}, HTTP_ACCEPT="application/json").json()
    assert "Human trafficking in conflict" in [suggestion["text"] for suggestion in data["suggestions"]]


@pytest.mark.django_db
def test_api_search_answers_hits_snippets_and_facets(client):
    item = make_item("Child labour in mining", body="Children work in artisanal mining.", year=2021)
    make_item("Partners' note on mining", access=Access.PARTNERS)
    response = client.get("/api/v1/library/search", {"q": "mining", "year": 2021})
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["total"] == 1
    assert data["hits"][0]["id"] == item.pk
    assert "<mark>" in data["hits"][0]["snippet_html"]
    assert data["facets"]["year"][0] == {
        "value": "2021",
        "label": "2021",
        "label_language": "",
        "count": 1,
        "selected": True,
    }
    assert client.get("/api/v1/library/search", {"q": '"', "page_size": 500}).status_code == 422
    assert client.get("/api/v1/library/search/suggest", {"q": "child"}).status_code == 200


@pytest.mark.django_db
def test_search_page_offers_a_correction_and_names_languages(client):
    make_item(
        "Child labour in agriculture", abstract="*Illustrative demo item.* On **farms**.", language="en"
    )
    make_item("Le travail des enfants", language="fr", abstract="Child labour (travail des enfants).")
    html = client.get("/library/search/", {"q": "chld labour", "year": "2020"}).content.decode()
    assert "Did you mean <a" in html and ">child labour</a>?" in html
    assert "q=child+labour" in html and "year=2020" in html  # the filters are kept
    html = client.get("/library/search/", {"q": "child labour"}).content.decode()
    assert "Did you mean" not in html
    assert "· English</p>" in html and "· French</p>" in html
    assert "*Illustrative" not in html and "**farms**" not in html and "Illustrative demo item." in html
    french = client.get("/fr/library/search/", {"q": "child labour"}).content.decode()
    assert "· anglais</p>" in french and "· français</p>" in french


@pytest.mark.django_db
def test_api_search_offers_the_same_correction(client):
    make_item("Child labour in mining")
    data = client.get("/api/v1/library/search", {"q": "chld labour"}).json()
    assert data["total"] == 0 and data["did_you_mean"] == "child labour"


@pytest.mark.django_db
def test_french_search_page_names_subjects_in_french_and_filters_by_code(client):
    make_item("Brick kilns", concepts=(("exploitation", "forced-labour"),))
    make_item("Cocoa farms", concepts=(("exploitation", "child-labour"),))
    html = client.get("/fr/library/search/", {"q": "travail forcé"}).content.decode()
    assert "Brick kilns" in html and "Cocoa farms" not in html
    assert 'name="exploitation" value="forced-labour"' in html
    assert "Travail forcé <span" in html  # the label, then its count
    assert "Forced labour" not in html
    # The facet's link filters by code, whatever the page's language.
    filtered = client.get("/fr/library/search/", {"exploitation": "forced-labour"}).content.decode()
    assert "Brick kilns" in filtered and "Cocoa farms" not in filtered
    spanish = client.get("/es/library/search/", {"exploitation": "forced-labour"}).content.decode()
    assert "Trabajo forzoso" in spanish and "Brick kilns" in spanish


@pytest.mark.django_db
def test_an_untranslated_label_is_marked_as_english_on_a_french_page(client):
    from alliance87.library.models import Concept

    Concept.objects.create(scheme="theme", code="fishing", label="Fishing")
    make_item("Fishing fleets", concepts=(("theme", "fishing"),))
    html = client.get("/fr/library/search/", {"q": "fleets"}).content.decode()
    assert '<span lang="en">Fishing</span> <span class="badge badge-lang" lang="fr">en anglais</span>' in html


@pytest.mark.django_db
def test_api_search_answers_in_the_callers_language_with_the_same_results(client):
    kilns = make_item("Brick kilns", concepts=(("exploitation", "forced-labour"),), language="fr")
    make_item("Cocoa farms", concepts=(("exploitation", "child-labour"),))
    english = client.get("/api/v1/library/search", {"q": "forced labour"}, HTTP_ACCEPT_LANGUAGE="en").json()
    french = client.get("/api/v1/library/search", {"q": "travail forcé"}, HTTP_ACCEPT_LANGUAGE="fr").json()
    assert [hit["id"] for hit in english["hits"]] == [hit["id"] for hit in french["hits"]] == [kilns.pk]
    assert english["facets"]["exploitation"][0]["label"] == "Forced labour"
    assert french["facets"]["exploitation"][0] == {
        "value": "forced-labour",
        "label": "Travail forcé",
        "label_language": "",
        "count": 1,
        "selected": False,
    }
    assert french["facets"]["language"][0]["label"] == "français"
    assert french["hits"][0]["language_name"] == "français"
    assert french["hits"][0]["kind_label"] == "Rapport / publication"
    assert english["hits"][0]["language_name"] == "French"
    spanish = client.get(
        "/api/v1/library/search", {"exploitation": "forced-labour"}, HTTP_ACCEPT_LANGUAGE="es"
    ).json()
    assert [hit["id"] for hit in spanish["hits"]] == [kilns.pk]
    assert spanish["facets"]["exploitation"][0]["label"] == "Trabajo forzoso"


@pytest.mark.django_db
def test_french_search_page_query_count_does_not_grow(world, client, django_assert_num_queries):
    from itertools import count

    from alliance87.core.tests.helpers import assert_queries_do_not_grow
    from alliance87.partners.models import Organisation

    numbers = count()

    def add_rows(n):
        for _ in range(n):
            number = next(numbers)
            organisation = Organisation.objects.create(
                name=f"Research unit {number}", name_fr=f"Unité de recherche {number}", slug=f"unit-{number}"
            )
            make_item(
                f"Forced labour study {number}",
                concepts=(("exploitation", "forced-labour"), ("theme", "migration")),
                countries=("BR",),
                organisations=(organisation,),
            )

    queries = assert_queries_do_not_grow(
        django_assert_num_queries,
        add_rows=add_rows,
        load=lambda: client.get("/fr/library/search/", {"q": "travail forcé"}),
        n=5,  # enough results both times that no spelling correction is looked for
    )
    # PostgreSQL's search runs in a transaction with two SET LOCAL statements and checks the access rule again.
    assert queries <= (12 if connection.vendor == "postgresql" else 8)
