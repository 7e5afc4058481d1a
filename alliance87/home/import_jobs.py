"""The page and API answer of a background import (`core.imports`): state, progress, errors by row, and result.

Only the person who started an import, and the Secretariat, may see it; anyone else gets "not found". The page
refreshes its status part itself (htmx, every second) until the job is done or failed, and announces the change
(`aria-live`).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from alliance87.accounts.roles import is_secretariat
from alliance87.core.imports import current_state, importer_for, may_see_job
from alliance87.core.models import ImportJob

#: Errors listed on the page at once (the API gives them all; the page says how many more there are).
ERRORS_ON_PAGE = 500


def visible_job(person: Any, pk: int) -> ImportJob:
    """The import, brought up to date, if this person may see it; Http404 otherwise."""
    job = get_object_or_404(ImportJob.objects.select_related("created_by"), pk=pk)
    if not may_see_job(person, job, oversees=is_secretariat(person)):
        raise Http404
    return current_state(job)


def job_context(job: ImportJob) -> dict[str, Any]:
    error_count = int(job.result.get("error_count", len(job.errors)))
    percent = round(100 * job.checked / job.total) if job.total else 0
    return {
        "job": job,
        "kind_label": importer_for(job.kind).label,
        "percent": min(100, percent),
        "errors": job.errors[:ERRORS_ON_PAGE],
        "error_count": error_count,
        "more_errors": max(0, error_count - ERRORS_ON_PAGE),
    }


@login_required
@require_GET
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = visible_job(request.user, pk)
    context = job_context(job)
    if request.headers.get("HX-Request"):
        return render(request, "home/imports/status.html", context)
    return render(request, "home/imports/job.html", context)
