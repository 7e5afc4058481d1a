"""Announcing, changing and cancelling events."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from alliance87.accounts.models import User
from alliance87.bodies.models import Body
from alliance87.core.concurrency import check_version
from alliance87.core.content_translation import blank_to_none, original_value, translation_field_names
from alliance87.core.emails import queue_email_to_each
from alliance87.core.inputs import UNSET, ServiceInput, Unset
from alliance87.core.slugs import unique_slug
from alliance87.countries.models import PathfinderCountry
from alliance87.partners.models import Organisation

from ..models import (
    MAX_EVENT_LENGTH,
    Event,
    EventOrganiser,
    EventStatus,
    OrganiserRole,
    RegistrationStatus,
)
from ..permissions import can_hold_events_for_body, can_hold_events_for_country

if TYPE_CHECKING:
    pass

from .common import aware_in_zone, check_editor, check_year, check_zone
from .registrations import promote_waitlisted


@dataclass(frozen=True, kw_only=True)
class EventInput(ServiceInput):
    """An event's record (unset fields keep their values); times are read in the event's time zone."""

    kind: str | Unset = UNSET
    title: str | Unset = UNSET
    description: str | Unset = UNSET
    owner_body: Body | Unset | None = UNSET
    owner_country: PathfinderCountry | Unset | None = UNSET
    starts_at: datetime.datetime | Unset = UNSET
    ends_at: datetime.datetime | Unset = UNSET
    timezone: str | Unset = UNSET
    venue: str | Unset = UNSET
    city: str | Unset = UNSET
    country: str | Unset = UNSET
    online_url: str | Unset = UNSET
    is_open: bool | Unset = UNSET
    capacity: int | Unset | None = UNSET
    registration_deadline: datetime.datetime | Unset | None = UNSET
    is_illustrative: bool | Unset = UNSET
    organisers: Sequence[Organisation] | Unset = UNSET
    co_organisers: Sequence[Organisation] | Unset = UNSET
    # Translations (core.content_translation): empty where there is none, so the original shows.
    title_fr: str | Unset | None = UNSET
    city_fr: str | Unset | None = UNSET
    description_fr: str | Unset | None = UNSET
    title_es: str | Unset | None = UNSET
    city_es: str | Unset | None = UNSET
    description_es: str | Unset | None = UNSET


EVENT_FIELDS = EventInput.field_names()
EVENT_TRANSLATIONS = translation_field_names(("title", "city", "description"))
#: Changes a calendar program must pick up: they raise the event's iCalendar SEQUENCE.
SIGNIFICANT_FIELDS = frozenset(
    {"title", "description", "starts_at", "ends_at", "timezone", "venue", "city", "country", "online_url"}
)
#: Slugs that are pages of their own under /events/ (see urls.py).
RESERVED_SLUGS = frozenset({"new", "feed", "my-calendar", "my-actions", "decisions", "actions"})


def _check_owner(by: User, event: Event) -> None:
    if (event.owner_body_id and event.owner_country_id) or not (
        event.owner_body_id or event.owner_country_id
    ):
        raise ValidationError({"owner_body": _("An event is held either by a body or by a country.")})
    if event.owner_body_id and not can_hold_events_for_body(by, event.owner_body):  # type: ignore[arg-type]
        raise PermissionDenied(_("Only the chairs of this body or the Secretariat can hold events for it."))
    if event.owner_country_id and not can_hold_events_for_country(by, event.owner_country):  # type: ignore[arg-type]
        raise PermissionDenied(
            _(
                "Only the focal points of the country's focal institution or the Secretariat can hold events for it."
            )
        )


def _unique_slug(event: Event) -> str:
    """The title's slug and the year; the title is cut here so that no cut can take the year off."""
    year = event.starts_at.year if event.starts_at else timezone.now().year
    title = slugify(original_value(event, "title"))[:100].rstrip("-") or "event"
    return unique_slug(Event, f"{title}-{year}", max_length=120, reserved=RESERVED_SLUGS, exclude_pk=event.pk)


def _validate_event(event: Event) -> None:
    check_zone(event.timezone)
    if event.starts_at and event.ends_at and event.ends_at < event.starts_at:
        raise ValidationError({"ends_at": _("An event cannot end before it starts.")})
    if event.starts_at and event.ends_at and event.ends_at - event.starts_at > MAX_EVENT_LENGTH:
        raise ValidationError(
            {"ends_at": _("An event lasts at most %(days)s days.") % {"days": MAX_EVENT_LENGTH.days}}
        )
    if event.registration_deadline and event.ends_at and event.registration_deadline > event.ends_at:
        raise ValidationError({"registration_deadline": _("Registration cannot close after the event ends.")})
    if not (event.venue or event.city or event.online_url):
        raise ValidationError({"venue": _("Give a venue or city, or an online link.")})
    event.full_clean(exclude=["uid", "organisers"])


