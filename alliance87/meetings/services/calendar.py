"""People's personal calendar feeds and the link from an event to a Pathfinder Country's path step."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from alliance87.accounts.models import User
from alliance87.countries.models import PathStep
from alliance87.countries.permissions import can_edit_countries

from ..models import (
    CalendarFeed,
    Event,
)

if TYPE_CHECKING:
    pass


@transaction.atomic
def calendar_feed_of(*, user: User) -> CalendarFeed:
    """The person's calendar feed, created the first time they ask for it."""
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


@transaction.atomic
def rotate_calendar_feed(*, user: User) -> CalendarFeed:
    """Give the person a new secret feed address; the old one stops working at once."""
    feed = calendar_feed_of(user=user)
    feed.token = CalendarFeed._meta.get_field("token").get_default()
    feed.save(update_fields=["token", "updated_at"])
    return feed


@transaction.atomic
def link_event_to_path_step(*, by: User, event: Event, step: PathStep) -> Event:
    """Record that an event served a step of its country's path, e.g. as its national consultation (Secretariat)."""
    if not can_edit_countries(by):
        raise PermissionDenied(_("Only the Secretariat records the steps of a Pathfinder Country's path."))
    if event.owner_country_id != step.pathfinder_id:
        raise ValidationError(
            {"event": _("Choose an event held by %(country)s.") % {"country": step.pathfinder}}
        )
    event.path_step = step
    event.save(update_fields=["path_step", "updated_at"])
    return event
