"""SQLite FTS5 beyond a bound: a query matching more items than are worth ranking and counting one by one is
ranked and counted among its most recently added matches, and the page and the API say the total is an estimate.
Below the bound every match is ranked and counted, and the total is exact."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alliance87.library.models import Access, ItemKind
from alliance87.library.search import SearchQuery, search
from alliance87.library.search.facets import shown
from alliance87.library.search.sqlbase import about
from alliance87.library.search.types import TIES

from .test_search import ANONYMOUS, make_item

BOUND = 4


@pytest.fixture(autouse=True)
def fts5_with_a_small_bound(settings):
    if connection.vendor != "sqlite":
        pytest.skip("the bound is SQLite FTS5's (PostgreSQL and tantivy rank and count every match)")
    settings.LIBRARY_SEARCH_BACKEND = "sqlite_fts5"
    settings.LIBRARY_SEARCH_CANDIDATES = BOUND


def bonded(count: int, **fields) -> list:
    return [make_item(f"Bonded labour report {n}", **fields) for n in range(count)]


@pytest.mark.django_db
def test_at_the_bound_every_match_is_ranked_and_counted_exactly(client):
    bonded(BOUND)
    make_item("Bonded labour: partners' briefing", access=Access.PARTNERS)

    results = search(SearchQuery(text="bonded"), user=ANONYMOUS)

    assert (results.total, results.total_is_estimate, results.counted_among) == (BOUND, False, 0)
    html = client.get("/library/search/", {"q": "bonded"}).content.decode()
    assert f"{BOUND} items found" in html and "About 4" not in html and "most recently added" not in html
    data = client.get("/api/v1/library/search", {"q": "bonded"}).json()
    assert (data["total"], data["total_is_estimate"], data["counted_among"]) == (BOUND, False, None)


@pytest.mark.django_db
def test_beyond_the_bound_the_newest_matches_are_ranked_and_the_total_is_labelled_an_estimate(client):
    older = bonded(3, kind=ItemKind.TOOLKIT)
    newer = bonded(BOUND, kind=ItemKind.REPORT)

    results = search(SearchQuery(text="bonded"), user=ANONYMOUS)

    assert results.total_is_estimate and results.counted_among == BOUND
    assert results.total == 7
    assert {hit.item_id for hit in results.hits} == {item.pk for item in newer}
    assert sum(value.count for value in results.facets["kind"]) == BOUND  # counted among the newest
    assert results.page_count == 1  # the pages reach as far as the ranked matches

    html = client.get("/library/search/", {"q": "bonded"}).content.decode()
    assert "About 7 items found" in html
    assert "the 4 most recently added are ranked and counted in the filters" in html
    data = client.get("/api/v1/library/search", {"q": "bonded"}).json()
    assert (data["total"], data["total_is_estimate"], data["counted_among"]) == (7, True, BOUND)
    assert len(data["hits"]) == BOUND

    # A filter that leaves no more than the bound: exact again, older matches included.
    books = search(SearchQuery(text="bonded", kinds=(ItemKind.TOOLKIT,)), user=ANONYMOUS)
    assert not books.total_is_estimate and books.total == 3
    assert {hit.item_id for hit in books.hits} == {item.pk for item in older}


@pytest.mark.django_db
def test_beyond_the_bound_what_a_reader_may_not_see_is_never_shown(world):
    bonded(BOUND + 2)
    secret = make_item("Bonded labour: partners' briefing", access=Access.PARTNERS)

    results = search(SearchQuery(text="bonded"), user=ANONYMOUS)

    assert results.total_is_estimate and len(results.hits) == BOUND
    assert secret.pk not in {hit.item_id for hit in results.hits}


@pytest.mark.django_db
def test_the_estimate_is_in_the_readers_language(client):
    bonded(BOUND + 1)
    html = client.get("/fr/library/search/", {"q": "bonded"}).content.decode()
    assert "Environ 5 documents trouvés" in html


def test_estimates_keep_two_significant_figures():
    assert [about(n) for n in (7, 42, 5_432, 201_234, 1_996_000)] == [7, 42, 5_400, 200_000, 2_000_000]


def test_a_facet_of_many_values_is_cut_to_what_the_page_shows_before_its_labels_are_read():
    counts = {
        "organisation": {str(n): n for n in range(1, 1001)},
        "year": {str(y): 1 for y in range(1900, 2000)},
    }
    kept = shown(counts, SearchQuery(organisations=(1,)))
    assert {str(n) for n in range(971, 1001)} | {"1"} <= set(
        kept["organisation"]
    )  # the 30 most frequent, ticked
    assert len(kept["organisation"]) <= 30 + TIES + 1
    assert set(kept["year"]) == {str(year) for year in range(1960, 2000)}  # the latest 40


@pytest.mark.django_db
def test_facet_counts_read_the_links_of_the_matches_only():
    bonded(BOUND * 2, countries=("NP",), concepts=(("theme", "supply-chains"),))

    with CaptureQueriesContext(connection) as captured:
        search(SearchQuery(text="bonded"), user=ANONYMOUS)
    facets = next(query["sql"] for query in captured.captured_queries if query["sql"].startswith("WITH m AS"))
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + facets)
        plan = " / ".join(row[-1] for row in cursor.fetchall())

    # Each subject and country link is found from a match (by item), never by reading a subject's or country's
    # every link (the indexes related items use): those grow with the library, the matches counted do not.
    assert "SCAN ct" not in plan and "(concept_id=?)" not in plan
    assert "SEARCH ct USING" in plan and "SEARCH ic USING" in plan
