"""Pathfinder Countries, over the same services and selectors as the pages."""

import datetime
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from alliance87.accounts.api_auth import PERSON, caller
from alliance87.core.api.errors import READ_ERRORS, WRITE_ERRORS
from alliance87.core.api.fields import CountryCode, InputSchema, Patch, country_code_of, country_name_of
from alliance87.core.api.pagination import LimitOffset
from alliance87.countries import selectors, services
from alliance87.countries.models import PathfinderCountry, PathfinderStatus
from alliance87.partners.schemas import OrganisationRef, organisation_by_slug

router = Router(tags=["pathfinder countries"])


class PathfinderCountryOut(Schema):
    code: str = Field(description="ISO 3166 alpha-2 code.")
    name: str = Field(description="In the language of the request.")
    status: PathfinderStatus
    pathfinder_since: datetime.date | None
    focal_institution: OrganisationRef | None = Field(description="The national focal institution.")
    summary: str = Field(description="Markdown.")
    is_illustrative: bool = Field(description="Not confirmed by a published source.")
    latitude: float | None
    longitude: float | None
    source: str
    url: str = Field(description="The country's page.")

    resolve_code = staticmethod(country_code_of)
    resolve_name = staticmethod(country_name_of)

    @staticmethod
    def resolve_url(pathfinder: PathfinderCountry) -> str:
        return pathfinder.get_absolute_url()


class PathfinderCountryIn(InputSchema):
    country: CountryCode = Field(description="ISO 3166 alpha-2 code.")
    status: PathfinderStatus = PathfinderStatus.EXPRESSED_INTEREST
    pathfinder_since: datetime.date | None = None
    focal_institution: str | None = Field(None, description="Slug of the national focal institution.")
    summary: str = ""
    is_illustrative: bool = False
    source: str = ""
    latitude: Decimal | None = Field(None, ge=-90, le=90, decimal_places=4)
    longitude: Decimal | None = Field(None, ge=-180, le=180, decimal_places=4)


class StatusQuery(Schema):
    status: PathfinderStatus | None = None


def _country_data(payload: dict[str, Any]) -> dict[str, Any]:
    """The schema's fields as the service takes them: the focal institution's slug becomes the organisation."""
    if "focal_institution" in payload:
        payload = {
            **payload,
            "focal_institution": organisation_by_slug(
                payload["focal_institution"], field="focal_institution"
            ),
        }
    return payload


@router.get("/countries", response={200: list[PathfinderCountryOut], **READ_ERRORS})
@paginate(LimitOffset)
def list_countries(request: HttpRequest, filters: Query[StatusQuery]) -> QuerySet[PathfinderCountry]:
    """Pathfinder Countries by ISO code, optionally of one status."""
    return selectors.pathfinder_countries(filters.status or "").order_by("country")


@router.get("/countries/{code}", response={200: PathfinderCountryOut, **READ_ERRORS})
def get_country(request: HttpRequest, code: str) -> PathfinderCountry:
    """One Pathfinder Country by its ISO code, in either case."""
    return selectors.pathfinder_by_code(code)


@router.post("/countries", auth=PERSON, response={201: PathfinderCountryOut, **WRITE_ERRORS})
def create_country(request: HttpRequest, payload: PathfinderCountryIn) -> Status[PathfinderCountry]:
    """Add a country to the Pathfinder list (Secretariat)."""
    pathfinder = services.save_pathfinder_country(
        by=caller(request), data=_country_data(payload.model_dump())
    )
    return Status(201, selectors.pathfinder_by_code(pathfinder.code))


@router.patch("/countries/{code}", auth=PERSON, response={200: PathfinderCountryOut, **WRITE_ERRORS})
def update_country(request: HttpRequest, code: str, payload: Patch[PathfinderCountryIn]) -> PathfinderCountry:
    """Change a Pathfinder Country's record (Secretariat); send only what changes."""
    pathfinder = services.save_pathfinder_country(
        by=caller(request), data=_country_data(payload), pathfinder=selectors.pathfinder_by_code(code)
    )
    return selectors.pathfinder_by_code(pathfinder.code)
