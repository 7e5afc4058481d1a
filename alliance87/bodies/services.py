"""Changes to bodies, their role terms and membership requests."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alliance87.accounts.models import User
from alliance87.core.concurrency import check_version
from alliance87.core.emails import queue_email_to_each
from alliance87.core.inputs import UNSET, ServiceInput, Unset
from alliance87.core.slugs import unique_slug
from alliance87.partners.models import Organisation

from .models import Body, BodyKind, ChairRotationRule, MembershipRequest, RequestStatus, Role, RoleTerm
from .permissions import can_edit_structure, can_manage_body, can_request_membership


@dataclass(frozen=True, kw_only=True)
class BodyInput(ServiceInput):
    """What the Secretariat writes about a body (unset fields keep their values)."""

    kind: str | Unset = UNSET
    name: str | Unset = UNSET
    short_name: str | Unset = UNSET
    parent: Body | Unset | None = UNSET
    purpose: str | Unset = UNSET
    is_open_to_requests: bool | Unset = UNSET
    position: int | Unset = UNSET
    # The chair rotation rule (`ChairRotationRule`, its own record with the shared provenance).
    chair_term_months: int | Unset | None = UNSET
    chair_rotation_source: str | Unset = UNSET
    chair_rotation_source_url: str | Unset = UNSET
    chair_rotation_is_illustrative: bool | Unset = UNSET
    # Translations (core.content_translation): empty where there is no official one, so the original shows.
    name_fr: str | Unset | None = UNSET
    short_name_fr: str | Unset | None = UNSET
    purpose_fr: str | Unset | None = UNSET
    name_es: str | Unset | None = UNSET
    short_name_es: str | Unset | None = UNSET
    purpose_es: str | Unset | None = UNSET


@dataclass(frozen=True, kw_only=True)
class RoleTermInput(ServiceInput):
    """A role held in a body for a term: by an organisation or a country, with dates and a representative."""

    role: str | Unset = UNSET
    organisation: Organisation | Unset | None = UNSET
    country: str | Unset = UNSET
    start_date: datetime.date | Unset | None = UNSET
    end_date: datetime.date | Unset | None = UNSET
    representative: User | Unset | None = UNSET
    note: str | Unset = UNSET


BODY_FIELDS = BodyInput.field_names()
#: BodyInput's fields written to the body's `ChairRotationRule`, by the rule's field they fill.
ROTATION_FIELDS = {
    "chair_term_months": "term_months",
    "chair_rotation_source": "source",
    "chair_rotation_source_url": "source_url",
    "chair_rotation_is_illustrative": "is_illustrative",
}
#: The fields of the body itself (its form's model fields).
BODY_MODEL_FIELDS = tuple(name for name in BODY_FIELDS if name not in ROTATION_FIELDS)
TERM_FIELDS = RoleTermInput.field_names()
#: Partners ask to join Action Groups and their working groups; the other bodies are composed by the Secretariat.
JOINABLE_KINDS = (BodyKind.ACTION_GROUP, BodyKind.WORKING_GROUP)


def _focal_points(organisation: Organisation) -> list[User]:
    """The organisation's focal points, who are written to about its requests (each in their own language)."""
    return list(
        User.objects.filter(
            organisation_memberships__organisation=organisation,
            organisation_memberships__is_focal_point=True,
        )
        .exclude(email="")
        .order_by("pk")
    )


