"""What only the tantivy backend needs: its index directory, its one writer, and an index that lags the database."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
import tantivy
from django.contrib.auth.models import AnonymousUser

from alliance87.library.models import Access, Item
from alliance87.library.search import SearchQuery, get_backend, rebuild, search, suggest
from alliance87.library.search.documents import build_documents
from alliance87.library.search.tantivy_backend import (
    TantivyBackend,
    engine_documents,
    index_dir,
    local_engine,
)
from alliance87.library.search.tantivy_engine import SCHEMA, TantivyEngine, to_tantivy

from .test_search import make_item

ANONYMOUS = AnonymousUser()


@pytest.fixture
def tantivy_backend(settings, tmp_path) -> TantivyEngine:
    """The tantivy backend on, with its index in a directory of its own: its engine."""
    settings.LIBRARY_SEARCH_BACKEND = "tantivy"
    settings.LIBRARY_SEARCH_INDEX_DIR = tmp_path / "index"
    assert isinstance(get_backend(), TantivyBackend)
    return local_engine()


def test_the_index_lives_under_var_by_default(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    del settings.LIBRARY_SEARCH_INDEX_DIR
    assert index_dir() == tmp_path / "search" / "tantivy"
    settings.LIBRARY_SEARCH_INDEX_DIR = str(tmp_path / "elsewhere")
    assert index_dir() == tmp_path / "elsewhere"


@pytest.mark.django_db
def test_the_index_is_kept_in_its_directory(tantivy_backend, settings):
    item = make_item("Bonded labour in brick kilns")
    assert (Path(settings.LIBRARY_SEARCH_INDEX_DIR) / "meta.json").exists()
    # A second process opening the same directory sees the same index.
    other = tantivy.Index.open(str(settings.LIBRARY_SEARCH_INDEX_DIR))
    hits = other.searcher().search(tantivy.Query.term_query(SCHEMA, "title", "kiln"), 5).hits
    assert [other.searcher().doc(address).get_first("id") for _, address in hits] == [item.pk]


@pytest.mark.django_db
def test_a_lagging_index_never_shows_an_item_that_became_restricted(tantivy_backend, world):
    item = make_item("Draft on debt bondage")
    # Restricted in the database, but the change log has not reached the index yet.
    Item.objects.filter(pk=item.pk).update(access=Access.BODY, access_body=world.working_group)
    assert search(SearchQuery(text="bondage"), user=ANONYMOUS).hits == []
    deleted = make_item("Debt bondage survey")
    Item.objects.filter(pk=deleted.pk).delete()
    assert search(SearchQuery(text="bondage"), user=ANONYMOUS).hits == []


@pytest.mark.django_db
def test_writes_wait_for_a_writer_held_elsewhere(tantivy_backend, settings):
    item = make_item("Forced labour in fishing", index=False)
    tantivy_backend.index()  # creates the index
    other = tantivy.Index.open(str(settings.LIBRARY_SEARCH_INDEX_DIR))
    held = other.writer(heap_size=15_000_000, num_threads=1)  # e.g. another process's writer

    def release() -> None:
        time.sleep(0.3)
        held.rollback()
        held.wait_merging_threads()

    thread = threading.Thread(target=release)
    thread.start()
    get_backend().index_items([item.pk])  # retried until the other writer is gone
    thread.join()
    assert [hit.item_id for hit in search(SearchQuery(text="fishing"), user=ANONYMOUS).hits] == [item.pk]


@pytest.mark.django_db
def test_concurrent_writers_in_one_process_take_turns(tantivy_backend):
    items = [make_item(f"Domestic work study {n}", index=False) for n in range(6)]
    documents = [to_tantivy(d) for d in engine_documents(build_documents([item.pk for item in items]))]
    errors: list[BaseException] = []

    def write(document: tantivy.Document) -> None:  # the database stays in the test's thread
        try:
            with tantivy_backend.writer() as writer:
                writer.add_document(document)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=write, args=(document,)) for document in documents]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert search(SearchQuery(text="domestic"), user=ANONYMOUS).total == 6


@pytest.mark.django_db
def test_rebuild_starts_again_from_an_unreadable_index(tantivy_backend, settings):
    make_item("Child labour in mining", index=False)
    path = Path(settings.LIBRARY_SEARCH_INDEX_DIR)
    path.mkdir(parents=True)
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("something_else", stored=True)
    tantivy.Index(builder.build(), path=str(path))  # an index of another schema
    assert rebuild() == 1
    assert search(SearchQuery(text="mining"), user=ANONYMOUS).total == 1


@pytest.mark.django_db
def test_prefix_matches_are_marked_in_snippets(tantivy_backend):
    make_item("A report", body="Victims of trafficking were trafficked across borders.")
    hit = search(SearchQuery(text="traffick*"), user=ANONYMOUS).hits[0]
    assert "<mark>trafficking</mark>" in hit.snippet_html


@pytest.mark.django_db
def test_tiny_suggestion_limits_do_not_reach_the_engine_with_zero(tantivy_backend):
    make_item("Forced labour in fishing")
    for limit in (0, 1, 2, 3):
        assert len(suggest("forced", user=ANONYMOUS, limit=limit)) <= limit


def test_the_search_service_refuses_requests_without_its_token(search_service):
    import urllib.error
    import urllib.request

    url = f"http://127.0.0.1:{search_service.server_address[1]}/count"
    request = urllib.request.Request(
        url, data=b"{}", headers={"Authorization": "Bearer wrong"}, method="POST"
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=5)
    assert refused.value.code == 401


@pytest.mark.django_db
def test_several_web_servers_share_the_search_services_index(search_service, settings):
    settings.LIBRARY_SEARCH_BACKEND = "tantivy_service"
    item = make_item("Bonded labour in brick kilns")  # indexed through the service by this "server"
    # Another web server (another client of the same service) finds it.
    from alliance87.library.search.service import ServiceEngine

    other = ServiceEngine(settings.LIBRARY_SEARCH_SERVICE_URL, token=settings.LIBRARY_SEARCH_SERVICE_TOKEN)
    from alliance87.library.permissions import PUBLIC_ONLY

    assert [hit.item_id for hit in other.search(SearchQuery(text="kilns"), access=PUBLIC_ONLY).hits] == [
        item.pk
    ]
    assert rebuild() == 1
    assert other.count(SearchQuery(text="kilns"), access=PUBLIC_ONLY) == 1


@pytest.mark.django_db
def test_a_search_service_that_is_down_gives_a_page_that_says_so(client, settings):
    settings.LIBRARY_SEARCH_BACKEND = "tantivy_service"
    settings.LIBRARY_SEARCH_SERVICE_URL = "http://127.0.0.1:9"  # nothing listens there
    settings.LIBRARY_SEARCH_SERVICE_TOKEN = "t"
    response = client.get("/library/search/", {"q": "forced labour"})
    assert response.status_code == 200
    assert "Search cannot be reached at the moment" in response.content.decode()
    assert client.get("/library/search/suggest", {"q": "forc"}).status_code == 200
    assert client.get("/api/v1/library/search", {"q": "forced"}).status_code == 200
