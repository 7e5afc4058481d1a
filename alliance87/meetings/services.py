"""Changes to events, their agendas, registrations, outcomes and roadmaps.

Registration is the one place where people race each other for places: every change to an event's
registrations first locks the event row (SELECT … FOR UPDATE on PostgreSQL; SQLite runs write transactions
one at a time, see settings ``transaction_mode``), then counts the places under that lock.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from alliance87.accounts.models import User
from alliance87.bodies.models import Body
from alliance87.core.concurrency import check_version
from alliance87.core.emails import queue_email
from alliance87.core.inputs import UNSET, ServiceInput, Unset
from alliance87.core.slugs import unique_slug
from alliance87.countries.models import PathfinderCountry, PathStep
from alliance87.countries.permissions import can_edit_countries
from alliance87.library.selectors import visible_items
from alliance87.partners.models import Organisation
from alliance87.plans import services as plan_services
from alliance87.plans.permissions import can_edit_plan

from .models import (
    AgendaSession,
    CalendarFeed,
    Event,
    EventOrganiser,
    EventStatus,
    OrganiserRole,
    OutcomeNote,
    Registration,
    RegistrationStatus,
    RoadmapAction,
    validate_time_zone,
)
from .permissions import can_edit_event, can_hold_events_for_body, can_hold_events_for_country

if TYPE_CHECKING:
    from alliance87.library.models import Item
    from alliance87.plans.models import Plan, ResultNode


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


@dataclass(frozen=True, kw_only=True)
class SessionInput(ServiceInput):
    """A session of an event's agenda, with its speakers and documents."""

    starts_at: datetime.datetime | Unset = UNSET
    ends_at: datetime.datetime | Unset | None = UNSET
    title: str | Unset = UNSET
    description: str | Unset = UNSET
    speakers: str | Unset = UNSET
    speaker_accounts: Sequence[User] | Unset = UNSET
    documents: Sequence[Item] | Unset = UNSET


@dataclass(frozen=True, kw_only=True)
class OutcomeInput(ServiceInput):
    """A decision, an agreed priority or a research question of an event."""

    kind: str | Unset = UNSET
    text: str | Unset = UNSET
    position: int | Unset = UNSET
    is_illustrative: bool | Unset = UNSET


@dataclass(frozen=True, kw_only=True)
class RoadmapActionInput(ServiceInput):
    """An action of an event's roadmap: who is responsible, and when it is due."""

    description: str | Unset = UNSET
    responsible_organisation: Organisation | Unset | None = UNSET
    due_date: datetime.date | Unset | None = UNSET
    status: str | Unset = UNSET
    position: int | Unset = UNSET
    is_illustrative: bool | Unset = UNSET


EVENT_FIELDS = EventInput.field_names()
#: Changes a calendar program must pick up: they raise the event's iCalendar SEQUENCE.
SIGNIFICANT_FIELDS = frozenset(
    {"title", "description", "starts_at", "ends_at", "timezone", "venue", "city", "country", "online_url"}
)
SESSION_FIELDS = SessionInput.field_names()
#: The years an event or session may fall in (the calendar pages show the same span).
FIRST_YEAR, LAST_YEAR = 1900, 2199
#: A conference or a campaign week, not a programme: longer work is a plan or a roadmap.
MAX_EVENT_LENGTH = datetime.timedelta(days=366)
OUTCOME_FIELDS = OutcomeInput.field_names()
ACTION_FIELDS = RoadmapActionInput.field_names()
#: Slugs that are pages of their own under /events/ (see urls.py).
RESERVED_SLUGS = frozenset({"new", "feed", "my-calendar"})


def aware_in_zone(value: datetime.datetime | None, zone_name: str) -> datetime.datetime | None:
    """A time as given (with its offset), or a wall-clock time read in the event's zone; stored in UTC."""
    if value is None:
        return None
    if timezone.is_naive(value):
        value = value.replace(tzinfo=zoneinfo.ZoneInfo(zone_name))
    return value.astimezone(datetime.UTC)


def _check_zone(zone_name: str) -> None:
    try:
        validate_time_zone(zone_name)
    except ValidationError as error:
        raise ValidationError({"timezone": error.messages}) from None