@transaction.atomic
def request_membership(
    *, body: Body, organisation: Organisation, by: User, motivation: str = ""
) -> MembershipRequest:
    """A focal point asks for their organisation to join a body; its chairs are told."""
    if not can_request_membership(by, organisation.pk):
        raise PermissionDenied(_("Only a focal point of the organisation can ask to join on its behalf."))
    if not organisation.is_partner:
        raise ValidationError(_("Only partner organisations can join bodies."))
    if body.kind not in JOINABLE_KINDS or not body.is_open_to_requests:
        raise ValidationError(_("This body does not take membership requests."))
    if RoleTerm.objects.current().filter(body=body, organisation=organisation).exists():
        raise ValidationError(
            _("%(organisation)s is already a member of %(body)s.")
            % {"organisation": organisation.short_name, "body": body.name}
        )
    try:
        with transaction.atomic():
            membership_request = MembershipRequest.objects.create(
                body=body, organisation=organisation, requested_by=by, motivation=motivation.strip()
            )
    except IntegrityError:
        raise ValidationError(_("A request to join this body is already waiting for a decision.")) from None
    chairs = sorted(
        (
            term.representative
            for term in RoleTerm.objects.current()
            .chairing()
            .filter(body__in=[body, *(filter(None, [body.parent]))])
            .select_related("representative")
            if term.representative
        ),
        key=lambda person: person.email,
    )
    queue_email_to_each(
        template="bodies/email/membership_requested",
        people=chairs,
        context={"membership_request": membership_request},
    )
    return membership_request


def _decide(membership_request: MembershipRequest, by: User) -> MembershipRequest:
    if not can_manage_body(by, membership_request.body):
        raise PermissionDenied(
            _("Only a chair of this body or the Secretariat can decide on requests to join it.")
        )
    locked = (
        MembershipRequest.objects.select_for_update()
        .select_related("body", "organisation")
        .get(pk=membership_request.pk)
    )
    if locked.status != RequestStatus.PENDING:
        raise ValidationError(_("This request has already been decided."))
    return locked


@transaction.atomic
def approve_membership_request(
    *,
    membership_request: MembershipRequest,
    by: User,
    comment: str = "",
    start_date: datetime.date | None = None,
) -> RoleTerm:
    """Accept an organisation into a body: its membership term starts today (or on the given date)."""
    locked = _decide(membership_request, by)
    if (
        RoleTerm.objects.current()
        .filter(body=locked.body, organisation=locked.organisation, role=Role.MEMBER)
        .exists()
    ):
        raise ValidationError(
            _("%(organisation)s is already a member of %(body)s.")
            % {"organisation": locked.organisation.short_name, "body": locked.body.name}
        )
    term = RoleTerm.objects.create(
        body=locked.body,
        organisation=locked.organisation,
        role=Role.MEMBER,
        start_date=start_date or timezone.localdate(),
    )
    locked.status = RequestStatus.APPROVED
    locked.decided_by = by
    locked.decided_at = timezone.now()
    locked.decision_comment = comment.strip()
    locked.role_term = term
    locked.save()
    queue_email_to_each(
        template="bodies/email/membership_decided",
        people=_focal_points(locked.organisation),
        context={"membership_request": locked, "approved": True},
    )
    return term


@transaction.atomic
def decline_membership_request(
    *, membership_request: MembershipRequest, by: User, comment: str
) -> MembershipRequest:
    """Turn down a request to join, with a comment the organisation receives."""
    if not can_manage_body(by, membership_request.body):
        raise PermissionDenied(
            _("Only a chair of this body or the Secretariat can decide on requests to join it.")
        )
    if not comment or not comment.strip():
        raise ValidationError({"comment": _("Tell the organisation why.")})
    locked = _decide(membership_request, by)
    locked.status = RequestStatus.DECLINED
    locked.decided_by = by
    locked.decided_at = timezone.now()
    locked.decision_comment = comment.strip()
    locked.save()
    queue_email_to_each(
        template="bodies/email/membership_decided",
        people=_focal_points(locked.organisation),
        context={"membership_request": locked, "approved": False},
    )
    return locked


@transaction.atomic
def withdraw_membership_request(*, membership_request: MembershipRequest, by: User) -> MembershipRequest:
    if not can_request_membership(by, membership_request.organisation_id):
        raise PermissionDenied(_("Only a focal point of the organisation can withdraw its request."))
    # Re-read under lock: a chair may have decided it since the caller loaded it.
    locked = MembershipRequest.objects.select_for_update().get(pk=membership_request.pk)
    if locked.status != RequestStatus.PENDING:
        raise ValidationError(_("This request has already been decided."))
    locked.status = RequestStatus.WITHDRAWN
    locked.save(update_fields=["status", "updated_at"])
    return locked


