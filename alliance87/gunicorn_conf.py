"""gunicorn settings used by `alliance87 serve` (`--config python:alliance87.gunicorn_conf`): start-up hooks only.

Every other setting stays on the command line, where `serve` builds it.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

logger = logging.getLogger("alliance87.web")


def _warm() -> None:
    from alliance87.api.docs import warm_documents

    try:
        warm_documents()
    except Exception:  # a docs page built on first use is slower, never broken: log and go on
        logger.exception("Building the OpenAPI document at start-up failed; it will be built on first use.")


def post_worker_init(worker: Any) -> None:
    """A worker has loaded the application: build the OpenAPI document (~2–3 s per language) in the background."""
    threading.Thread(target=_warm, name="openapi-warm", daemon=True).start()
