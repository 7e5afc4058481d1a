"""Bodies, the role terms held in them and requests to join them, over the same services as the pages."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Status
from ninja.pagination import paginate

from alliance87.accounts.api_auth import PERSON, caller
from alliance87.bodies import selectors, services
from alliance87.bodies.models import Body, MembershipRequest, RoleTerm
from alliance87.bodies.schemas import (
    ApproveIn,
    BodyChangeIn,
    BodyDetailOut,
    BodyIn,
    BodySummaryOut,
    DeclineIn,
    MembershipRequestIn,
    MembershipRequestOut,
    RequestsQuery,
    RoleTermIn,
    RoleTermOut,
    body_by_slug,
    user_by_email,
)
from alliance87.core.api.errors import AUTH_ERRORS, CONFLICT_ERRORS, READ_ERRORS, WRITE_ERRORS
from alliance87.core.api.fields import Patch
from alliance87.core.api.pagination import LimitOffset
from alliance87.partners.schemas import organisation_by_slug

router = Router()


def _body_input(payload: dict[str, Any]) -> services.BodyInput:
    """The schema's fields as the service takes them: the parent's slug becomes the body."""
    if "parent" in payload:
        payload = {**payload, "parent": body_by_slug(payload["parent"], field="parent")}
    return services.BodyInput.of(payload)


def _term_input(payload: dict[str, Any]) -> services.RoleTermInput:
    """The schema's fields as the service takes them: slugs and e-mail addresses become records."""
    data = dict(payload)
    if "organisation" in data:
        data["organisation"] = organisation_by_slug(data["organisation"], field="organisation")
    if "representative" in data:
        data["representative"] = user_by_email(data["representative"], field="representative")
    return services.RoleTermInput.of(data)


def _detail(body: Body) -> Any:
    """A body as its detail schema expects it: the selector's terms split the way its page splits them."""
    body = selectors.body_detail(body.slug)
    for part, terms in selectors.split_terms(body.all_terms).items():  # type: ignore[attr-defined]
        setattr(body, part, terms)
    return body


@router.get("/bodies", response={200: list[BodySummaryOut], **READ_ERRORS})
@paginate(LimitOffset)
def list_bodies(request: HttpRequest) -> QuerySet[Body]:
    """Every body in its order, with its current chairs and member count."""
    return selectors.bodies_overview()


@router.get("/bodies/{slug}", response={200: BodyDetailOut, **READ_ERRORS})
def get_body(request: HttpRequest, slug: str) -> Any:
    """One body with its current leadership and members, its past terms and its working groups."""
    return _detail(get_object_or_404(Body, slug=slug))


@router.post("/bodies", auth=PERSON, response={201: BodyDetailOut, **WRITE_ERRORS})
def create_body(request: HttpRequest, payload: BodyIn) -> Status[Any]:
    """Create a body (Secretariat)."""
    body = services.save_body(by=caller(request), values=_body_input(payload.model_dump()))
    return Status(201, _detail(body))


@router.patch("/bodies/{slug}", auth=PERSON, response={200: BodyDetailOut, **WRITE_ERRORS, **CONFLICT_ERRORS})
def update_body(request: HttpRequest, slug: str, payload: Patch[BodyChangeIn]) -> Any:
    """Change a body (Secretariat); send only what changes, and the `version` you read to be refused (409)
    rather than overwrite someone else's change."""
    body = get_object_or_404(Body, slug=slug)
    version = payload.pop("version", None)
    return _detail(
        services.save_body(by=caller(request), values=_body_input(payload), body=body, version=version)
    )


@router.get("/bodies/{slug}/terms", response={200: list[RoleTermOut], **READ_ERRORS}, tags=["role terms"])
@paginate(LimitOffset)
def list_role_terms(request: HttpRequest, slug: str) -> QuerySet[RoleTerm]:
    """Every role term held in a body, current and past."""
    return selectors.role_terms_of(body=get_object_or_404(Body, slug=slug))


@router.post(
    "/bodies/{slug}/terms", auth=PERSON, response={201: RoleTermOut, **WRITE_ERRORS}, tags=["role terms"]
)
def create_role_term(request: HttpRequest, slug: str, payload: RoleTermIn) -> Status[RoleTerm]:
    """Record a role held in a body (Secretariat); the body's chairs may add members."""
    body = get_object_or_404(Body, slug=slug)
    term = services.create_role_term(body=body, by=caller(request), values=_term_input(payload.model_dump()))
    return Status(201, selectors.role_term_detail(pk=term.pk))


