"""SQLite's query planner statistics (`core.sqlite`): gathered after `migrate` and the demo load, refreshed when a
connection closes, never waiting for another writer's lock."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest
from django.db import connection

from alliance87.core.sqlite import ANALYSIS_LIMIT, optimize

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL analyses tables itself")


def _analysed_tables() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone() is None:
            return set()
        cursor.execute("SELECT DISTINCT tbl FROM sqlite_stat1")
        return {row[0] for row in cursor.fetchall()}


@pytest.mark.django_db
def test_a_migrated_database_has_the_planners_statistics():
    # The test database was built by `migrate`: the tables its migrations filled (content types, permissions,
    # the seed documents) have statistics; empty tables get theirs once they have rows.
    analysed = _analysed_tables()
    assert {"django_content_type", "auth_permission"} <= analysed


@pytest.mark.django_db
def test_every_connection_samples_a_bounded_number_of_rows():
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA analysis_limit")
        assert cursor.fetchone()[0] == ANALYSIS_LIMIT


def _table_used_without_statistics(path: Path, *, rows: int) -> sqlite3.Connection:
    """A connection to a new database with a table of `rows` rows that this connection has queried."""
    raw = sqlite3.connect(path, timeout=30)
    raw.execute("CREATE TABLE IF NOT EXISTS item (id INTEGER PRIMARY KEY, kind TEXT)")
    raw.execute("CREATE INDEX IF NOT EXISTS item_kind ON item (kind)")
    raw.executemany("INSERT INTO item (kind) VALUES (?)", [(f"k{n % 7}",) for n in range(rows)])
    raw.commit()
    # The planner asks for the table's statistics.
    raw.execute("SELECT id FROM item WHERE kind = 'k3'").fetchall()
    return raw


def _statistics(path: Path) -> list[tuple[str, str]]:
    raw = sqlite3.connect(path)
    try:
        return raw.execute("SELECT tbl, idx FROM sqlite_stat1").fetchall()
    except sqlite3.OperationalError:  # no such table: never analysed
        return []
    finally:
        raw.close()


def test_a_closing_connection_analyses_the_tables_it_used_that_have_no_statistics(tmp_path):
    path = tmp_path / "fresh.sqlite3"
    raw = _table_used_without_statistics(path, rows=2000)
    assert _statistics(path) == []
    optimize(raw)
    raw.close()
    assert _statistics(path) == [("item", "item_kind")]


def test_a_closing_connection_never_waits_for_another_writer(tmp_path):
    path = tmp_path / "busy.sqlite3"
    reader = _table_used_without_statistics(path, rows=2000)
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    started = time.monotonic()
    optimize(reader)  # would wait the 30 s busy timeout for the lock; gives up at once and raises nothing
    reader.close()
    assert time.monotonic() - started < 5
    writer.execute("ROLLBACK")
    writer.close()
    assert _statistics(path) == []  # left to a later close


@pytest.mark.django_db
def test_the_backend_optimizes_when_a_connection_closes_at_most_once_a_minute(tmp_path, monkeypatch):
    from django.db import connections

    from alliance87.core.sqlite import base

    calls: list[object] = []
    monkeypatch.setattr(base, "optimize", calls.append)
    monkeypatch.setitem(base._last_optimized, "at", float("-inf"))
    settings = {**connections["default"].settings_dict, "NAME": str(tmp_path / "closing.sqlite3")}
    for _ in range(3):  # three connections opened and closed in a row
        wrapper = base.DatabaseWrapper(settings, alias="closing")
        wrapper.ensure_connection()
        wrapper.close()
    assert len(calls) == 1
    monkeypatch.setitem(base._last_optimized, "at", base._last_optimized["at"] - base.OPTIMIZE_EVERY)
    wrapper = base.DatabaseWrapper(settings, alias="closing")
    wrapper.ensure_connection()
    wrapper.close()
    assert len(calls) == 2  # a minute later
