"""A background import over the API: its state, progress, errors by row and result (same rule as its page)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from alliance87.accounts.api_auth import PERSON, caller
from alliance87.core.api.errors import AUTH_ERRORS, READ_ERRORS
from alliance87.core.api.imports import ImportJobOut, job_out

from .import_jobs import visible_job

router = Router()


@router.get(
    "/{job_id}",
    auth=PERSON,
    response={200: ImportJobOut, **AUTH_ERRORS, **READ_ERRORS},
    url_name="import_job",
)
def get_import(request: HttpRequest, job_id: int) -> dict[str, Any]:
    """An import you started (the Secretariat sees every import): poll it until its state is done or failed."""
    return job_out(visible_job(caller(request), job_id))
