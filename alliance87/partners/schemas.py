"""API schemas of organisations, and how a request names an organisation."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Schema

from alliance87.partners.models import Organisation


class OrganisationRef(Schema):
    slug: str
    name: str
    acronym: str


def organisation_by_slug(slug: str | None, *, field: str) -> Organisation | None:
    """The organisation a request names by slug; an unknown slug is the client's mistake in that field."""
    if slug is None:
        return None
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise ValidationError(
            {field: _("There is no organisation with the slug “%(slug)s”.") % {"slug": slug}}
        )
    return organisation
