"""A Pathfinder Country's path over the API: the same service and visibility rules as its page."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from alliance87.accounts.api_auth import OPTIONAL_CREDENTIALS, PERSON, READER, caller, viewer
from alliance87.core.api.errors import READER_ERRORS, WRITE_ERRORS
from alliance87.countries import selectors as country_selectors
from alliance87.countries.models import PathStep
from alliance87.countries.services import StepRecord
from alliance87.partners.schemas import organisation_by_slug

from . import selectors
from .schemas import PathStepIn, PathStepOut, event_by_slug, library_items, plan_by_slug
from .services import record_step_with_evidence

router = Router()


@router.get(
    "/{code}/path",
    response={200: list[PathStepOut], **READER_ERRORS},
    auth=READER,
    openapi_extra=OPTIONAL_CREDENTIALS,
)
def list_path_steps(request: HttpRequest, code: str) -> list[PathStep]:
    """The steps a Pathfinder Country has taken or passed by, in the order of the path."""
    pathfinder = country_selectors.pathfinder_by_code(code)
    return list(selectors.path_steps_with_evidence(viewer(request), pathfinder))


@router.post("/{code}/path", auth=PERSON, response={201: PathStepOut, **WRITE_ERRORS})
def record_path_step(request: HttpRequest, code: str, payload: PathStepIn) -> Status[PathStep]:
    """Record a step of a country's path with its event, plan and documents (Secretariat)."""
    pathfinder = country_selectors.pathfinder_by_code(code)
    data = payload.model_dump()
    record = StepRecord(
        kind=data["kind"],
        date=data["date"],
        responsible=data["responsible"],
        responsible_organisation=organisation_by_slug(
            data["responsible_organisation"], field="responsible_organisation"
        ),
        signatory=data["signatory"],
        notes=data["notes"],
        source=data["source"],
        is_illustrative=data["is_illustrative"],
        skip_reason=data["skip_reason"],
        earlier_steps_reason=data["earlier_steps_reason"],
    )
    step = record_step_with_evidence(
        by=caller(request),
        pathfinder=pathfinder,
        record=record,
        event=event_by_slug(data["event"]),
        plan=plan_by_slug(data["plan"]),
        documents=library_items(data["documents"]),
    )
    return Status(201, selectors.path_steps_with_evidence(caller(request), pathfinder).get(pk=step.pk))