def _check_editor(by: User, event: Event) -> None:
    if not can_edit_event(by, event):
        raise PermissionDenied(
            _(
                "Only the event's organisers, the people who run its body or country, or the Secretariat can do this."
            )
        )


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
    title = slugify(event.title)[:100].rstrip("-") or "event"
    return unique_slug(Event, f"{title}-{year}", max_length=120, reserved=RESERVED_SLUGS, exclude_pk=event.pk)


def _check_year(field: str, value: datetime.datetime | None) -> None:
    """Dates of the partnership's calendar only: year 1 or 9999 is a typing slip, and the calendar pages
    would have to walk every day in between."""
    if value is not None and not (FIRST_YEAR <= value.year <= LAST_YEAR):
        raise ValidationError(
            {
                field: _("Give a date between %(first)s and %(last)s.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR}
            }
        )


def _validate_event(event: Event) -> None:
    _check_zone(event.timezone)
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
    _check_zone(zone_name)
    changed: set[str] = set()
    for field, value in values.given().items():
        if field in ("organisers", "co_organisers"):
            continue
        if field in ("starts_at", "ends_at", "registration_deadline"):
            _check_year(field, value)
            value = aware_in_zone(value, zone_name)
        if isinstance(value, str) and field != "description":
            value = value.strip()
        if getattr(event, field) != value:
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
    _check_editor(by, event)
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
        _promote_waitlisted(locked)
    return locked


@transaction.atomic
def cancel_event(*, event: Event, by: User) -> Event:
    """Call an event off: it stays in the feeds as cancelled (so calendars remove it) and participants are told."""
    _check_editor(by, event)
    locked = Event.objects.select_for_update().get(pk=event.pk)
    if locked.status == EventStatus.CANCELLED:
        raise ValidationError(_("This event has already been cancelled."))
    locked.status = EventStatus.CANCELLED
    locked.sequence += 1
    locked.save(update_fields=["status", "sequence", "updated_at"])
    emails = list(
        locked.registrations.filter(status__in=[RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED])
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    for email in emails:
        queue_email(template="meetings/email/event_cancelled", to=[email], context={"event": locked})
    return locked


# --- Agenda -------------------------------------------------------------------------------------------------------


@transaction.atomic
def save_session(
    *, event: Event, by: User, values: SessionInput, session: AgendaSession | None = None
) -> AgendaSession:
    """Add or change a session of the agenda; its times are read in the event's time zone."""
    _check_editor(by, event)
    if session is not None and session.event_id != event.pk:
        raise ValidationError(_("This session belongs to another event."))
    session = session or AgendaSession(event=event)
    for field, value in values.given().items():
        if field in ("speaker_accounts", "documents"):
            continue
        if field in ("starts_at", "ends_at"):
            _check_year(field, value)
            value = aware_in_zone(value, event.timezone)
        setattr(session, field, value.strip() if isinstance(value, str) and field != "description" else value)
    if session.ends_at and session.starts_at and session.ends_at < session.starts_at:
        raise ValidationError({"ends_at": _("A session cannot end before it starts.")})
    session.full_clean(exclude=["event"])
    session.save()
    if values.speaker_accounts is not UNSET:
        session.speaker_accounts.set(values.speaker_accounts)
    if values.documents is not UNSET:
        # Documents the editor may not see stay attached, untouched: they could neither choose nor drop them.
        unseen = session.documents.exclude(pk__in=visible_items(by).values("pk"))
        session.documents.set([*values.documents, *unseen])
    return session


@transaction.atomic
def delete_session(*, session: AgendaSession, by: User) -> None:
    _check_editor(by, session.event)
    session.delete()


# --- Registration -------------------------------------------------------------------------------------------------


def _notify(registration: Registration, reason: str) -> None:
    if registration.user.email:
        queue_email(
            template="meetings/email/registration",
            to=[registration.user.email],
            context={"registration": registration, "event": registration.event, "reason": reason},
        )


def _lock(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def _registered_count(event: Event) -> int:
    return Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED).count()


def _has_room(event: Event) -> bool:
    return event.capacity is None or _registered_count(event) < event.capacity


def _next_waitlist_position(event: Event) -> int:
    last = Registration.objects.filter(event=event, status=RegistrationStatus.WAITLISTED).aggregate(
        last=Max("position")
    )["last"]
    return (last or 0) + 1


def _promote_waitlisted(event: Event) -> list[Registration]:
    """Give free places to the waiting list, first come first served; the caller holds the event lock."""
    promoted = []
    while _has_room(event):
        first = (
            Registration.objects.select_for_update()
            .select_related("user", "event")
            .filter(event=event, status=RegistrationStatus.WAITLISTED)
            .order_by("position", "created_at", "pk")
            .first()
        )
        if first is None:
            break
        first.status = RegistrationStatus.REGISTERED
        first.position = 0
        first.save(update_fields=["status", "position", "updated_at"])
        _notify(first, "promoted")
        promoted.append(first)
    return promoted


def registration_closed_reason(event: Event, now: datetime.datetime | None = None) -> str:
    """Why nobody can register now ("" when registration is open)."""
    now = now or timezone.now()
    if event.status == EventStatus.CANCELLED:
        return _("This event has been cancelled.")
    if event.ends_at < now:
        return _("This event is over.")
    if event.registration_deadline and event.registration_deadline < now:
        return _("Registration for this event has closed.")
    return ""


@transaction.atomic
def register(*, event: Event, user: User) -> Registration:
    """Register a person: a place if one is free, else the waiting list; for a closed meeting, a request the
    organisers approve. The person is told by e-mail."""
    if not (user and user.is_authenticated and user.is_active):
        raise PermissionDenied(_("Sign in to register."))
    locked = _lock(event)
    reason = registration_closed_reason(locked)
    if reason:
        raise ValidationError(reason)
    registration = Registration.objects.select_for_update().filter(event=locked, user=user).first()
    if registration is not None:
        if registration.status == RegistrationStatus.DECLINED:
            raise ValidationError(_("The organisers have declined your registration for this event."))
        if registration.status != RegistrationStatus.CANCELLED:
            raise ValidationError(_("You are already registered for this event."))
    else:
        registration = Registration(event=locked, user=user)
    if not locked.is_open:
        registration.status, registration.position = RegistrationStatus.PENDING, 0
    elif _has_room(locked):
        registration.status, registration.position = RegistrationStatus.REGISTERED, 0
    else:
        registration.status = RegistrationStatus.WAITLISTED
        registration.position = _next_waitlist_position(locked)
    registration.decided_by, registration.decided_at = None, None
    registration.save()
    registration.event = locked
    _notify(registration, str(registration.status))
    return registration


@transaction.atomic
def cancel_registration(*, registration: Registration, by: User) -> Registration:
    """The participant withdraws (or an editor removes them); a freed place goes to the first on the waiting list."""
    if not (by.pk == registration.user_id or can_edit_event(by, registration.event)):
        raise PermissionDenied(_("You may not cancel this registration."))
    event = _lock(registration.event)
    locked = Registration.objects.select_for_update().get(pk=registration.pk)
    if locked.status not in (
        RegistrationStatus.REGISTERED,
        RegistrationStatus.WAITLISTED,
        RegistrationStatus.PENDING,
    ):
        raise ValidationError(_("This registration is not active."))
    held_a_place = locked.status == RegistrationStatus.REGISTERED
    locked.status, locked.position = RegistrationStatus.CANCELLED, 0
    locked.save(update_fields=["status", "position", "updated_at"])
    if held_a_place and event.status == EventStatus.SCHEDULED:
        _promote_waitlisted(event)
    return locked


@transaction.atomic
def approve_registration(*, registration: Registration, by: User) -> Registration:
    """Accept a request to attend a closed meeting: a place if one is free, else the waiting list."""
    _check_editor(by, registration.event)
    event = _lock(registration.event)
    locked = Registration.objects.select_for_update().select_related("user").get(pk=registration.pk)
    if locked.status != RegistrationStatus.PENDING:
        raise ValidationError(_("Only a request waiting for approval can be approved."))
    if _has_room(event):
        locked.status, locked.position = RegistrationStatus.REGISTERED, 0
    else:
        locked.status, locked.position = RegistrationStatus.WAITLISTED, _next_waitlist_position(event)
    locked.decided_by, locked.decided_at = by, timezone.now()
    locked.save()
    locked.event = event
    _notify(locked, "approved" if locked.status == RegistrationStatus.REGISTERED else "waitlisted")
    return locked


@transaction.atomic
def decline_registration(*, registration: Registration, by: User) -> Registration:
    """Turn a participant down (a request, a waiting-list place or a place); a freed place moves the list on."""
    _check_editor(by, registration.event)
    event = _lock(registration.event)
    locked = Registration.objects.select_for_update().select_related("user").get(pk=registration.pk)
    if locked.status not in (
        RegistrationStatus.PENDING,
        RegistrationStatus.WAITLISTED,
        RegistrationStatus.REGISTERED,
    ):
        raise ValidationError(_("This registration is not active."))
    held_a_place = locked.status == RegistrationStatus.REGISTERED
    locked.status, locked.position = RegistrationStatus.DECLINED, 0
    locked.decided_by, locked.decided_at = by, timezone.now()
    locked.save()
    locked.event = event
    _notify(locked, "declined")
    if held_a_place and event.status == EventStatus.SCHEDULED:
        _promote_waitlisted(event)
    return locked


# --- Outcomes and roadmap -----------------------------------------------------------------------------------------


def _save_child(
    model: type[OutcomeNote] | type[RoadmapAction],
    *,
    event: Event,
    by: User,
    values: OutcomeInput | RoadmapActionInput,
    instance: Any,
) -> Any:
    _check_editor(by, event)
    if instance is not None and instance.event_id != event.pk:
        raise ValidationError(_("This record belongs to another event."))
    if instance is None:
        last = model.objects.filter(event=event).aggregate(last=Max("position"))["last"]
        instance = model(event=event, position=(last or 0) + 1)
    for field, value in values.given().items():
        setattr(instance, field, value.strip() if isinstance(value, str) else value)
    instance.full_clean(exclude=["event", "plan_activity"])
    instance.save()
    return instance


@transaction.atomic
def save_outcome(
    *, event: Event, by: User, values: OutcomeInput, outcome: OutcomeNote | None = None
) -> OutcomeNote:
    """Record a decision, an agreed priority or a research question of an event."""
    return _save_child(OutcomeNote, event=event, by=by, values=values, instance=outcome)


@transaction.atomic
def delete_outcome(*, outcome: OutcomeNote, by: User) -> None:
    _check_editor(by, outcome.event)
    outcome.delete()


@transaction.atomic
def save_roadmap_action(
    *, event: Event, by: User, values: RoadmapActionInput, action: RoadmapAction | None = None
) -> RoadmapAction:
    """Record an action of an event's roadmap, with who is responsible and when it is due."""
    return _save_child(RoadmapAction, event=event, by=by, values=values, instance=action)


@transaction.atomic
def delete_roadmap_action(*, action: RoadmapAction, by: User) -> None:
    _check_editor(by, action.event)
    action.delete()


def _check_plan_editor(by: User, plan: Plan) -> None:
    if not can_edit_plan(by, plan):
        raise PermissionDenied(_("Only the plan's editors can add or link activities in it."))


@transaction.atomic
def turn_action_into_plan_activity(
    *, action: RoadmapAction, by: User, plan: Plan, parent: ResultNode | None, title: str = ""
) -> ResultNode:
    """Create a result in a plan's framework for a roadmap action, so what the workshop decided is tracked there."""
    _check_editor(by, action.event)
    _check_plan_editor(by, plan)
    if action.plan_activity_id:
        raise ValidationError(_("This action is already tracked as a plan activity."))
    node = plan_services.framework.add_node(
        plan=plan,
        by=by,
        parent=parent,
        title=(title or action.description).strip()[:500],
        description=_("From the roadmap of %(event)s.") % {"event": action.event.title},
        due_date=action.due_date,
        responsible_organisations=[action.responsible_organisation]
        if action.responsible_organisation
        else [],
    )
    action.plan_activity = node
    action.save(update_fields=["plan_activity", "updated_at"])
    return node


@transaction.atomic
def link_action_to_plan_activity(
    *, action: RoadmapAction, by: User, node: ResultNode | None
) -> RoadmapAction:
    """Link a roadmap action to an existing result of a plan (or unlink it with None)."""
    _check_editor(by, action.event)
    if node is not None:
        _check_plan_editor(by, node.plan)
    action.plan_activity = node
    action.save(update_fields=["plan_activity", "updated_at"])
    return action


# --- Personal calendar feed ---------------------------------------------------------------------------------------


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
