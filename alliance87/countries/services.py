"""Changes to Pathfinder Countries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from alliance87.accounts.models import User
from alliance87.core.inputs import UNSET, ServiceInput, Unset
from alliance87.partners.models import Organisation

from .models import PathfinderCountry
from .permissions import can_edit_countries


@dataclass(frozen=True, kw_only=True)
class PathfinderCountryInput(ServiceInput):
    """A Pathfinder Country's record (unset fields keep their values)."""

    country: str | Unset = UNSET
    status: str | Unset = UNSET
    pathfinder_since: datetime.date | Unset | None = UNSET
    focal_institution: Organisation | Unset | None = UNSET
    summary: str | Unset = UNSET
    is_illustrative: bool | Unset = UNSET
    source: str | Unset = UNSET
    latitude: Decimal | Unset | None = UNSET
    longitude: Decimal | Unset | None = UNSET


COUNTRY_FIELDS = PathfinderCountryInput.field_names()


@transaction.atomic
def save_pathfinder_country(
    *, by: User, values: PathfinderCountryInput, pathfinder: PathfinderCountry | None = None
) -> PathfinderCountry:
    """Add a country to the Pathfinder list or change its record (Secretariat)."""
    if not can_edit_countries(by):
        raise PermissionDenied(_("Only the Secretariat records Pathfinder Countries."))
    pathfinder = pathfinder or PathfinderCountry()
    values.apply_to(pathfinder)
    pathfinder.full_clean()
    pathfinder.save()
    return pathfinder
