"""The calendar of events, an event's page, its form, and registering for it."""

from __future__ import annotations

import datetime
import hashlib
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alliance87.accounts.roles import is_secretariat
from alliance87.accounts.types import Person, SignedInRequest
from alliance87.bodies.models import Body
from alliance87.bodies.permissions import chaired_body_ids
from alliance87.core.concurrency import add_version_field, is_stale, posted_version, show_current_version
from alliance87.core.forms import apply_validation_error
from alliance87.core.fragments import fragment
from alliance87.core.history import Source, render_history
from alliance87.core.pagecache import changed_in_open_transaction, next_clock_change
from alliance87.core.ratelimits import TooManyRequests, count_attempt
from alliance87.countries.models import PathfinderCountry
from alliance87.partners.permissions import focal_point_organisation_ids
from alliance87.plans.permissions import visible_plans

from . import personal, selectors, services
from .decision_views import meeting_record
from .forms import CalendarFilterForm, EventForm
from .models import AgendaSession, Event, OutcomeNote, Registration, RegistrationStatus, RoadmapAction
from .permissions import can_create_events, can_edit_event


def _month_link(year: int, month: int, step: int) -> str:
    month += step
    if month == 0:
        year, month = year - 1, 12
    elif month == 13:
        year, month = year + 1, 1
    return f"{year:04d}-{month:02d}"


def calendar_page(request: HttpRequest) -> HttpResponse:
    form = CalendarFilterForm(request.GET or None)
    filters = selectors.EventFilters()
    if form.is_valid():
        filters = selectors.EventFilters(
            kind=form.cleaned_data["kind"] or "",
            body=form.cleaned_data["body"],
            country=form.cleaned_data["country"],
        )
    year, month = form.month_shown(timezone.localdate())
    return render(
        request,
        "meetings/calendar.html",
        {
            "form": form,
            "sections": _calendar_sections(request, filters, year, month),
            "can_create": can_create_events(request.user),
        },
    )


def _calendar_sections(request: HttpRequest, filters: selectors.EventFilters, year: int, month: int) -> str:
    """The upcoming events, the month's grid and the past events: the same for every reader of the same address,
    so kept once per data version, language, day and address for visitors and signed-in people alike
    (`core.fragments`), until the next event starts or ends (`pagecache.register_clock`: the lists move then)."""
    query = hashlib.blake2b(request.GET.urlencode().encode(), digest_size=12).hexdigest()
    # Only where the part may be kept (`fragment` computes it on the spot otherwise).
    kept = settings.PAGE_CACHE_VIEWS and not changed_in_open_transaction()
    until = next_clock_change(timezone.now()) if kept else 0.0

    def render_sections() -> str:
        found = selectors.calendar_events(filters)
        today = timezone.localdate()
        return render_to_string(
            "meetings/includes/calendar_sections.html",
            {
                "request": request,  # for the month links' query strings (nothing of the person is shown)
                "weeks": selectors.month_weeks(year, month, selectors.in_month(found, year, month)),
                "month_start": datetime.date(year, month, 1),
                "previous_month": _month_link(year, month, -1),
                "next_month": _month_link(year, month, 1),
                "weekdays": [(WEEKDAYS[i], WEEKDAYS_ABBR[i]) for i in range(7)],
                "upcoming_events": list(selectors.upcoming(found)[:50]),
                "past_events": list(selectors.past(found)[:50]),
                "today": today,
            },
        )

    return fragment("meetings.calendar", audience=f"everyone:{query}:{until}", compute=render_sections)


def _event(slug: str, user: Person) -> Event:
    try:
        return selectors.event_detail(slug, user)
    except Event.DoesNotExist:
        raise Http404 from None


def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """An event's page. What is the reader's own (their registration, the participant list they may see) comes from
    `personal`: placeholders while the page is kept for their audience, filled for each person it is served to."""
    event = _event(slug, request.user)
    can_edit = can_edit_event(request.user, event)
    return render(
        request,
        "meetings/detail.html",
        {
            "event": event,
            "can_edit": can_edit,
            "closed_reason": services.registration_closed_reason(event),
            "registration_state": personal.registration_part(request, event),
            "participants": personal.participants_part(request, event, can_edit=can_edit),
            "pending_count": (
                selectors.registrations(event, RegistrationStatus.PENDING).count() if can_edit else 0
            ),
            "places_left": (
                max(event.capacity - event.registered_count, 0)  # type: ignore[attr-defined]
                if event.capacity is not None
                else None
            ),
            **meeting_record(request, event, can_edit=can_edit),
        },
    )


def _owner_choices(user: Person) -> tuple[Any, Any]:
    """The bodies and countries this person may hold events for."""
    if is_secretariat(user):
        return Body.objects.order_by("position", "name"), PathfinderCountry.objects.all()
    organisation_ids = focal_point_organisation_ids(user)
    return (
        Body.objects.filter(pk__in=chaired_body_ids(user)).order_by("position", "name"),
        PathfinderCountry.objects.filter(focal_institution_id__in=organisation_ids),
    )


