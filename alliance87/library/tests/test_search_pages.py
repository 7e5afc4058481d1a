"""The search page, suggestions and the API's search (every backend)."""

from __future__ import annotations

import pytest

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
