"""A Pathfinder Country's path over the API: the same service and visibility rules as its page."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from alliance87.accounts.api_auth import OPTIONAL_CREDENTIALS, PERSON, READER, caller, viewer
from alliance87.core.api.errors import READER_ERRORS, WRITE_ERRORS
from alliance87.core.api.fields import Patch
from alliance87.countries import selectors as country_selectors
from alliance87.countries import services
from alliance87.countries.models import PathfinderCountry, PathStep
from alliance87.countries.permissions import can_edit_countries
from alliance87.countries.services import PathStepInput, edit_path_step
from alliance87.partners.schemas import organisation_by_slug
from alliance87.plans.completeness import may_follow_completeness

from . import selectors
from .schemas import (
    CompletenessOut,
    CompletenessQuery,
    DeletionQuery,
    PathStepCorrectionIn,
    PathStepIn,
    PathStepOut,
    event_by_slug,
    library_items,
    plan_by_slug,
)
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


def _step_input(payload: dict[str, Any]) -> PathStepInput:
    """The schema's step fields as the service takes them: the organisation's slug becomes the organisation."""
    values = {name: payload[name] for name in PathStepInput.field_names() if name in payload}
    if "responsible_organisation" in values:
        values["responsible_organisation"] = organisation_by_slug(
            values["responsible_organisation"], field="responsible_organisation"
        )
    return PathStepInput.of(values)


def _step(pathfinder: PathfinderCountry, step_id: int) -> PathStep:
    step = pathfinder.path_steps.filter(pk=step_id).first()
    if step is None:
        raise Http404
    return step


@router.post("/{code}/path", auth=PERSON, response={201: PathStepOut, **WRITE_ERRORS})
def record_path_step(request: HttpRequest, code: str, payload: PathStepIn) -> Status[PathStep]:
    """Record a step of a country's path with its event, plan and documents (Secretariat)."""
    pathfinder = country_selectors.pathfinder_by_code(code)
    data = payload.model_dump()
    step = record_step_with_evidence(
        by=caller(request),
        pathfinder=pathfinder,
        values=_step_input(data),
        earlier_steps_reason=data["earlier_steps_reason"],
        event=event_by_slug(data["event"]),
        plan=plan_by_slug(data["plan"]),
        documents=library_items(data["documents"]),
    )
    return Status(201, selectors.path_steps_with_evidence(caller(request), pathfinder).get(pk=step.pk))


@router.patch("/{code}/path/{step_id}", auth=PERSON, response={200: PathStepOut, **WRITE_ERRORS})
def correct_path_step(
    request: HttpRequest, code: str, step_id: int, payload: Patch[PathStepCorrectionIn]
) -> PathStep:
    """Correct a recorded step (Secretariat) under the same order and date rules; send only what changes, with
    the `reason` (kept in the step's history)."""
    pathfinder = country_selectors.pathfinder_by_code(code)
    if not can_edit_countries(caller(request)):
        raise PermissionDenied(_("Only the Secretariat records the steps of a Pathfinder Country's path."))
    step = _step(pathfinder, step_id)
    reason = payload.pop("reason", "") or ""
    edit_path_step(by=caller(request), step=step, values=_step_input(payload), reason=reason)
    return selectors.path_steps_with_evidence(caller(request), pathfinder).get(pk=step.pk)


@router.delete("/{code}/path/{step_id}", auth=PERSON, response={204: None, **WRITE_ERRORS})
def delete_path_step(
    request: HttpRequest, code: str, step_id: int, query: Query[DeletionQuery]
) -> Status[None]:
    """Delete a step recorded by mistake (Secretariat), with the `reason` kept in the audit log; refused (400)
    while later steps follow it."""
    pathfinder = country_selectors.pathfinder_by_code(code)
    if not can_edit_countries(caller(request)):
        raise PermissionDenied(_("Only the Secretariat records the steps of a Pathfinder Country's path."))
    step = _step(pathfinder, step_id)
    services.delete_path_step(by=caller(request), step=step, reason=query.reason)
    return Status(204, None)


dashboard_router = Router()


@dashboard_router.get("/completeness", auth=PERSON, response={200: CompletenessOut, **WRITE_ERRORS})
def completeness(request: HttpRequest, filters: Query[CompletenessQuery]) -> selectors.CompletenessReport:
    """Per plan, body and country: the values expected in a reporting year, reported, awaiting review, approved
    and late, as of a date (the Secretariat: every plan; a chair: their bodies' plans)."""
    person = caller(request)
    if not may_follow_completeness(person):
        raise PermissionDenied(
            _("The completeness of reporting is for the Secretariat and the chairs of bodies.")
        )
    as_of = filters.as_of or timezone.localdate()
    return selectors.completeness_report(person, year=filters.year, as_of=as_of)
