"""Django's SQLite backend, with statistics sampled and refreshed when a connection closes (see the package).

Settings select it as `ENGINE = "alliance87.core.sqlite"` when `DATABASE_URL` names an SQLite file; everything else
is Django's own backend.
"""

from __future__ import annotations

from typing import Any

from django.db.backends.sqlite3 import base

from . import ANALYSIS_LIMIT, optimize


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params: dict[str, Any]) -> Any:
        connection = super().get_new_connection(conn_params)
        connection.execute(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
        return connection

    def _close(self) -> None:
        if self.connection is not None:
            optimize(self.connection)
        super()._close()  # type: ignore[misc]  # Django's hook for closing, absent from django-stubs
