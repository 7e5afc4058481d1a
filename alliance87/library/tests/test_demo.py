"""The demo library loads with the seed documents' real metadata, is idempotent, and is searchable."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from alliance87.library.models import Access, Collection, ExtractionStatus, Item, ItemFile, ItemRevision


@pytest.mark.django_db
def test_demo_loads_the_seed_documents_and_is_idempotent():
    call_command("load_demo")
    counts = (
        Item.objects.count(),
        ItemFile.objects.count(),
        Collection.objects.count(),
        ItemRevision.objects.count(),
    )
    call_command("load_demo")
    assert (
        Item.objects.count(),
        ItemFile.objects.count(),
        Collection.objects.count(),
        ItemRevision.objects.count(),
    ) == counts
    assert counts[0] >= 25
    assert not Item.objects.filter(is_demo=False).exists()

    unu = Item.objects.get(slug="fighting-human-trafficking-in-conflict")
    assert unu.subtitle == "10 Ideas for Action by the United Nations Security Council"
    assert [str(a) for a in unu.authors.all()] == ["Cockayne, James", "Walker, Summer"]
    assert (unu.place_of_publication, unu.pages, unu.isbn) == ("New York", "xi, 45", "9789280890310")
    assert str(unu.publication_date) == "2016-09-08"
    assert unu.publisher.acronym == "UNU" and unu.corporate_authors.get().acronym == "UNU"
    assert unu.abstract.startswith("In December 2015, the United Nations Security Council")
    pdf = unu.files.get()
    assert pdf.extraction_status == ExtractionStatus.DONE and "Cockayne" in pdf.extracted_text

    resolution = Item.objects.get(slug="unsc-resolution-2331-2016")
    assert resolution.kind == "legal_instrument" and str(resolution.publication_date) == "2016-12-20"
    assert "S/RES/2331 (2016)" in resolution.abstract
    assert Item.objects.filter(access=Access.BODY).count() == 1
    assert set(Item.objects.values_list("language", flat=True)) == {"en", "fr", "es"}


@pytest.mark.usefixtures("demo_read_only", "db")
class TestTheLoadedLibraryDemo:
    """The demo library's pages and search, read from one load."""

    def test_demo_pages_render(self, client):
        assert client.get("/library/").status_code == 200
        assert client.get("/library/fighting-human-trafficking-in-conflict/").status_code == 200
        assert client.get("/library/draft-research-agenda-knowledge-gaps/").status_code == 404
        assert client.get("/library/collections/conflict-and-trafficking-essentials/").status_code == 200

    def test_demo_items_are_in_the_search_index(self):
        from django.contrib.auth.models import AnonymousUser

        from alliance87.library import search

        results = search.search(
            search.SearchQuery(text="stand-in for the 45-page report"), user=AnonymousUser()
        )
        assert [hit.item_id for hit in results.hits][:1] == [
            Item.objects.get(slug="fighting-human-trafficking-in-conflict").pk
        ]
        assert results.total >= 1
