"""Pathfinder Countries, over the same services and selectors as the pages."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Status
from ninja.pagination import paginate

from alliance87.accounts.api_auth import PERSON, caller
from alliance87.core.api.errors import READ_ERRORS, WRITE_ERRORS
from alliance87.core.api.fields import Patch
from alliance87.core.api.pagination import LimitOffset
from alliance87.countries import selectors, services
from alliance87.countries.models import PathfinderCountry
from alliance87.countries.schemas import (
    AsOfQuery,
    PathfinderCountryIn,
    PathfinderCountryOut,
    StatusQuery,
    StepCountsOut,
)
from alliance87.partners.schemas import organisation_by_slug

router = Router()


def _country_input(payload: dict[str, Any]) -> services.PathfinderCountryInput:
    """The schema's fields as the service takes them: the focal institution's slug becomes the organisation."""
    if "focal_institution" in payload:
        payload = {
            **payload,
            "focal_institution": organisation_by_slug(
                payload["focal_institution"], field="focal_institution"
            ),
        }
    return services.PathfinderCountryInput.of(payload)


@router.get("", response={200: list[PathfinderCountryOut], **READ_ERRORS})
@paginate(LimitOffset)
def list_countries(request: HttpRequest, filters: Query[StatusQuery]) -> QuerySet[PathfinderCountry]:
    """Pathfinder Countries by ISO code, optionally of one status or standing at one step of the path."""
    return selectors.pathfinder_countries(
        filters.status or "", step=filters.step or "", as_of=filters.as_of
    ).order_by("country")


@router.get("/path-counts", response={200: StepCountsOut, **READ_ERRORS})
def path_counts(request: HttpRequest, filters: Query[AsOfQuery]) -> dict[str, Any]:
    """How many countries stood at each step of the path on a date, counted from the recorded steps."""
    as_of = filters.as_of or timezone.localdate()
    return {
        "as_of": as_of,
        "counts": [
            {"step": c.kind or None, "label": c.label, "count": c.count} for c in selectors.step_counts(as_of)
        ],
    }


@router.get("/{code}", response={200: PathfinderCountryOut, **READ_ERRORS})
def get_country(request: HttpRequest, code: str) -> PathfinderCountry:
    """One Pathfinder Country by its ISO code, in either case."""
    return selectors.pathfinder_by_code(code)


@router.post("", auth=PERSON, response={201: PathfinderCountryOut, **WRITE_ERRORS})
def create_country(request: HttpRequest, payload: PathfinderCountryIn) -> Status[PathfinderCountry]:
    """Add a country to the Pathfinder list (Secretariat)."""
    pathfinder = services.save_pathfinder_country(
        by=caller(request), values=_country_input(payload.model_dump())
    )
    return Status(201, selectors.pathfinder_by_code(pathfinder.code))


@router.patch("/{code}", auth=PERSON, response={200: PathfinderCountryOut, **WRITE_ERRORS})
def update_country(request: HttpRequest, code: str, payload: Patch[PathfinderCountryIn]) -> PathfinderCountry:
    """Change a Pathfinder Country's record (Secretariat); send only what changes."""
    pathfinder = services.save_pathfinder_country(
        by=caller(request), values=_country_input(payload), pathfinder=selectors.pathfinder_by_code(code)
    )
    return selectors.pathfinder_by_code(pathfinder.code)
