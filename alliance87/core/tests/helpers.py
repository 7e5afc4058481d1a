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
