"""API schemas of Pathfinder Countries, and how a request names one."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Schema

from alliance87.core.api.fields import CountryCode, InputSchema, country_code_of, country_name_of
from alliance87.core.api.provenance import PROVENANCE_FIELD, ProvenanceOut
from alliance87.countries.models import PathfinderCountry, PathfinderStatus, PathStepKind
from alliance87.countries.selectors import step_of
from alliance87.partners.schemas import OrganisationRef


class PathfinderCountryOut(Schema):
    provenance: ProvenanceOut = PROVENANCE_FIELD
    code: str = Field(description="ISO 3166 alpha-2 code.")
    name: str = Field(description="In the language of the request.")
    status: PathfinderStatus = Field(description="Read from the recorded path (see the country's `path`).")
    pathfinder_since: datetime.date | None = Field(
        description="The date of the national consultation or strategy workshop on the recorded path."
    )
    focal_institution: OrganisationRef | None = Field(description="The national focal institution.")
    summary: str = Field(description="Markdown.")
    is_illustrative: bool = Field(description="Not confirmed by a published source.")
    latitude: float | None
    longitude: float | None
    source: str
    current_step: PathStepKind | None = Field(
        description="The furthest step of the path taken (as of the list's `as_of` date); null before the first."
    )
    url: str = Field(description="The country's page.")

    resolve_code = staticmethod(country_code_of)
    resolve_name = staticmethod(country_name_of)

    @staticmethod
    def resolve_current_step(pathfinder: PathfinderCountry) -> str | None:
        reached = getattr(pathfinder, "reached", None)
        return step_of(reached) or None

    @staticmethod
    def resolve_url(pathfinder: PathfinderCountry) -> str:
        return pathfinder.get_absolute_url()


class PathfinderCountryIn(InputSchema):
    country: CountryCode = Field(description="ISO 3166 alpha-2 code.")
    focal_institution: str | None = Field(None, description="Slug of the national focal institution.")
    summary: str = ""
    is_illustrative: bool = False
    source: str = ""
    latitude: Decimal | None = Field(None, ge=-90, le=90, decimal_places=4)
    longitude: Decimal | None = Field(None, ge=-180, le=180, decimal_places=4)


class StatusQuery(Schema):
    status: PathfinderStatus | None = None
    step: PathStepKind | None = Field(
        None, description="Only countries whose furthest step taken is this one."
    )
    as_of: datetime.date | None = Field(None, description="Steps taken by this date; today when absent.")


class StepCountOut(Schema):
    step: PathStepKind | None = Field(description="Null counts the countries with no step taken.")
    label: str
    count: int


class StepCountsOut(Schema):
    as_of: datetime.date
    counts: list[StepCountOut]


class AsOfQuery(Schema):
    as_of: datetime.date | None = Field(None, description="Steps taken by this date; today when absent.")


def pathfinder_by_code(code: str | None, *, field: str) -> PathfinderCountry | None:
    """The Pathfinder Country a request names by ISO code; a country not on the list is the client's mistake."""
    if not code:
        return None
    pathfinder = PathfinderCountry.objects.filter(country=code.upper()).first()
    if pathfinder is None:
        raise ValidationError({field: _("%(code)s is not a Pathfinder Country.") % {"code": code}})
    return pathfinder