def _validated_term(term: RoleTerm) -> RoleTerm:
    # The rules the database constraints enforce, checked first so that people read why rather than a constraint name.
    if bool(term.organisation_id) == bool(term.country):
        raise ValidationError(
            {"organisation": _("A role is held either by an organisation or by a country.")}
        )
    if term.start_date and term.end_date and term.end_date < term.start_date:
        raise ValidationError({"end_date": _("A term cannot end before it starts.")})
    term.full_clean(exclude=["body"])
    return term


@transaction.atomic
def create_role_term(*, body: Body, by: User, values: RoleTermInput) -> RoleTerm:
    """Record a role held in a body for a term (Secretariat); a chair may add members to their own body."""
    allowed = can_edit_structure(by) or (values.role == Role.MEMBER and can_manage_body(by, body))
    if not allowed:
        raise PermissionDenied(_("You may not assign roles in this body."))
    term = RoleTerm(body=body)
    values.apply_to(term)
    term = _validated_term(term)
    term.save()
    return term


@transaction.atomic
def update_role_term(*, term: RoleTerm, by: User, values: RoleTermInput) -> RoleTerm:
    """Change a term's dates, holder or note (Secretariat); chairs may end member terms in their body."""
    only_ends_membership = term.role == Role.MEMBER and set(values.given()) <= {"end_date", "note"}
    if not (can_edit_structure(by) or (only_ends_membership and can_manage_body(by, term.body))):
        raise PermissionDenied(_("You may not change this role."))
    values.apply_to(term)
    _validated_term(term).save()
    return term


@transaction.atomic
def delete_role_term(*, term: RoleTerm, by: User) -> None:
    """Remove a term recorded by mistake; ending a term (an end date) is how history is kept."""
    if not can_edit_structure(by):
        raise PermissionDenied(_("Only the Secretariat removes role terms."))
    term.delete()


#: Slugs that are pages of their own under /bodies/ (see urls.py); a body there would be unreachable.
RESERVED_SLUGS = frozenset({"new", "requests", "join", "terms"})


def _unique_body_slug(name: str) -> str:
    return unique_slug(Body, name, max_length=70, reserved=RESERVED_SLUGS, fallback="body")


@transaction.atomic
def save_body(*, by: User, values: BodyInput, body: Body | None = None, version: str | None = None) -> Body:
    """Create or change a body (Secretariat); a change from a `version` someone has saved over is refused."""
    if not can_edit_structure(by):
        raise PermissionDenied(_("Only the Secretariat creates and edits bodies."))
    if body is not None:
        body = Body.objects.select_for_update().get(pk=body.pk)
        check_version(body, version, what=_("the body's description"))
    body = body or Body()
    values.apply_to(body, skip=tuple(ROTATION_FIELDS))
    if not body.slug:
        body.slug = _unique_body_slug(body.short_name or body.name)
    body.full_clean()  # refuses a parent loop too (Body.clean)
    body.save()
    _save_rotation_rule(body, values)
    return body


def _save_rotation_rule(body: Body, values: BodyInput) -> None:
    """Write the given rotation fields to the body's rule; a rule left with nothing to say is deleted."""
    given = {
        ROTATION_FIELDS[name]: value for name, value in values.given().items() if name in ROTATION_FIELDS
    }
    if not given:
        return
    rule = ChairRotationRule.objects.filter(body=body).first() or ChairRotationRule(body=body)
    for name, value in given.items():
        setattr(rule, name, value)
    if not (rule.term_months or rule.provenance.is_stated):
        if rule.pk:
            rule.delete()
        return
    rule.is_demo = body.is_demo
    try:
        rule.full_clean(exclude=["body"])
    except ValidationError as error:
        fields = {rule_field: name for name, rule_field in ROTATION_FIELDS.items()}
        raise ValidationError(
            {fields.get(field, field): messages for field, messages in error.message_dict.items()}
        ) from None
    rule.save()
