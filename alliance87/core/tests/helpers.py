"""Helpers the apps' tests share."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def assert_queries_do_not_grow(
    django_assert_num_queries: Any, *, add_rows: Callable[[int], None], load: Callable[[], Any], n: int = 3
) -> int:
    """Load a page with n rows, then with 3n rows, and require the same number of queries (no N+1).

    Returns the number of queries, so a test can also pin it.
    """
    add_rows(n)
    with CaptureQueriesContext(connection) as first:
        response = load()
    assert response.status_code == 200
    add_rows(2 * n)
    with django_assert_num_queries(len(first.captured_queries)):
        response = load()
    assert response.status_code == 200
    return len(first.captured_queries)


#: A `?page=` whose reach would overflow a 64-bit LIMIT: answered with a page, never a server error.
HUGE_PAGE = "9" * 25


def assert_counted_to_a_bound(
    get: Callable[..., Any], monkeypatch: Any, *, rows: int, per_page: int, counted: int, in_sql: bool = True
) -> None:
    """A list of `rows` rows, counted to `counted` (patched into the bounded paginator), as a reader pages it.

    The first page reads no further than the bound, says "more than" the pages counted and links on; the page past
    the counted ones still links on while rows remain; the last real page says its number of pages and links no
    further; a 25-digit page answers. `get(page=…)` loads the list (a client's get bound to its address).
    `in_sql=False` for a list the view has already read whole (the bound then only spares counting it again).
    """
    monkeypatch.setattr("alliance87.core.paginator.COUNTED_ROWS", counted)
    last = -(-rows // per_page)
    assert counted < rows - per_page, "the list must be longer than the bound and one more page"
    with CaptureQueriesContext(connection) as queries:
        first = get()
    assert first.status_code == 200
    if in_sql:
        assert any(f"LIMIT {counted + 1}" in q["sql"] for q in queries.captured_queries), (
            "no read stops at the bound"
        )
    content = first.content.decode()
    assert f"Page 1 of more than {counted // per_page}" in content
    assert 'rel="next"' in content and "page=2" in content
    past = get(page=counted // per_page + 1)
    assert 'rel="next"' in past.content.decode()
    final = get(page=last)
    assert f"Page {last} of {last}" in final.content.decode()
    assert 'rel="next"' not in final.content.decode()
    assert get(page=HUGE_PAGE).status_code in (200, 404)


def at_the_same_moment(*calls: Callable[[], object]) -> None:
    """Run each call in a thread of its own, all let go at once, and wait for them all: writers racing one another
    (each thread closes its database connections when it is done). For tests on a server database."""
    barrier = threading.Barrier(len(calls))

    def run(call: Callable[[], object]) -> None:
        from django.db import connections

        barrier.wait()
        try:
            call()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def read_page(path: str, user: Any = None) -> str:
    """The page at `path` as `user` reads it (a visitor for None), from a client of its own: its text, once it
    answered 200. For the tests of what a page keeps between readers (the calendar's tables, the dashboard's
    figures), where each request must come as a new reader would send it."""
    client = Client()
    if user is not None:
        client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()
