"""Reads of events: the calendar, an event with everything its page shows, registrations and feeds."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Min, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from alliance87.accounts.models import User
from alliance87.accounts.types import Person
from alliance87.bodies.models import Body
from alliance87.countries.models import PathfinderCountry
from alliance87.library.selectors import visible_items
from alliance87.plans.selectors import results_editable_by

# Decisions and follow-up actions are read by other apps through this module (the domains contract lets them
# import `selectors` only); they are written in `decision_selectors`.
from .decision_selectors import (
    ActionCounts as ActionCounts,
)
from .decision_selectors import (
    OwnerKey as OwnerKey,
)
from .decision_selectors import (
    actions_of as actions_of,
)
from .decision_selectors import (
    decisions_of_body as decisions_of_body,
)
from .decision_selectors import (
    follow_up_counts_by_body as follow_up_counts_by_body,
)
from .decision_selectors import (
    follow_up_counts_by_owner as follow_up_counts_by_owner,
)
from .decision_selectors import (
    overdue_actions as overdue_actions,
)
from .decision_selectors import (
    overdue_actions_of as overdue_actions_of,
)
from .models import (
    MAX_EVENT_LENGTH,
    AgendaSession,
    Event,
    EventOrganiser,
    Registration,
    RegistrationStatus,
    RoadmapAction,
)

if TYPE_CHECKING:
    from alliance87.library.models import Item
    from alliance87.plans.models import ResultNode

#: How far back the public feeds reach: older events no longer matter to a calendar program.
FEED_HISTORY = datetime.timedelta(days=400)


@dataclass(frozen=True)
class EventFilters:
    kind: str = ""
    body: Body | None = None
    country: PathfinderCountry | None = None


def _listing(events: QuerySet[Event]) -> QuerySet[Event]:
    return events.select_related("owner_body", "owner_country").prefetch_related(
        Prefetch("organiser_links", queryset=EventOrganiser.objects.select_related("organisation"))
    )


def _filtered(filters: EventFilters | None) -> QuerySet[Event]:
    filters = filters or EventFilters()
    found = Event.objects.all()
    if filters.kind:
        found = found.filter(kind=filters.kind)
    if filters.body is not None:
        found = found.filter(owner_body=filters.body)
    if filters.country is not None:
        found = found.filter(owner_country=filters.country)
    return found


def events(filters: EventFilters | None = None) -> QuerySet[Event]:
    """Every event matching the filters, in date order, with what a list shows."""
    return _listing(_filtered(filters)).order_by("starts_at", "pk")


def calendar_events(filters: EventFilters | None = None) -> QuerySet[Event]:
    """`events` for the calendar's grid and tables, which show the owner but not the organisers (nothing to
    prefetch: one query each)."""
    return _filtered(filters).select_related("owner_body", "owner_country").order_by("starts_at", "pk")


def upcoming(found: QuerySet[Event], now: datetime.datetime | None = None) -> QuerySet[Event]:
    """Events not over yet, soonest first.

    Bounded on the start too (an event lasts at most `MAX_EVENT_LENGTH`): a body's events are read from its
    (body, start) index from there, instead of from its first event ever.
    """
    now = now or timezone.now()
    return found.filter(ends_at__gte=now, starts_at__gte=now - MAX_EVENT_LENGTH).order_by("starts_at", "pk")


def past(found: QuerySet[Event], now: datetime.datetime | None = None) -> QuerySet[Event]:
    """Events that are over, latest first (they started before now: read backwards from there)."""
    now = now or timezone.now()
    return found.filter(ends_at__lt=now, starts_at__lt=now).order_by("-starts_at", "-pk")


def in_month(found: QuerySet[Event], year: int, month: int) -> list[Event]:
    """Events that overlap a calendar month (in UTC, a day's margin either side for the events' own zones).

    One query on the start index between two bounds: an event lasts at most `MAX_EVENT_LENGTH` (the services
    refuse longer ones), so none that started before the month's first day less that length reaches into it. Without
    the lower bound the query read every event that ever started before the month's end.
    """
    first = datetime.datetime(year, month, 1, tzinfo=datetime.UTC) - datetime.timedelta(days=1)
    last_day = calendar.monthrange(year, month)[1]
    end = datetime.datetime(year, month, last_day, tzinfo=datetime.UTC) + datetime.timedelta(days=2)
    return list(found.filter(starts_at__gte=first - MAX_EVENT_LENGTH, starts_at__lt=end, ends_at__gte=first))


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    events: list[Event] = field(default_factory=list)


def month_weeks(year: int, month: int, month_events: list[Event]) -> list[list[Day]]:
    """The weeks of a month (Monday first) with each day's events, dated in each event's own time zone."""
    weeks = [
        [Day(date=day, in_month=day.month == month) for day in week]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    ]
    by_date = {day.date: day for week in weeks for day in week}
    first_shown, last_shown = weeks[0][0].date, weeks[-1][-1].date
    for event in month_events:
        # Only the days on the page: a long event costs no more than a short one.
        day = max(event.local_starts_at.date(), first_shown)
        last = min(event.local_ends_at.date(), last_shown)
        while day <= last:
            by_date[day].events.append(event)
            day += datetime.timedelta(days=1)
    return weeks


def event_detail(slug: str, user: Person) -> Event:
    """An event with its owner, organisers, agenda (with the documents this person may see), outcomes and roadmap."""
    documents = visible_items(user).distinct().order_by("title")
    return (
        Event.objects.select_related("owner_body", "owner_country", "owner_country__focal_institution")
        .prefetch_related(
            Prefetch("organiser_links", queryset=EventOrganiser.objects.select_related("organisation")),
            Prefetch(
                "sessions",
                queryset=AgendaSession.objects.order_by("starts_at", "pk").prefetch_related(
                    Prefetch("documents", queryset=documents), "speaker_accounts"
                ),
            ),
            "outcomes",
            Prefetch(
                "roadmap",
                queryset=RoadmapAction.objects.select_related(
                    "responsible_organisation", "plan_activity", "plan_activity__plan"
                ),
            ),
        )
        .annotate(
            registered_count=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED)
            ),
            waitlisted_count=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED)
            ),
        )
        .get(slug=slug)
    )


def registration_of(event: Event, user: Person) -> Registration | None:
    if not (user and user.is_authenticated):
        return None
    return Registration.objects.filter(event=event, user=user).first()


def participants(event: Event) -> QuerySet[Registration]:
    """The people registered (holding a place), by name; show only to whom permissions.can_see_participants allows."""
    return (
        Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED)
        .select_related("user")
        .prefetch_related("user__organisation_memberships__organisation")
        .order_by("user__full_name", "user__email")
    )


def registrations(event: Event, status: str = "") -> QuerySet[Registration]:
    """Every registration of an event for its organisers: requests first, then the waiting list in order."""
    found = Registration.objects.filter(event=event).select_related("user", "decided_by")
    if status:
        found = found.filter(status=status)
    return found.order_by("status", "position", "created_at", "pk")


def events_using(item: Any) -> list[Event]:
    """The events whose agenda used a library item, earliest first (for the item's page)."""
    sessions = (
        AgendaSession.objects.filter(documents=item).select_related("event").order_by("event__starts_at")
    )
    return list({session.event_id: session.event for session in sessions}.values())


def events_of_body(body: Body) -> dict[str, list[Event]]:
    found = events(EventFilters(body=body))
    return {"upcoming_events": list(upcoming(found)[:10]), "past_events": list(past(found)[:10])}


def looked_up_start() -> Coalesce:
    """Events' start, in an expression no index gives: for events found through another index (a body's, a
    country's), which the database then sorts, instead of walking the start index of every event for them."""
    return Coalesce("starts_at", "ends_at")


def events_looked_up() -> QuerySet[Event]:
    """Events in date order for a prefetch through another index (a Pathfinder step's events): sorted once found,
    not found by walking the start index of every event."""
    return Event.objects.order_by(looked_up_start().asc(), "pk")


def events_in_countries(codes: list[str]) -> dict[str, list[Event]]:
    """Events held in these countries (by venue) or by their Pathfinder Country: ten upcoming and ten past.

    Found through the venue and owner indexes, then sorted: filtered and ordered on the date columns, SQLite
    walked the start (or end) index of every upcoming event looking for a country's (100 ms at 20,000 events).
    The two lookups are a union: as "venue OR owner", SQLite scanned every event whenever its statistics
    overrated the rows per country (every event without a venue country has the same empty one: 6 ms a list at
    20,000 events).
    """
    codes = [code.upper() for code in codes]
    owners = PathfinderCountry.objects.filter(country__in=codes).values("pk")
    held = Event.objects.filter(country__in=codes).order_by().values("pk")
    owned = Event.objects.filter(owner_country__in=owners).order_by().values("pk")
    found = _listing(Event.objects.filter(pk__in=held.union(owned)))
    ends = Coalesce("ends_at", "starts_at")  # the same: ends_at is never empty
    now = timezone.now()
    start = looked_up_start()
    return {
        "upcoming_events": list(found.alias(end=ends).filter(end__gte=now).order_by(start.asc(), "pk")[:10]),
        "past_events": list(found.alias(end=ends).filter(end__lt=now).order_by(start.desc(), "-pk")[:10]),
    }


def feed_events(filters: EventFilters | None = None) -> QuerySet[Event]:
    """What a public feed carries: recent and future events, cancelled ones too (so calendars remove them)."""
    return events(filters).filter(ends_at__gte=timezone.now() - FEED_HISTORY)


def events_registered_by(user: User) -> QuerySet[Event]:
    """The events a person holds a place at, for their personal feed and dashboard."""
    return _listing(
        Event.objects.filter(registrations__user=user, registrations__status=RegistrationStatus.REGISTERED)
    ).order_by("starts_at", "pk")


def my_registrations(user: User) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(user=user)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("event")
        .order_by("-event__starts_at")
    )


def plan_results_editable_by(user: Person) -> QuerySet[ResultNode]:
    """Results of the plans this person edits, to put a roadmap action under (or to link it to)."""
    return results_editable_by(user)


def library_items_for(user: Person) -> QuerySet[Item]:
    """Library items a person may see, to attach to an agenda session."""
    return visible_items(user).distinct().order_by("title")


def next_change(now: datetime.datetime) -> datetime.datetime | None:
    """When, after `now`, an event next starts, ends or closes its registration: the calendar changes then."""
    found = Event.objects.aggregate(
        start=Min("starts_at", filter=Q(starts_at__gt=now)),
        end=Min("ends_at", filter=Q(ends_at__gt=now)),
        deadline=Min("registration_deadline", filter=Q(registration_deadline__gt=now)),
    )
    moments = [moment for moment in found.values() if moment is not None]
    return min(moments) if moments else None