@login_required
def event_edit(request: SignedInRequest, slug: str | None = None) -> HttpResponse:
    event = get_object_or_404(Event, slug=slug) if slug else None
    if event is not None and not can_edit_event(request.user, event):
        raise PermissionDenied
    if event is None and not can_create_events(request.user):
        raise PermissionDenied
    bodies, countries_held = _owner_choices(request.user)
    if event is not None:
        # An organiser who does not run the owner still sees (and keeps) the current owner.
        bodies = bodies | Body.objects.filter(pk=event.owner_body_id or 0)
        countries_held = countries_held | PathfinderCountry.objects.filter(pk=event.owner_country_id or 0)
    initial: dict[str, Any] = {}
    if event is None:
        initial["owner_body"] = Body.objects.filter(slug=request.GET.get("body", "")).first()
        initial["owner_country"] = PathfinderCountry.objects.filter(
            country=request.GET.get("country", "").upper()
        ).first()
    form = EventForm(
        request.POST or None,
        bodies=bodies.distinct(),
        countries_held=countries_held.distinct(),
        event=event,
        initial=initial,
    )
    add_version_field(form, event)
    if request.method == "POST" and form.is_valid():
        try:
            if event is None:
                saved = services.create_event(by=request.user, values=form.service_input())
            else:
                saved = services.update_event(
                    event=event, by=request.user, values=form.service_input(), version=posted_version(form)
                )
        except ValidationError as error:
            apply_validation_error(form, error)
            if is_stale(error):
                show_current_version(form)
        except PermissionDenied as error:
            form.add_error("owner_body", str(error))
        else:
            messages.success(request, _("The event has been saved."))
            return redirect(saved)
    return render(request, "meetings/event_form.html", {"form": form, "event": event})


@login_required
@require_POST
def event_cancel(request: SignedInRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event, slug=slug)
    try:
        services.cancel_event(event=event, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The event has been cancelled; participants have been told."))
    return redirect(event)


REGISTERED_MESSAGES = {
    RegistrationStatus.REGISTERED: _("You are registered. A confirmation is on its way by e-mail."),
    RegistrationStatus.WAITLISTED: _("The event is full: you are on the waiting list."),
    RegistrationStatus.PENDING: _("Your registration is waiting for the organisers' approval."),
}


@login_required
@require_POST
def register(request: SignedInRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event, slug=slug)
    try:
        count_attempt(request, action="event_registration")
        registration = services.register(event=event, user=request.user)
    except TooManyRequests as refused:
        messages.error(request, str(refused))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, str(REGISTERED_MESSAGES[RegistrationStatus(registration.status)]))
    return redirect(event)


@login_required
@require_POST
def cancel_registration(request: SignedInRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event, slug=slug)
    registration = get_object_or_404(Registration, event=event, user=request.user)
    try:
        services.cancel_registration(registration=registration, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your registration has been cancelled."))
    return redirect(event)


@login_required
def registrations_page(request: SignedInRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event.objects.select_related("owner_body", "owner_country"), slug=slug)
    if not can_edit_event(request.user, event):
        raise PermissionDenied
    return render(
        request,
        "meetings/registrations.html",
        {"event": event, "registrations": list(selectors.registrations(event))},
    )


DECISIONS = {
    "approve": (services.approve_registration, _("The registration of %(name)s has been approved.")),
    "decline": (services.decline_registration, _("The registration of %(name)s has been declined.")),
    "cancel": (services.cancel_registration, _("The registration of %(name)s has been cancelled.")),
}


@login_required
@require_POST
def registration_decide(request: SignedInRequest, slug: str, pk: int, decision: str) -> HttpResponse:
    registration = get_object_or_404(
        Registration.objects.select_related("event", "user"), pk=pk, event__slug=slug
    )
    if decision not in DECISIONS:
        raise Http404
    service, message = DECISIONS[decision]
    try:
        service(registration=registration, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, str(message) % {"name": registration.user.display_name})
    return redirect("meetings:registrations", slug=slug)


@login_required
def my_calendar(request: SignedInRequest) -> HttpResponse:
    """The person's private feed address (rotatable) and the events they registered for."""
    if request.method == "POST":
        services.rotate_calendar_feed(user=request.user)
        messages.success(request, _("Your calendar address has been changed; the old one no longer works."))
        return redirect("meetings:my_calendar")
    feed = services.calendar_feed_of(user=request.user)
    return render(
        request,
        "meetings/my_calendar.html",
        {
            "feed_url": request.build_absolute_uri(feed.get_absolute_url()),
            "registrations": list(selectors.my_registrations(request.user)),
        },
    )


@login_required
def event_history(request: HttpRequest, slug: str) -> HttpResponse:
    """Who changed the event, its agenda, outcomes and roadmap, and when (for those who may edit it)."""
    event = get_object_or_404(Event, slug=slug)
    if not can_edit_event(request.user, event):
        raise PermissionDenied
    of_event = Q(event_id=event.pk)
    return render_history(
        request,
        subject=event.title,
        back_url=event.get_absolute_url(),
        sources=[
            Source(Event, Q(id=event.pk)),
            Source(AgendaSession, of_event),
            Source(OutcomeNote, of_event),
            Source(RoadmapAction, of_event),
        ],
        visible={"plans.ResultNode": Q(plan__in=visible_plans(request.user))},
    )
