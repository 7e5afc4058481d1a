"""Organisations in the partner directory and applications to join, over the same services as the pages."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from alliance87.accounts.api_auth import PERSON, caller
from alliance87.core.api.errors import AUTH_ERRORS, CONFLICT_ERRORS, READ_ERRORS, WRITE_ERRORS
from alliance87.core.api.fields import Patch
from alliance87.core.api.pagination import LimitOffset
from alliance87.core.ratelimits import count_attempt
from alliance87.partners import selectors, services
from alliance87.partners.models import Organisation, PartnerApplication
from alliance87.partners.permissions import can_review_applications
from alliance87.partners.schemas import (
    ApplicationIn,
    ApplicationOut,
    ApplicationsQuery,
    DirectoryQuery,
    OrganisationChangeIn,
    OrganisationDetailOut,
    OrganisationIn,
    OrganisationOut,
    RejectIn,
)

router = Router()


def _require_reviewer(request: HttpRequest) -> None:
    if not can_review_applications(caller(request)):
        raise PermissionDenied(_("Only the Secretariat reviews applications."))


@router.get("/organisations", response={200: list[OrganisationOut], **READ_ERRORS})
@paginate(LimitOffset)
def list_organisations(request: HttpRequest, filters: Query[DirectoryQuery]) -> QuerySet[Organisation]:
    """The partner directory, with the filters of its page."""
    return selectors.directory(
        selectors.DirectoryFilters(
            q=filters.q, type=filters.type or "", country=filters.country, body=filters.body
        )
    )


@router.get("/organisations/{slug}", response={200: OrganisationDetailOut, **READ_ERRORS})
def get_organisation(request: HttpRequest, slug: str) -> Organisation:
    """One organisation with the roles it holds and held in the partnership's bodies."""
    return selectors.organisation_detail(slug)


@router.post(
    "/organisations",
    auth=PERSON,
    response={201: OrganisationDetailOut, **WRITE_ERRORS},
)
def create_organisation(request: HttpRequest, payload: OrganisationIn) -> Status[Organisation]:
    """Add an organisation to the directory directly (Secretariat)."""
    organisation = services.create_organisation(
        by=caller(request), values=services.OrganisationInput.of(payload.model_dump())
    )
    return Status(201, selectors.organisation_detail(organisation.slug))


@router.patch(
    "/organisations/{slug}",
    auth=PERSON,
    response={200: OrganisationDetailOut, **WRITE_ERRORS, **CONFLICT_ERRORS},
)
def update_organisation(
    request: HttpRequest, slug: str, payload: Patch[OrganisationChangeIn]
) -> Organisation:
    """Change an organisation's profile (its focal points and the Secretariat); send only what changes, and
    the `version` you read to be refused (409) rather than overwrite someone else's change."""
    organisation = get_object_or_404(Organisation, slug=slug)
    version = payload.pop("version", None)
    services.update_organisation(
        organisation=organisation,
        by=caller(request),
        values=services.OrganisationInput.of(payload),
        version=version,
    )
    return selectors.organisation_detail(organisation.slug)


@router.post("/applications", response={201: ApplicationOut, **WRITE_ERRORS}, tags=["applications"])
def submit_application(request: HttpRequest, payload: ApplicationIn) -> Status[PartnerApplication]:
    """Apply to become a partner; anyone may, no account needed.

    The contact person gets an e-mail with a link to confirm the application; it reaches the Secretariat's review
    queue once they follow it. A few applications a day per address, and per client an hour (429 past that).
    """
    data = payload.model_dump(exclude={"accept_terms"})
    count_attempt(request, action="partner_application", key=data["contact_email"])
    return Status(
        201, services.submit_application(values=services.ApplicationInput.of(data), language=get_language())
    )


@router.get(
    "/applications",
    auth=PERSON,
    response={200: list[ApplicationOut], **AUTH_ERRORS, **READ_ERRORS},
    tags=["applications"],
)
@paginate(LimitOffset)
def list_applications(
    request: HttpRequest, filters: Query[ApplicationsQuery]
) -> QuerySet[PartnerApplication]:
    """Applications to join, newest first (Secretariat)."""
    _require_reviewer(request)
    return selectors.applications(status=filters.status or "")


@router.get(
    "/applications/{application_id}",
    auth=PERSON,
    response={200: ApplicationOut, **AUTH_ERRORS, **READ_ERRORS},
    tags=["applications"],
)
def get_application(request: HttpRequest, application_id: int) -> PartnerApplication:
    """One application (Secretariat)."""
    _require_reviewer(request)
    return selectors.applications().get(pk=application_id)


@router.post(
    "/applications/{application_id}/approve",
    auth=PERSON,
    response={200: OrganisationDetailOut, **WRITE_ERRORS},
    tags=["applications"],
)
def approve_application(request: HttpRequest, application_id: int) -> Organisation:
    """Make the applicant a partner; its contact becomes the focal point and is invited by e-mail (Secretariat)."""
    application = get_object_or_404(PartnerApplication, pk=application_id)
    organisation = services.approve_application(application=application, by=caller(request))
    return selectors.organisation_detail(organisation.slug)


@router.post(
    "/applications/{application_id}/reject",
    auth=PERSON,
    response={200: ApplicationOut, **WRITE_ERRORS},
    tags=["applications"],
)
def reject_application(request: HttpRequest, application_id: int, payload: RejectIn) -> PartnerApplication:
    """Decline an application with a reason the applicant receives by e-mail (Secretariat)."""
    application = get_object_or_404(PartnerApplication, pk=application_id)
    services.reject_application(application=application, by=caller(request), reason=payload.reason)
    return selectors.applications().get(pk=application_id)
