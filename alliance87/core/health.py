"""/healthz (the process answers) and /readyz (it can do its work), for a load balancer or a monitor.

They answer before any other middleware: no host check (a probe may use an IP address), no HTTPS redirect
(a probe may speak plain http on the private network), no session. They reveal no secret: each check says
"ok" or "failing"; the reason goes to the log.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse, JsonResponse

logger = logging.getLogger("alliance87.health")

_migrations_applied = False  # once true, stays true until the process is restarted by a deployment


def check_database() -> dict[str, Any]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {"status": "ok"}


def check_migrations() -> dict[str, Any]:
    global _migrations_applied
    if not _migrations_applied:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if pending:
            return {"status": "failing", "pending": len(pending)}
        _migrations_applied = True
    return {"status": "ok"}


def check_tasks() -> dict[str, Any]:
    from .worker import oldest_waiting_task_age

    age = oldest_waiting_task_age()
    late = age is not None and age > settings.READY_MAX_TASK_WAIT
    return {
        "status": "failing" if late else "ok",
        "oldest_waiting_seconds": None if age is None else round(age),
    }


def check_storage() -> dict[str, Any]:
    name = default_storage.save(f"healthcheck/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    default_storage.delete(name)
    return {"status": "ok"}


CHECKS: dict[str, Callable[[], dict[str, Any]]] = {
    "database": check_database,
    "migrations": check_migrations,
    "tasks": check_tasks,
    "storage": check_storage,
}


def readiness() -> tuple[bool, dict[str, Any]]:
    results: dict[str, Any] = {}
    for name, check in CHECKS.items():
        try:
            results[name] = check()
        except Exception:
            logger.exception("Readiness check %s failed", name)
            results[name] = {"status": "failing"}
    ready = all(result["status"] == "ok" for result in results.values())
    return ready, results


def no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    """Answers /healthz and /readyz ahead of the rest of the stack."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path == "/healthz":
            return no_store(JsonResponse({"status": "ok"}))
        if request.path == "/readyz":
            ready, checks = readiness()
            body = {"status": "ok" if ready else "failing", "checks": checks}
            return no_store(JsonResponse(body, status=200 if ready else 503))
        return self.get_response(request)