def _set_organisers(event: Event, values: EventInput) -> None:
    if values.organisers is UNSET and values.co_organisers is UNSET:
        return
    current = {link.organisation_id: link for link in event.organiser_links.all()}
    organisers = list(
        [link.organisation for link in current.values() if link.role == OrganiserRole.ORGANISER]
        if values.organisers is UNSET
        else values.organisers
    )
    co_organisers = list(
        [link.organisation for link in current.values() if link.role == OrganiserRole.CO_ORGANISER]
        if values.co_organisers is UNSET
        else values.co_organisers
    )
    overlap = {o.pk for o in organisers} & {o.pk for o in co_organisers}
    if overlap:
        raise ValidationError(
            {"co_organisers": _("An organisation is either an organiser or a co-organiser.")}
        )
    wanted: dict[int, tuple[Organisation, str, int]] = {}
    for role, organisations in (
        (OrganiserRole.ORGANISER, organisers),
        (OrganiserRole.CO_ORGANISER, co_organisers),
    ):
        for position, organisation in enumerate(organisations):
            wanted[organisation.pk] = (organisation, role, position)
    EventOrganiser.objects.filter(event=event).exclude(organisation_id__in=wanted).delete()
    for organisation, role_name, position in wanted.values():
        EventOrganiser.objects.update_or_create(
            event=event, organisation=organisation, defaults={"role": role_name, "position": position}
        )


def _assign(event: Event, values: EventInput) -> set[str]:
    """Copy the sent fields onto the event; times are read in the event's (possibly new) zone. Returns the
    names of the fields whose value changed."""
    zone_name = (event.timezone if values.timezone is UNSET else values.timezone) or "UTC"
    check_zone(zone_name)
    changed: set[str] = set()
    for field, value in values.given().items():
        if field in ("organisers", "co_organisers"):
            continue
        if field in ("starts_at", "ends_at", "registration_deadline"):
            check_year(field, value)
            value = aware_in_zone(value, zone_name)
        if field in EVENT_TRANSLATIONS:
            value = blank_to_none(value)
        elif isinstance(value, str) and field != "description":
            value = value.strip()
        # The original, not `event.title`, which reads the reader's language.
        if original_value(event, field) != value:
            changed.add(field)
        setattr(event, field, value)
    return changed


@transaction.atomic
def create_event(*, by: User, values: EventInput) -> Event:
    """Announce an event of a body or a country (the people who run it, or the Secretariat)."""
    event = Event()
    _assign(event, values)
    _check_owner(by, event)
    event.slug = _unique_slug(event)
    _validate_event(event)
    event.save()
    _set_organisers(event, values)
    return event


@transaction.atomic
def update_event(*, event: Event, by: User, values: EventInput, version: str | None = None) -> Event:
    """Change an event; a change calendar programs must see raises its SEQUENCE, more places fill the waiting list.

    A change from a `version` someone has saved over since is refused."""
    check_editor(by, event)
    locked = Event.objects.select_for_update().get(pk=event.pk)
    check_version(locked, version, what=_("the event's details"))
    old_owner = (locked.owner_body_id, locked.owner_country_id)
    changed = _assign(locked, values)
    if (locked.owner_body_id, locked.owner_country_id) != old_owner:
        _check_owner(by, locked)
    _validate_event(locked)
    if changed & SIGNIFICANT_FIELDS:
        locked.sequence += 1
    locked.save()
    _set_organisers(locked, values)
    if "capacity" in changed:
        promote_waitlisted(locked)
    return locked


@transaction.atomic
def cancel_event(*, event: Event, by: User) -> Event:
    """Call an event off: it stays in the feeds as cancelled (so calendars remove it) and participants are told."""
    check_editor(by, event)
    locked = Event.objects.select_for_update().get(pk=event.pk)
    if locked.status == EventStatus.CANCELLED:
        raise ValidationError(_("This event has already been cancelled."))
    locked.status = EventStatus.CANCELLED
    locked.sequence += 1
    locked.save(update_fields=["status", "sequence", "updated_at"])
    registrants = [
        registration.user
        for registration in locked.registrations.filter(
            status__in=[RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED]
        ).select_related("user")
    ]
    queue_email_to_each(
        template="meetings/email/event_cancelled", people=registrants, context={"event": locked}
    )
    return locked
