"""Commitments over the API: the register with its lights, commitments, deliverables and yearly reports,
through the same services, selectors and permissions as the pages."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from alliance87.accounts.api_auth import OPTIONAL_CREDENTIALS, PERSON, READER, caller, viewer
from alliance87.accounts.types import Person
from alliance87.bodies.models import Body
from alliance87.core.api.errors import READ_ERRORS, READER_ERRORS, WRITE_ERRORS
from alliance87.core.api.fields import Patch
from alliance87.core.api.pagination import LimitOffset
from alliance87.countries.models import PathfinderCountry
from alliance87.library.selectors import visible_items_named
from alliance87.partners.models import Organisation

from . import selectors, services
from .models import Commitment, Deliverable, DeliverableReport
from .schemas import (
    CommitmentDetailOut,
    CommitmentIn,
    CommitmentOut,
    CommitmentsQuery,
    CompletenessByPartnerOut,
    DeliverableDetailOut,
    DeliverableIn,
    RegisterQuery,
    RegisterRowOut,
    ReportIn,
    ReportOut,
    ReportPatchIn,
)

router = Router()


# --- payloads → service inputs (an unknown slug or code is the client's mistake in that field) -----------------


def _commitment_input(payload: dict[str, Any]) -> services.CommitmentInput:
    data = dict(payload)
    if "partner" in data:
        organisation = Organisation.objects.filter(slug=data.pop("partner")).first()
        if organisation is None:
            raise ValidationError({"partner": _("There is no partner with this slug.")})
        data["organisation"] = organisation
    return services.CommitmentInput.of(data)


def _deliverable_input(payload: dict[str, Any]) -> services.DeliverableInput:
    data = dict(payload)
    if data.get("body"):
        data["body"] = Body.objects.filter(slug=data["body"]).first()
        if data["body"] is None:
            raise ValidationError({"body": _("There is no Action Group with this slug.")})
    if data.get("country"):
        data["country"] = PathfinderCountry.objects.filter(country=data["country"]).first()
        if data["country"] is None:
            raise ValidationError({"country": _("This country is not a Pathfinder Country.")})
    if "pledged_currency" in data:
        data["pledged_currency"] = data["pledged_currency"] or ""
    return services.DeliverableInput.of(data)


def _report_input(payload: dict[str, Any], by: Person) -> services.ReportInput:
    data = {key: value for key, value in payload.items() if key != "year"}
    if "evidence" in data:
        found, missing = visible_items_named(by, list(data["evidence"]))
        if missing:
            raise ValidationError(
                {
                    "evidence": _("There is no library document you can see at: %(missing)s.")
                    % {"missing": ", ".join(missing)}
                }
            )
        data["evidence"] = found
    return services.ReportInput.of(data)


def _detail(pk: int, request: HttpRequest, as_of: datetime.date | None = None) -> Commitment:
    """A commitment with its deliverables, their lights and reports as the caller may see them."""
    commitment = get_object_or_404(Commitment.objects.select_related("organisation"), pk=pk)
    rows = selectors.deliverables_of(commitment, viewer=viewer(request), as_of=as_of or timezone.localdate())
    for row in rows:
        row.deliverable.standing = row.standing  # type: ignore[attr-defined]
    commitment.deliverables_out = [row.deliverable for row in rows]  # type: ignore[attr-defined]
    return commitment


# --- reading ---------------------------------------------------------------------------------------------------


@router.get(
    "/commitments/register",
    response={200: list[RegisterRowOut], **READ_ERRORS},
)
@paginate(LimitOffset)
def register(request: HttpRequest, filters: Query[RegisterQuery]) -> list[dict[str, Any]]:
    """The commitments register: every deliverable with its light as of a date, with the page's filters."""
    rows = selectors.register(
        selectors.RegisterFilters(
            partner_type=filters.partner_type,
            body=filters.body,
            country=filters.country,
            status=filters.status or "",
        ),
        as_of=filters.as_of or timezone.localdate(),
    )
    return [
        {
            "commitment": row.deliverable.commitment_id,
            "commitment_title": row.deliverable.commitment.title,
            "partner": row.deliverable.commitment.organisation,
            "provenance": row.deliverable.commitment.provenance,
            "deliverable": row.deliverable,
            "standing": row.standing,
        }
        for row in rows
    ]


@router.get(
    "/commitments/completeness",
    response={200: list[CompletenessByPartnerOut], **READ_ERRORS},
)
def completeness(request: HttpRequest, as_of: datetime.date | None = None) -> list[dict[str, Any]]:
    """Per partner, how many deliverables are reported, late or without the report that is due, as of a date."""
    counts = selectors.completeness(as_of=as_of or timezone.localdate())
    slugs = dict(Organisation.objects.filter(pk__in=counts.by_organisation).values_list("pk", "slug"))
    return [
        {"partner": slugs[pk], **vars(result)}
        for pk, result in sorted(counts.by_organisation.items(), key=lambda item: slugs[item[0]])
    ]


@router.get(
    "/commitments",
    response={200: list[CommitmentOut], **READ_ERRORS},
)
@paginate(LimitOffset)
def list_commitments(request: HttpRequest, filters: Query[CommitmentsQuery]) -> QuerySet[Commitment]:
    """Partners' commitments, newest first; filter by partner."""
    commitments = Commitment.objects.select_related("organisation").order_by("-made_on", "title", "pk")
    if filters.partner:
        commitments = commitments.filter(organisation__slug=filters.partner)
    return commitments


