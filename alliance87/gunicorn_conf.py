"""gunicorn settings used by `alliance87 serve` (`--config python:alliance87.gunicorn_conf`): start-up only.

Every other setting stays on the command line, where `serve` builds it.

The application is loaded once, in gunicorn's master process, before it starts its workers (`preload_app`), and
the OpenAPI document is built there (`when_ready`): every worker is forked with it and serves at full speed from
its first request. Built in each worker instead, it took ~5 s of the worker's CPU while requests waited (p99 of
the home page 140–290 ms for the first seconds after a start, against ~15 ms after). A reload (HUP) forks new
workers from the same loaded code: deploy new code with a restart, as the systemd unit does.
"""

from __future__ import annotations

import logging
from typing import Any

logger = logging.getLogger("alliance87.web")

preload_app = True


def _warm() -> None:
    from alliance87.api.docs import warm_documents

    try:
        warm_documents()
    except Exception:  # a docs page built on first use is slower, never broken: log and go on
        logger.exception("Building the OpenAPI document at start-up failed; it will be built on first use.")


def when_ready(server: Any) -> None:
    """In the master, application loaded, no worker started yet: build the document, then let go of the database.

    Workers must not share the master's database connections: each opens its own on its first query.
    """
    from django.db import connections

    _warm()
    connections.close_all()
