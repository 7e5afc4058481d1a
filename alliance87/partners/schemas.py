"""API schemas of organisations and of applications to join, and how a request names an organisation."""

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import field_validator

from alliance87.core.api.fields import CountryCode, InputSchema, country_code_of, country_name_of
from alliance87.core.api.provenance import PROVENANCE_FIELD, ProvenanceOut
from alliance87.core.api.translations import TranslatedOut
from alliance87.core.concurrency import version_of
from alliance87.partners.models import ApplicationStatus, Organisation, OrganisationType, PartnerApplication

if TYPE_CHECKING:
    from alliance87.bodies.schemas import RoleTermOut


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


def organisations_by_slug(slugs: list[str], *, field: str) -> list[Organisation]:
    """The organisations a request names by slug, in one query; an unknown slug is named in the error."""
    found = {organisation.slug: organisation for organisation in Organisation.objects.filter(slug__in=slugs)}
    unknown = [slug for slug in slugs if slug not in found]
    if unknown:
        raise ValidationError(
            {field: _("There is no organisation with the slug “%(slug)s”.") % {"slug": unknown[0]}}
        )
    return [found[slug] for slug in dict.fromkeys(slugs)]


class OrganisationOut(TranslatedOut, Schema):
    provenance: ProvenanceOut = PROVENANCE_FIELD
    slug: str
    name: str
    acronym: str
    type: OrganisationType
    country: str = Field(
        description="ISO 3166 alpha-2 code of the headquarters; empty for international bodies."
    )
    country_name: str
    website: str
    description: str = Field(description="Markdown.")
    is_partner: bool
    partner_since: datetime.date | None
    url: str = Field(description="The organisation's page.")

    resolve_country = staticmethod(country_code_of)
    resolve_country_name = staticmethod(country_name_of)

    @staticmethod
    def resolve_url(organisation: Organisation) -> str:
        return organisation.get_absolute_url()


class OrganisationDetailOut(OrganisationOut):
    # A role term is the bodies' schema, and bodies build on partners: bodies completes this field with its
    # RoleTermOut when Django starts (BodiesConfig.ready), as an upper app fills a lower app's slot.
    role_terms: list["RoleTermOut"] = Field(description="Roles held in bodies, current and past.")

    version: str = Field(
        description="When the profile was last saved: send it back with a change to be told (409) if someone "
        "saved in between."
    )

    @staticmethod
    def resolve_role_terms(organisation: Organisation) -> list[Any]:
        return list(organisation.role_terms.all())

    @staticmethod
    def resolve_version(organisation: Organisation) -> str:
        return version_of(organisation)


class OrganisationIn(InputSchema):
    name: str
    acronym: str = ""
    type: OrganisationType
    country: CountryCode = ""
    website: str = ""
    description: str = ""


class OrganisationChangeIn(OrganisationIn):
    version: str | None = Field(
        None, description="The `version` you read; the change is refused (409) if someone saved since."
    )


class DirectoryQuery(Schema):
    q: str = Field("", description="Part of the name or acronym.")
    type: OrganisationType | None = None
    country: CountryCode = ""
    body: str = Field("", description="Slug of a body: partners holding a current role in it.")


class ApplicationIn(InputSchema):
    organisation_name: str
    acronym: str = ""
    type: OrganisationType
    country: CountryCode = ""
    website: str = ""
    description: str
    contact_name: str
    contact_email: str
    contact_job_title: str = ""
    commitments: str
    accept_terms: bool = Field(description="Must be true: the organisation supports the Terms of Reference.")

    @field_validator("accept_terms")
    @classmethod
    def terms_accepted(cls, value: bool) -> bool:
        if not value:
            raise ValueError(_("An organisation joins by supporting the Alliance 8.7 Terms of Reference."))
        return value


class ApplicationOut(Schema):
    id: int
    organisation_name: str
    acronym: str
    type: OrganisationType
    country: str
    website: str
    description: str
    contact_name: str
    contact_email: str
    contact_job_title: str
    commitments: str
    status: ApplicationStatus
    decision_reason: str
    decided_at: datetime.datetime | None
    decided_by: str | None
    organisation: str | None = Field(description="Slug of the organisation created on approval.")
    created_at: datetime.datetime

    resolve_country = staticmethod(country_code_of)

    @staticmethod
    def resolve_decided_by(application: PartnerApplication) -> str | None:
        return application.decided_by.display_name if application.decided_by else None

    @staticmethod
    def resolve_organisation(application: PartnerApplication) -> str | None:
        return application.organisation.slug if application.organisation else None


class ApplicationsQuery(Schema):
    status: ApplicationStatus | None = None


class RejectIn(InputSchema):
    reason: str = Field(description="Sent to the applicant.")