@router.get("/role-terms/{term_id}", response={200: RoleTermOut, **READ_ERRORS}, tags=["role terms"])
def get_role_term(request: HttpRequest, term_id: int) -> RoleTerm:
    """One role term."""
    return selectors.role_term_detail(pk=term_id)


@router.patch(
    "/role-terms/{term_id}", auth=PERSON, response={200: RoleTermOut, **WRITE_ERRORS}, tags=["role terms"]
)
def update_role_term(request: HttpRequest, term_id: int, payload: Patch[RoleTermIn]) -> RoleTerm:
    """Change a term (Secretariat); a chair may set the end date or note of a member term in their body."""
    term = selectors.role_term_detail(pk=term_id)
    services.update_role_term(term=term, by=caller(request), values=_term_input(payload))
    return selectors.role_term_detail(pk=term_id)


@router.delete(
    "/role-terms/{term_id}", auth=PERSON, response={204: None, **WRITE_ERRORS}, tags=["role terms"]
)
def delete_role_term(request: HttpRequest, term_id: int) -> Status[None]:
    """Remove a term recorded by mistake (Secretariat); to end a term, set its end date instead."""
    services.delete_role_term(term=selectors.role_term_detail(pk=term_id), by=caller(request))
    return Status(204, None)


@router.get(
    "/membership-requests",
    auth=PERSON,
    response={200: list[MembershipRequestOut], **AUTH_ERRORS, **READ_ERRORS},
    tags=["membership requests"],
)
@paginate(LimitOffset)
def list_membership_requests(
    request: HttpRequest, filters: Query[RequestsQuery]
) -> QuerySet[MembershipRequest]:
    """Requests you may decide on (as a chair or the Secretariat) and those your organisations made."""
    return selectors.membership_requests_visible_to(caller(request), status=filters.status or "")


@router.get(
    "/membership-requests/{request_id}",
    auth=PERSON,
    response={200: MembershipRequestOut, **AUTH_ERRORS, **READ_ERRORS},
    tags=["membership requests"],
)
def get_membership_request(request: HttpRequest, request_id: int) -> MembershipRequest:
    """One request, if you may see it (otherwise it is not found)."""
    return selectors.membership_requests_visible_to(caller(request)).get(pk=request_id)


@router.post(
    "/membership-requests",
    auth=PERSON,
    response={201: MembershipRequestOut, **WRITE_ERRORS},
    tags=["membership requests"],
)
def create_membership_request(
    request: HttpRequest, payload: MembershipRequestIn
) -> Status[MembershipRequest]:
    """Ask for your organisation to join a body (its focal points); the body's chairs are told by e-mail."""
    membership_request = services.request_membership(
        body=body_by_slug(payload.body, field="body"),  # type: ignore[arg-type]
        organisation=organisation_by_slug(payload.organisation, field="organisation"),  # type: ignore[arg-type]
        by=caller(request),
        motivation=payload.motivation,
    )
    return Status(201, selectors.membership_request_detail(pk=membership_request.pk))


@router.post(
    "/membership-requests/{request_id}/approve",
    auth=PERSON,
    response={200: MembershipRequestOut, **WRITE_ERRORS},
    tags=["membership requests"],
)
def approve_membership_request(
    request: HttpRequest, request_id: int, payload: ApproveIn
) -> MembershipRequest:
    """Accept the organisation as a member (the body's chairs or the Secretariat)."""
    services.approve_membership_request(
        membership_request=selectors.membership_request_detail(pk=request_id),
        by=caller(request),
        comment=payload.comment,
        start_date=payload.start_date,
    )
    return selectors.membership_request_detail(pk=request_id)


@router.post(
    "/membership-requests/{request_id}/decline",
    auth=PERSON,
    response={200: MembershipRequestOut, **WRITE_ERRORS},
    tags=["membership requests"],
)
def decline_membership_request(
    request: HttpRequest, request_id: int, payload: DeclineIn
) -> MembershipRequest:
    """Turn the request down with a comment the organisation receives (the body's chairs or the Secretariat)."""
    services.decline_membership_request(
        membership_request=selectors.membership_request_detail(pk=request_id),
        by=caller(request),
        comment=payload.comment,
    )
    return selectors.membership_request_detail(pk=request_id)


@router.post(
    "/membership-requests/{request_id}/withdraw",
    auth=PERSON,
    response={200: MembershipRequestOut, **WRITE_ERRORS},
    tags=["membership requests"],
)
def withdraw_membership_request(request: HttpRequest, request_id: int) -> MembershipRequest:
    """Take back a pending request (the organisation's focal points)."""
    services.withdraw_membership_request(
        membership_request=selectors.membership_request_detail(pk=request_id), by=caller(request)
    )
    return selectors.membership_request_detail(pk=request_id)
