"""iCalendar downloads and feeds: one event, every event, a body's, a country's, and a person's private feed."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from alliance87.bodies.models import Body
from alliance87.countries.models import PathfinderCountry

from . import ics, selectors
from .models import CalendarFeed, Event


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    response.headers["Cache-Control"] = "no-cache"
    return response


def event_ics(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event.objects.select_related("owner_body", "owner_country"), slug=slug)
    return _ics_response(ics.calendar([event], name=event.title), f"{event.slug}.ics")


def feed_all(request: HttpRequest) -> HttpResponse:
    return _ics_response(
        ics.calendar(selectors.feed_events(), name=_("Alliance 8.7 events")), "alliance87-events.ics"
    )


def feed_body(request: HttpRequest, slug: str) -> HttpResponse:
    body = get_object_or_404(Body, slug=slug)
    events = selectors.feed_events(selectors.EventFilters(body=body))
    name = _("Alliance 8.7 events: %(owner)s") % {"owner": body.name}
    return _ics_response(ics.calendar(events, name=name), f"{body.slug}-events.ics")


def feed_country(request: HttpRequest, code: str) -> HttpResponse:
    if len(code) != 2 or not code.isalpha():
        raise Http404
    country = get_object_or_404(PathfinderCountry, country=code.upper())
    events = selectors.feed_events(selectors.EventFilters(country=country))
    name = _("Alliance 8.7 events: %(owner)s") % {"owner": country}
    return _ics_response(ics.calendar(events, name=name), f"{code.lower()}-events.ics")


def feed_me(request: HttpRequest, token: str) -> HttpResponse:
    """A person's events, fetched by calendar programs without a session: the secret token is the key."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token, user__is_active=True).first()
    if feed is None:
        raise Http404
    events = selectors.events_registered_by(feed.user)
    return _ics_response(ics.calendar(events, name=_("My Alliance 8.7 events")), "my-alliance87-events.ics")
