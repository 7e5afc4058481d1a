"""tantivy's phrase pairs: phrases checked only in items holding their pairs, found and ranked exactly as before,
and an index built before the pairs field still searched until it is rebuilt."""

from __future__ import annotations

from pathlib import Path

import pytest
import tantivy
from django.contrib.auth.models import AnonymousUser

from alliance87.library.models import Item
from alliance87.library.search import SearchQuery, get_backend, rebuild, search
from alliance87.library.search.documents import build_documents
from alliance87.library.search.query import parse
from alliance87.library.search.tantivy_backend import TantivyBackend, engine_documents, local_engine
from alliance87.library.search.tantivy_engine import TantivyEngine, to_tantivy
from alliance87.library.search.tantivy_queries import PREVIOUS_SCHEMA, analyzers, pairs_text, text_query

from .test_search import make_item

ANONYMOUS = AnonymousUser()


@pytest.fixture
def tantivy_backend(settings, tmp_path) -> TantivyEngine:
    """The tantivy backend on, with its index in a directory of its own, searches never kept: its engine."""
    settings.LIBRARY_SEARCH_BACKEND = "tantivy"
    settings.LIBRARY_SEARCH_INDEX_DIR = tmp_path / "index"
    settings.PAGE_CACHE_VIEWS = []
    assert isinstance(get_backend(), TantivyBackend)
    return local_engine()


def test_pairs_are_consecutive_tokens_of_each_text_once():
    assert pairs_text(["Modern slavery, modern slavery", "Côte d'Ivoire"]) == (
        "cote_d d_ivoir modern_slaveri slaveri_modern"
    )
    assert pairs_text(["one", ""]) == ""


def phrase_items() -> None:
    make_item("Modern slavery in supply chains", abstract="A study of modern slavery.")
    make_item("Slavery, modern and old", body="Modern methods. Slavery persists in modern slavery cases.")
    make_item(
        "Trafficking in human beings", body="Victims of trafficking in human beings and human trafficking."
    )
    make_item("Human rights", abstract="Trafficking in persons, trafficking of human beings.")
    make_item("Modern supply chains", body="Forced or compulsory labour in modern slavery.")
    make_item("Unrelated report", body="Slavery and modern times; the human beings trafficking in.")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "words",
    [
        '"modern slavery"',
        "human trafficking",
        '"trafficking in human beings"',
        "modern slavery -kilns",
        'slavery "modern" OR "human beings"',
    ],
)
def test_a_phrase_finds_and_scores_the_same_with_or_without_its_pairs(tantivy_backend, words):
    phrase_items()
    searcher = tantivy_backend.searcher()
    parsed = parse(words)
    with_pairs = searcher.search(text_query(parsed, pairs=True), 10)
    without = searcher.search(text_query(parsed, pairs=False), 10)
    assert with_pairs.count == without.count > 0
    assert [(score, address.doc) for score, address in with_pairs.hits] == [
        (score, address.doc) for score, address in without.hits
    ]


@pytest.mark.django_db
def test_an_index_built_before_the_pairs_field_is_searched_until_rebuilt(tantivy_backend, settings):
    phrase_items()
    expected = search(SearchQuery(text='"modern slavery"'), user=ANONYMOUS)
    assert expected.total == 3
    # The same items in an index of the previous schema, as the code before the pairs field built it.
    path = Path(settings.LIBRARY_SEARCH_INDEX_DIR).with_name("previous")
    path.mkdir()
    old = tantivy.Index(PREVIOUS_SCHEMA, path=str(path))
    for name, analyzer in analyzers().items():
        old.register_tokenizer(name, analyzer)
    writer = old.writer(heap_size=15_000_000, num_threads=1)
    for document in engine_documents(build_documents(list(Item.objects.values_list("pk", flat=True)))):
        writer.add_document(to_tantivy(document, pairs=False))
    writer.commit()
    writer.wait_merging_threads()
    settings.LIBRARY_SEARCH_INDEX_DIR = path
    engine = local_engine()
    assert not engine.current()
    found = search(SearchQuery(text='"modern slavery"'), user=ANONYMOUS)
    assert [hit.item_id for hit in found.hits] == [hit.item_id for hit in expected.hits]
    assert found.total == 3
    # A change on the old index keeps its schema; a rebuild gives it the present one.
    make_item("Modern slavery act", body="")
    assert search(SearchQuery(text='"modern slavery"'), user=ANONYMOUS).total == 4
    assert rebuild() == 7
    assert engine.current()
    assert search(SearchQuery(text='"modern slavery"'), user=ANONYMOUS).total == 4
