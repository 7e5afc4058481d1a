"""Helpers the apps' tests share."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connection
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
