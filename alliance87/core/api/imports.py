"""The API's answer about a background import (`core.imports`): 202 when one starts, then GET its address."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from ninja import Schema

from alliance87.core.models import ImportJob


class ImportErrorOut(Schema):
    row: str
    field: str
    message: str


class ImportLinkOut(Schema):
    label: str
    url: str


class ImportJobOut(Schema):
    """An import's state (queued, checking, writing, done or failed), progress, errors by row, and result."""

    id: int
    kind: str
    file_name: str
    state: str
    via_api: bool
    total: int
    checked: int
    written: int
    errors: list[ImportErrorOut]
    error_count: int
    summary: str
    links: list[ImportLinkOut]
    detail_url: str
    counts: dict[str, int]
    created_at: datetime.datetime
    started_at: datetime.datetime | None
    finished_at: datetime.datetime | None
    write_seconds: float | None
    url: str
    page_url: str


def job_out(job: ImportJob) -> dict[str, Any]:
    result = job.result or {}
    return {
        "id": job.pk,
        "kind": job.kind,
        "file_name": job.file_name,
        "state": job.state,
        "via_api": job.via_api,
        "total": job.total,
        "checked": job.checked,
        "written": job.written,
        "errors": job.errors,
        "error_count": int(result.get("error_count", len(job.errors))),
        "summary": str(result.get("summary", "")),
        "links": result.get("links", []),
        "detail_url": str(result.get("detail_url", "")),
        "counts": {k: int(v) for k, v in (result.get("counts") or {}).items()},
        "created_at": job.created_at,
        "started_at": job.started_at,
        "finished_at": job.finished_at,
        "write_seconds": job.write_seconds,
        "url": reverse("api-1.0.0:import_job", kwargs={"job_id": job.pk}),
        "page_url": job.get_absolute_url(),
    }
