"""Django's SQLite backend, with statistics sampled and refreshed when a connection closes (see the package).

Settings select it as `ENGINE = "alliance87.core.sqlite"` when `DATABASE_URL` names an SQLite file; everything else
is Django's own backend.
"""

from __future__ import annotations

import time
from typing import Any

from django.db.backends.sqlite3 import base

from . import ANALYSIS_LIMIT, optimize

#: At most one `PRAGMA optimize` a minute per process. SQLite re-analyses the empty tables a connection used on
#: every close (they never get a `sqlite_stat1` row): 2–12 ms and the write lock each time, which a deployment
#: with `CONN_MAX_AGE=0` (a connection per request) would pay on every request.
OPTIMIZE_EVERY = 60.0
_last_optimized = {"at": float("-inf")}


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params: dict[str, Any]) -> Any:
        connection = super().get_new_connection(conn_params)
        connection.execute(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
        return connection

    def _close(self) -> None:
        now = time.monotonic()
        if self.connection is not None and now - _last_optimized["at"] >= OPTIMIZE_EVERY:
            _last_optimized["at"] = now
            optimize(self.connection)
        super()._close()  # type: ignore[misc]  # Django's hook for closing, absent from django-stubs