@router.get(
    "/commitments/{commitment_id}",
    response={200: CommitmentDetailOut, **READER_ERRORS},
    auth=READER,
    openapi_extra=OPTIONAL_CREDENTIALS,
)
def get_commitment(
    request: HttpRequest, commitment_id: int, as_of: datetime.date | None = None
) -> Commitment:
    """A commitment with its deliverables, each with its light, its reports and the evidence you may see."""
    return _detail(commitment_id, request, as_of)


# --- writing ---------------------------------------------------------------------------------------------------


@router.post("/commitments", auth=PERSON, response={201: CommitmentDetailOut, **WRITE_ERRORS})
def create_commitment(request: HttpRequest, payload: CommitmentIn) -> Status[Commitment]:
    """Record a commitment (the partner's focal points, or the Secretariat for any partner)."""
    commitment = services.create_commitment(
        by=caller(request), values=_commitment_input(payload.model_dump())
    )
    return Status(201, _detail(commitment.pk, request))


@router.patch(
    "/commitments/{commitment_id}", auth=PERSON, response={200: CommitmentDetailOut, **WRITE_ERRORS}
)
def update_commitment(request: HttpRequest, commitment_id: int, payload: Patch[CommitmentIn]) -> Commitment:
    """Change a commitment; send only what changes."""
    commitment = get_object_or_404(Commitment, pk=commitment_id)
    services.update_commitment(commitment=commitment, by=caller(request), values=_commitment_input(payload))
    return _detail(commitment.pk, request)


@router.delete("/commitments/{commitment_id}", auth=PERSON, response={204: None, **WRITE_ERRORS})
def delete_commitment(request: HttpRequest, commitment_id: int) -> Status[None]:
    """Delete a commitment with its deliverables and reports (their history is kept)."""
    services.delete_commitment(commitment=get_object_or_404(Commitment, pk=commitment_id), by=caller(request))
    return Status(204, None)


@router.post(
    "/commitments/{commitment_id}/deliverables",
    auth=PERSON,
    response={201: DeliverableDetailOut, **WRITE_ERRORS},
)
def add_deliverable(request: HttpRequest, commitment_id: int, payload: DeliverableIn) -> Status[Deliverable]:
    """Add a SMART deliverable: due date, the Action Group or country concerned, resources pledged."""
    commitment = get_object_or_404(Commitment, pk=commitment_id)
    deliverable = services.add_deliverable(
        commitment=commitment, by=caller(request), values=_deliverable_input(payload.model_dump())
    )
    return Status(201, _deliverable_out(deliverable.pk, request))


def _deliverable_out(pk: int, request: HttpRequest) -> Deliverable:
    deliverable = get_object_or_404(Deliverable, pk=pk)
    return next(d for d in _detail(deliverable.commitment_id, request).deliverables_out if d.pk == pk)  # type: ignore[attr-defined]


@router.patch(
    "/commitments/deliverables/{deliverable_id}",
    auth=PERSON,
    response={200: DeliverableDetailOut, **WRITE_ERRORS},
)
def update_deliverable(
    request: HttpRequest, deliverable_id: int, payload: Patch[DeliverableIn]
) -> Deliverable:
    """Change a deliverable; send only what changes."""
    deliverable = get_object_or_404(Deliverable.objects.select_related("commitment"), pk=deliverable_id)
    services.update_deliverable(
        deliverable=deliverable, by=caller(request), values=_deliverable_input(payload)
    )
    return _deliverable_out(deliverable.pk, request)


@router.delete(
    "/commitments/deliverables/{deliverable_id}", auth=PERSON, response={204: None, **WRITE_ERRORS}
)
def delete_deliverable(request: HttpRequest, deliverable_id: int) -> Status[None]:
    deliverable = get_object_or_404(Deliverable.objects.select_related("commitment"), pk=deliverable_id)
    services.delete_deliverable(deliverable=deliverable, by=caller(request))
    return Status(204, None)


@router.post(
    "/commitments/deliverables/{deliverable_id}/reports",
    auth=PERSON,
    response={201: ReportOut, **WRITE_ERRORS},
)
def record_report(request: HttpRequest, deliverable_id: int, payload: ReportIn) -> Status[DeliverableReport]:
    """Report on a deliverable for a year (one report per year; correct it with PATCH)."""
    deliverable = get_object_or_404(Deliverable.objects.select_related("commitment"), pk=deliverable_id)
    report = services.record_report(
        deliverable=deliverable,
        year=payload.year,
        by=caller(request),
        values=_report_input(payload.model_dump(), caller(request)),
    )
    return Status(201, _report_out(report, request))


def _report_out(report: DeliverableReport, request: HttpRequest) -> DeliverableReport:
    report.visible_evidence = selectors.visible_evidence(report, viewer=viewer(request))  # type: ignore[attr-defined]
    return report


@router.patch("/commitments/reports/{report_id}", auth=PERSON, response={200: ReportOut, **WRITE_ERRORS})
def correct_report(request: HttpRequest, report_id: int, payload: Patch[ReportPatchIn]) -> DeliverableReport:
    """Correct a yearly report; send only what changes (its history keeps the earlier version)."""
    report = get_object_or_404(
        DeliverableReport.objects.select_related("deliverable__commitment"), pk=report_id
    )
    report = services.correct_report(
        report=report, by=caller(request), values=_report_input(payload, caller(request))
    )
    return _report_out(report, request)
