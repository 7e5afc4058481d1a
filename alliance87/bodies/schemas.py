"""API schemas of bodies, role terms and membership requests, and how a request names a body or a person."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Schema

from alliance87.accounts.models import User
from alliance87.bodies.models import Body, BodyKind, MembershipRequest, RequestStatus, Role
from alliance87.core.api.fields import CountryCode, InputSchema, country_code_of
from alliance87.core.api.provenance import PROVENANCE_FIELD, ProvenanceOut
from alliance87.core.api.translations import TranslatedOut
from alliance87.core.api.versions import VersionedIn, VersionedOut
from alliance87.partners.schemas import OrganisationRef


class BodyRef(Schema):
    slug: str
    name: str


class TermBriefOut(Schema):
    """A role term seen from its body: who holds which role, when."""

    provenance: ProvenanceOut = PROVENANCE_FIELD

    id: int
    role: Role
    holder_name: str
    organisation: OrganisationRef | None
    country: str = Field(description="ISO 3166 alpha-2 code when a country holds the role.")
    start_date: datetime.date | None
    end_date: datetime.date | None
    is_current: bool
    note: str

    resolve_country = staticmethod(country_code_of)


class RoleTermOut(TermBriefOut):
    """A role term with the body it is held in."""

    body: BodyRef


def body_by_slug(slug: str | None, *, field: str) -> Body | None:
    """The body a request names by slug; an unknown slug is the client's mistake in that field."""
    if slug is None:
        return None
    body = Body.objects.filter(slug=slug).first()
    if body is None:
        raise ValidationError({field: _("There is no body with the slug “%(slug)s”.") % {"slug": slug}})
    return body


def body_or_none(slug: str | None, *, field: str) -> Body | None:
    """The body a request names by slug ("" or null for none)."""
    return body_by_slug(slug or None, field=field)


def user_by_email(email: str | None, *, field: str) -> User | None:
    """The account a request names by e-mail address (a role's representative)."""
    if not email:
        return None
    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise ValidationError({field: _("There is no account with this e-mail address.")})
    return user


class ChairRotationOut(Schema):
    term_months: int | None = Field(description="How long a chair serves, as the body's rules give it.")
    provenance: ProvenanceOut = Field(
        description="Where the rules give it (a cited source, or illustrative)."
    )


class BodyOut(TranslatedOut, Schema):
    provenance: ProvenanceOut = PROVENANCE_FIELD
    slug: str
    name: str
    short_name: str
    kind: BodyKind
    parent: BodyRef | None = Field(description="For a working group: its Action Group.")
    purpose: str = Field(description="Markdown.")
    is_open_to_requests: bool
    position: int
    chair_rotation: ChairRotationOut | None = Field(
        description="The chair's term length the body's rules give, with its source; null when none is recorded."
    )
    url: str = Field(description="The body's page.")

    @staticmethod
    def resolve_chair_rotation(body: Body) -> Any:
        return getattr(body, "chair_rotation", None)

    @staticmethod
    def resolve_url(body: Body) -> str:
        return body.get_absolute_url()


class BodySummaryOut(BodyOut):
    current_member_count: int = Field(description="Role terms held today.")
    current_chairs: list[TermBriefOut]


class BodyDetailOut(BodyOut, VersionedOut):
    leadership: list[TermBriefOut] = Field(description="Current chairs, hosts and focal points.")
    members: list[TermBriefOut] = Field(description="Current members.")
    past: list[TermBriefOut] = Field(description="Terms that have ended, newest first.")
    working_groups: list[BodyRef]

    @staticmethod
    def resolve_working_groups(body: Body) -> list[Body]:
        return list(body.children.all())


class BodyIn(InputSchema):
    kind: BodyKind
    name: str
    short_name: str = ""
    parent: str | None = Field(None, description="Slug of the Action Group a working group belongs to.")
    purpose: str = ""
    is_open_to_requests: bool = True
    position: int = Field(0, ge=0, le=32767)
    chair_term_months: int | None = Field(None, ge=1, le=120, description="Empty when the rules give none.")
    chair_rotation_source: str = Field(
        "", max_length=500, description="Title and publisher of the document that gives the term length."
    )
    chair_rotation_source_url: str = Field("", max_length=500, description="Its address.")
    chair_rotation_is_illustrative: bool = False


class BodyChangeIn(BodyIn, VersionedIn):
    pass


class RoleTermIn(InputSchema):
    role: Role
    organisation: str | None = Field(
        None, description="Slug of the holding organisation (or give a country)."
    )
    country: CountryCode = Field("", description="ISO 3166 alpha-2 code of the holding country.")
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    representative: str | None = Field(None, description="E-mail address of the person acting in the role.")
    note: str = ""


class MembershipRequestIn(InputSchema):
    body: str = Field(description="Slug of the body to join.")
    organisation: str = Field(description="Slug of the organisation asking; you must be its focal point.")
    motivation: str = ""


class ApproveIn(InputSchema):
    comment: str = ""
    start_date: datetime.date | None = Field(
        None, description="When the membership starts; today if omitted."
    )


class DeclineIn(InputSchema):
    comment: str = Field(description="Sent to the organisation's focal points.")


class RequestsQuery(Schema):
    status: RequestStatus | None = None


class MembershipRequestOut(Schema):
    id: int
    body: BodyRef
    organisation: OrganisationRef
    motivation: str
    status: RequestStatus
    requested_by: str | None
    created_at: datetime.datetime
    decided_by: str | None
    decided_at: datetime.datetime | None
    decision_comment: str
    role_term: int | None = Field(description="The membership term created on approval.")

    @staticmethod
    def resolve_requested_by(request: MembershipRequest) -> str | None:
        return request.requested_by.display_name if request.requested_by else None

    @staticmethod
    def resolve_decided_by(request: MembershipRequest) -> str | None:
        return request.decided_by.display_name if request.decided_by else None

    @staticmethod
    def resolve_role_term(request: MembershipRequest) -> int | None:
        return request.role_term_id
