"""SQLite as the platform's database, with the query planner's statistics kept fresh.

SQLite never gathers statistics by itself. Without them (`sqlite_stat1` empty) its planner guesses how many rows
each index narrows to, and on a large site it guesses wrong: the gap report's off-track list started from every
off-track verdict (0.24–0.36 s over 500 plans) instead of from the few plans the page shows (~1 ms once analysed).
The platform keeps them the SQLite way:

- after every `migrate` (deployments and `make demo` run it) and after the demo data is loaded, `analyze()`
  gathers statistics for every table;
- every connection bounds its analysis to a sample (`PRAGMA analysis_limit`), and runs `PRAGMA optimize` when it
  closes (`base.DatabaseWrapper`): SQLite then analyses the tables this connection's queries used that have no
  statistics yet (new tables, tables that were empty) or that grew 25-fold since their last analysis, and does
  nothing otherwise. With `CONN_MAX_AGE` a web worker closes its connection every few minutes, not per request.

PostgreSQL needs none of this: its autovacuum daemon analyses tables as they change.
"""

from __future__ import annotations

import contextlib
import sqlite3

from django.db.backends.base.base import BaseDatabaseWrapper

#: Rows sampled from each index by one ANALYZE (SQLite's own advice for `PRAGMA optimize`: a few hundred). The
#: statistics are approximate, which is all the planner needs, and an ANALYZE of a table costs milliseconds at
#: any size.
ANALYSIS_LIMIT = 400


def analyze(connection: BaseDatabaseWrapper) -> None:
    """Gather the planner's statistics of every table, sampling at most `ANALYSIS_LIMIT` rows of each index.

    Tables without rows get none (SQLite writes no `sqlite_stat1` row for them): the connection's closing
    `PRAGMA optimize` analyses them once they are used with rows in them. Nothing on other databases.
    """
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
        cursor.execute("ANALYZE")


def optimize(raw: sqlite3.Connection) -> None:
    """`PRAGMA optimize` on a connection about to close, without ever holding the request up.

    ANALYZE writes `sqlite_stat1`, so it needs the write lock: rather than wait for another writer (the busy
    timeout is seconds long), it gives up at once and leaves it to a later close. Errors are ignored the same way:
    statistics are an optimisation.
    """
    with contextlib.suppress(sqlite3.Error):
        raw.execute("PRAGMA busy_timeout=0")
        raw.execute("PRAGMA optimize")
