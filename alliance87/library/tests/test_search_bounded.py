"""SQLite FTS5 beyond a bound: a query matching more items than are worth ranking and counting one by one is
ranked and counted among its most recently added matches, and the page and the API say so. The older matches are
counted when there are few, estimated from samples when there are many (the total then said to be "about").
Below the bound every match is ranked and counted, and the total is exact."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alliance87.library.models import Access, ItemKind
from alliance87.library.search import SearchQuery, search, sqlite_fts5
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
def test_beyond_the_bound_the_newest_matches_are_ranked_and_a_total_counted_in_full_is_exact(client):
    older = bonded(3, kind=ItemKind.TOOLKIT)
    newer = bonded(BOUND, kind=ItemKind.REPORT)

    results = search(SearchQuery(text="bonded"), user=ANONYMOUS)

    assert results.counted_among == BOUND
    assert (results.total, results.total_is_estimate) == (
        7,
        False,
    )  # three older matches: counted, not guessed
    assert {hit.item_id for hit in results.hits} == {item.pk for item in newer}
    assert sum(value.count for value in results.facets["kind"]) == BOUND  # counted among the newest
    assert results.page_count == 1  # the pages reach as far as the ranked matches

    html = client.get("/library/search/", {"q": "bonded"}).content.decode()
    assert "7 items found" in html and "About 7" not in html
    assert "the 4 most recently added are ranked and counted in the filters" in html
    data = client.get("/api/v1/library/search", {"q": "bonded"}).json()
    assert (data["total"], data["total_is_estimate"], data["counted_among"]) == (7, False, BOUND)
    assert len(data["hits"]) == BOUND

    # A filter that leaves no more than the bound: every match ranked, older matches included.
    books = search(SearchQuery(text="bonded", kinds=(ItemKind.TOOLKIT,)), user=ANONYMOUS)
    assert (books.total, books.total_is_estimate, books.counted_among) == (3, False, 0)
    assert {hit.item_id for hit in books.hits} == {item.pk for item in older}


@pytest.fixture
def small_samples(monkeypatch):
    """Older matches counted in 3 ranges of ids, at most 2 read in each: beyond that, estimated."""
    monkeypatch.setattr(sqlite_fts5, "STRATA", 3)
    monkeypatch.setattr(sqlite_fts5, "PROBE", 2)


def interleaved(pairs: int) -> list:
    """`pairs` matching items, each followed by one that does not match: half of the ids match."""
    found = []
    for n in range(pairs):
        found.append(make_item(f"Bonded labour report {n}"))
        make_item(f"Recruitment fees survey {n}")
    return found


@pytest.mark.django_db
def test_too_many_older_matches_to_count_are_estimated_from_samples_and_labelled_about(client, small_samples):
    interleaved(30)

    results = search(SearchQuery(text="bonded"), user=ANONYMOUS)

    assert results.total_is_estimate and results.counted_among == BOUND
    assert results.total == 30  # 26 older ones estimated from two of each third of their ids, and 4 newer
    html = client.get("/library/search/", {"q": "bonded"}).content.decode()
    assert f"About {results.total} items found" in html
    assert "the 4 most recently added are ranked and counted in the filters" in html
    data = client.get("/api/v1/library/search", {"q": "bonded"}).json()
    assert (data["total"], data["total_is_estimate"], data["counted_among"]) == (results.total, True, BOUND)


@pytest.mark.django_db
def test_a_word_used_only_lately_is_not_estimated_from_the_years_before_it(small_samples):
    for n in range(40):
        make_item(f"Recruitment fees survey {n}")
    bonded(BOUND + 3)

    results = search(SearchQuery(text="bonded"), user=ANONYMOUS)

    # The older ranges of ids hold no match (read in full, nothing found): only the last is sampled, from its
    # first match on (not from the start of its range, which would make the word rarer than it is).
    assert results.total == BOUND + 3


@pytest.mark.django_db
def test_no_query_of_a_search_beyond_the_bound_reads_every_match():
    bonded(BOUND * 3)

    with CaptureQueriesContext(connection) as captured:
        results = search(SearchQuery(text="bonded"), user=ANONYMOUS)

    assert results.counted_among == BOUND
    reading = [query["sql"] for query in captured.captured_queries if "MATCH" in query["sql"]]
    assert reading
    for sql in reading:  # each read stops after a number of matches, or stays in a range of ids
        assert "LIMIT" in sql or "rowid >" in sql or "rowid IN" in sql, sql
    assert not any("COUNT(*)" in sql and "LIMIT" not in sql and "rowid >" not in sql for sql in reading)


@pytest.mark.django_db
def test_the_best_match_among_the_newest_comes_first_however_old_it_is():
    make_item("A note mentioning bonded work once", abstract="Bonded.")  # older than the bound: not ranked
    best = make_item("Bonded labour: bonded labour in brick kilns", abstract="Bonded labour, bonded workers.")
    for n in range(BOUND - 1):
        make_item(f"Survey {n}", abstract="Among other things, bonded.")

    results = search(SearchQuery(text="bonded"), user=ANONYMOUS)

    assert results.counted_among == BOUND and results.total == BOUND + 1
    assert results.hits[0].item_id == best.pk  # the oldest of the newest four, and the best match


@pytest.mark.django_db
def test_an_older_best_match_is_found_first_once_words_narrow_the_search_under_the_bound():
    best = make_item("Bonded labour in brick kilns", abstract="Bonded labour in the kilns of the plains.")
    for n in range(BOUND + 2):
        make_item(f"Survey {n}", abstract="Among other things, bonded.")

    broad = search(SearchQuery(text="bonded"), user=ANONYMOUS)
    narrow = search(SearchQuery(text="bonded kilns"), user=ANONYMOUS)

    assert best.pk not in {hit.item_id for hit in broad.hits}  # older than the newest four: the page says so
    assert broad.counted_among == BOUND
    assert (narrow.counted_among, narrow.hits[0].item_id) == (0, best.pk)


@pytest.mark.django_db
def test_beyond_the_bound_what_a_reader_may_not_see_is_never_shown(world):
    bonded(BOUND + 2)
    secret = make_item("Bonded labour: partners' briefing", access=Access.PARTNERS)

    results = search(SearchQuery(text="bonded"), user=ANONYMOUS)

    assert results.counted_among == BOUND and len(results.hits) == BOUND
    assert secret.pk not in {hit.item_id for hit in results.hits}


@pytest.mark.django_db
def test_the_estimate_is_in_the_readers_language(client, small_samples):
    interleaved(30)
    html = client.get("/fr/library/search/", {"q": "bonded"}).content.decode()
    assert "Environ 30 documents trouvés" in html


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


@pytest.mark.django_db
def test_a_prefix_is_sampled_in_fewer_ranges_each_merging_its_words_again():
    bonded(BOUND * 3)

    with CaptureQueriesContext(connection) as captured:
        results = search(SearchQuery(text="bond*"), user=ANONYMOUS)

    sampled = [query["sql"] for query in captured.captured_queries if "BETWEEN" in query["sql"]]
    assert results.counted_among == BOUND and results.total == BOUND * 3
    assert len(sampled) == 1 and sampled[0].count("UNION ALL") == sqlite_fts5.PREFIX_STRATA - 1
