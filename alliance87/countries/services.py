"""Changes to Pathfinder Countries."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from alliance87.accounts.models import User
from alliance87.core.validation import check_fields

from .models import PathfinderCountry
from .permissions import can_edit_countries

COUNTRY_FIELDS = (
    "country",
    "status",
    "pathfinder_since",
    "focal_institution",
    "summary",
    "is_illustrative",
    "source",
    "latitude",
    "longitude",
)


@transaction.atomic
def save_pathfinder_country(
    *, by: User, data: dict[str, Any], pathfinder: PathfinderCountry | None = None
) -> PathfinderCountry:
    """Add a country to the Pathfinder list or change its record (Secretariat)."""
    if not can_edit_countries(by):
        raise PermissionDenied(_("Only the Secretariat records Pathfinder Countries."))
    check_fields(data, COUNTRY_FIELDS)
    pathfinder = pathfinder or PathfinderCountry()
    for field, value in data.items():
        setattr(pathfinder, field, value)
    pathfinder.full_clean()
    pathfinder.save()
    return pathfinder
