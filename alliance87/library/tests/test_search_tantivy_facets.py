"""tantivy beyond a bound: a query matching more items than are worth counting one by one in the facets counts
them among its most recently published matches, and the page and the API say so. Ranking and the total still
cover every match (exact), and below the bound every facet counts every match."""

from __future__ import annotations

import pytest

from alliance87.library.models import Access, ItemKind
from alliance87.library.search import SearchQuery, search

from .test_search import ANONYMOUS, make_item

BOUND = 4

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.parametrize("search_backend", ["tantivy", "tantivy_service"], indirect=True),
]


@pytest.fixture(autouse=True)
def small_bound(settings, search_backend):
    settings.LIBRARY_SEARCH_FACETS_AMONG = BOUND


def bonded(count: int, *, year: int, **fields) -> list:
    return [make_item(f"Bonded labour report {year} {n}", year=year, **fields) for n in range(count)]


def kind_counts(results) -> dict[str, int]:
    return {value.value: value.count for value in results.facets["kind"]}


def test_at_the_bound_every_match_is_counted_and_nothing_is_said(client):
    bonded(BOUND, year=2020)

    results = search(SearchQuery(text="bonded"), user=ANONYMOUS)

    assert (results.total, results.total_is_estimate, results.facets_counted_among) == (BOUND, False, 0)
    assert kind_counts(results) == {ItemKind.REPORT: BOUND}
    html = client.get("/library/search/", {"q": "bonded"}).content.decode()
    assert f"{BOUND} items found" in html and "most recently published" not in html
    data = client.get("/api/v1/library/search", {"q": "bonded"}).json()
    assert (data["total"], data["total_is_estimate"], data["facets_counted_among"]) == (BOUND, False, None)


def test_beyond_the_bound_facets_count_the_newest_matches_while_the_total_and_ranking_cover_every_one(client):
    older = bonded(3, year=2001, kind=ItemKind.TOOLKIT)
    bonded(BOUND, year=2020, kind=ItemKind.REPORT)
    best = make_item("Bonded labour: bonded workers, bonded debts", year=1990, kind=ItemKind.TOOLKIT)

    results = search(SearchQuery(text="bonded"), user=ANONYMOUS)

    assert results.total == 8 and not results.total_is_estimate  # exact
    assert results.hits[0].item_id == best.pk  # the best match, however old, still ranks first
    assert {hit.item_id for hit in results.hits} >= {item.pk for item in older}
    assert results.facets_counted_among == BOUND
    assert kind_counts(results) == {ItemKind.REPORT: BOUND}  # counted among the newest four
    assert results.page_count == 1

    html = client.get("/library/search/", {"q": "bonded"}).content.decode()
    assert "8 items found" in html and "About 8" not in html
    assert "So many items match that the counts are among the 4 most recently published" in html
    data = client.get("/api/v1/library/search", {"q": "bonded"}).json()
    assert (data["total"], data["total_is_estimate"], data["counted_among"]) == (8, False, None)
    assert data["facets_counted_among"] == BOUND
    assert {value["value"]: value["count"] for value in data["facets"]["kind"]} == {ItemKind.REPORT: BOUND}
    assert len(data["hits"]) == 8


def test_a_filter_leaving_no_more_than_the_bound_counts_every_facet_exactly():
    bonded(3, year=2001, kind=ItemKind.TOOLKIT, countries=("FR",))
    bonded(BOUND, year=2020, kind=ItemKind.REPORT, countries=("ES",))

    results = search(SearchQuery(text="bonded", countries=("FR",)), user=ANONYMOUS)

    assert results.total == 3 and results.facets_counted_among == 0
    assert kind_counts(results) == {ItemKind.TOOLKIT: 3}  # every French match, however old
    # The ticked facet keeps its other values' counts (its own tick does not narrow it), over every match: the
    # seven are more than the bound, but a ticked facet's own counts are never bounded.
    countries = {value.value: value.count for value in results.facets["country"]}
    assert countries == {"ES": BOUND, "FR": 3}


def test_beyond_the_bound_a_ticked_facet_still_counts_every_match(client):
    bonded(3, year=2001, kind=ItemKind.TOOLKIT)
    bonded(BOUND + 1, year=2020, kind=ItemKind.REPORT)

    results = search(SearchQuery(text="bonded", kinds=(ItemKind.REPORT,)), user=ANONYMOUS)

    assert results.total == BOUND + 1 and results.facets_counted_among == BOUND
    assert kind_counts(results) == {ItemKind.REPORT: BOUND + 1, ItemKind.TOOLKIT: 3}
    assert sum(value.count for value in results.facets["year"]) == BOUND  # the others among the newest
    html = client.get("/library/search/", {"q": "bonded", "kind": ItemKind.REPORT}).content.decode()
    assert "a group with a ticked filter counts every match" in html


def test_beyond_the_bound_what_a_reader_may_not_see_is_neither_counted_nor_shown():
    bonded(BOUND + 1, year=2001)
    secret = make_item(
        "Bonded labour: partners' briefing", year=2024, access=Access.PARTNERS, kind=ItemKind.TOOLKIT
    )

    results = search(SearchQuery(text="bonded"), user=ANONYMOUS)

    assert results.total == BOUND + 1 and results.facets_counted_among == BOUND
    assert kind_counts(results) == {ItemKind.REPORT: BOUND}
    assert secret.pk not in {hit.item_id for hit in results.hits}


def test_sorted_by_date_the_counts_are_those_of_the_first_results():
    bonded(3, year=2001, kind=ItemKind.TOOLKIT)
    newest = bonded(BOUND, year=2020, kind=ItemKind.REPORT)

    results = search(SearchQuery(text="bonded", sort="date"), user=ANONYMOUS)

    assert [hit.item_id for hit in results.hits][:BOUND] == [item.pk for item in reversed(newest)]
    assert kind_counts(results) == {ItemKind.REPORT: BOUND} and results.total == 7


def test_the_note_is_in_the_readers_language(client):
    bonded(BOUND + 1, year=2020)
    html = client.get("/fr/library/search/", {"q": "bonded"}).content.decode()
    assert "Tant de documents correspondent que les nombres sont comptés parmi les 4" in html
