"""API schemas of bodies and role terms, and how a request names a body or a representative."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Schema

from alliance87.accounts.models import User
from alliance87.bodies.models import Body, Role
from alliance87.core.api.fields import country_code_of
from alliance87.partners.schemas import OrganisationRef


class BodyRef(Schema):
    slug: str
    name: str


class TermBriefOut(Schema):
    """A role term seen from its body: who holds which role, when."""

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


def user_by_email(email: str | None, *, field: str) -> User | None:
    """The account a request names by e-mail address (a role's representative)."""
    if not email:
        return None
    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise ValidationError({field: _("There is no account with this e-mail address.")})
    return user
