"""The bounded paginator: counts stop a little past the page asked for; every page is still reachable."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alliance87.core.paginator import BoundedPaginator

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    user_model = get_user_model()
    user_model.objects.bulk_create(
        user_model(username=f"p{n:02}", email=f"p{n:02}@example.org") for n in range(35)
    )
    return user_model.objects.filter(username__startswith="p").order_by("username")


def test_a_short_list_is_counted_exactly(people):
    page = BoundedPaginator(people, 10, counted=50).get_page(1)
    assert (page.paginator.count, page.paginator.num_pages, page.paginator.is_bounded) == (35, 4, False)


def test_a_long_list_says_more_than_the_pages_counted_and_links_on(people):
    paginator = BoundedPaginator(people, 10, counted=20)
    page = paginator.get_page(1)
    assert paginator.is_bounded
    assert paginator.counted_pages == 2
    assert page.has_next()
    assert [p.username for p in page] == [f"p{n:02}" for n in range(10)]


def test_a_page_past_the_bound_is_counted_as_far_as_it_reaches(people):
    third = BoundedPaginator(people, 10, counted=20).get_page(3)
    assert [p.username for p in third] == [f"p{n:02}" for n in range(20, 30)]
    assert third.paginator.is_bounded and third.has_next()
    last = BoundedPaginator(people, 10, counted=20).get_page(4)
    assert [p.username for p in last] == [f"p{n:02}" for n in range(30, 35)]
    assert not last.paginator.is_bounded and not last.has_next()
    assert last.paginator.num_pages == 4


def test_a_page_beyond_the_last_or_not_a_number_falls_back(people):
    assert BoundedPaginator(people, 10, counted=20).get_page(9).number == 4
    assert BoundedPaginator(people, 10, counted=20).get_page("x").number == 1


def test_the_count_reads_no_further_than_the_bound(people):
    with CaptureQueriesContext(connection) as queries:
        BoundedPaginator(people, 10, counted=20).get_page(1)
    count = next(q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"])
    assert "LIMIT 21" in count


def test_the_rows_counted_are_the_lists_length_or_the_bound(people):
    assert BoundedPaginator(people, 10, counted=50).get_page(1).paginator.counted_rows == 35
    assert BoundedPaginator(people, 10, counted=20).get_page(1).paginator.counted_rows == 20
    assert BoundedPaginator(people, 10, counted=20).get_page(3).paginator.counted_rows == 30


def test_a_page_number_of_25_digits_is_the_last_page(people):
    page = BoundedPaginator(people, 10, counted=20).get_page("9" * 25)
    assert page.number == 4 and not page.paginator.is_bounded
