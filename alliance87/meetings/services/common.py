"""Rules every kind of change to an event shares: who may edit it, the years and zones its times fall in."""

from __future__ import annotations

import datetime
import zoneinfo
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from alliance87.accounts.models import User

from ..models import (
    Event,
    validate_time_zone,
)
from ..permissions import can_edit_event

if TYPE_CHECKING:
    pass


#: The years an event or session may fall in (the calendar pages show the same span).
FIRST_YEAR, LAST_YEAR = 1900, 2199


def aware_in_zone(value: datetime.datetime | None, zone_name: str) -> datetime.datetime | None:
    """A time as given (with its offset), or a wall-clock time read in the event's zone; stored in UTC."""
    if value is None:
        return None
    if timezone.is_naive(value):
        value = value.replace(tzinfo=zoneinfo.ZoneInfo(zone_name))
    return value.astimezone(datetime.UTC)


def check_zone(zone_name: str) -> None:
    try:
        validate_time_zone(zone_name)
    except ValidationError as error:
        raise ValidationError({"timezone": error.messages}) from None


def check_editor(by: User, event: Event) -> None:
    if not can_edit_event(by, event):
        raise PermissionDenied(
            _(
                "Only the event's organisers, the people who run its body or country, or the Secretariat can do this."
            )
        )


def check_year(field: str, value: datetime.datetime | None) -> None:
    """Dates of the partnership's calendar only: year 1 or 9999 is a typing slip, and the calendar pages
    would have to walk every day in between."""
    if value is not None and not (FIRST_YEAR <= value.year <= LAST_YEAR):
        raise ValidationError(
            {
                field: _("Give a date between %(first)s and %(last)s.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR}
            }
        )
