"""iCalendar (RFC 5545) output for single events and feeds, written with the `icalendar` library.

Each event keeps one UID for life and carries its SEQUENCE, so a calendar program that fetched it before updates
its copy instead of adding a second one; a cancelled event stays in the feeds with STATUS:CANCELLED so that
subscribed calendars remove it. Times are written in UTC (the ``Z`` form), which every program reads the same way.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from .models import Event, EventStatus

PRODID = "-//Alliance 8.7//Events//EN"


def uid_host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "alliance87.org"


def event_uid(event: Event) -> str:
    return f"{event.uid}@{uid_host()}"


def _utc(value: datetime.datetime) -> datetime.datetime:
    return value.astimezone(datetime.UTC)


def _description(event: Event, url: str) -> str:
    parts = [event.description.strip()] if event.description.strip() else []
    if event.online_url:
        parts.append(_("Online: %(url)s") % {"url": event.online_url})
    parts.append(url)
    return "\n\n".join(parts)


def calendar_event(event: Event) -> CalendarEvent:
    url = settings.SITE_URL + event.get_absolute_url()
    entry = CalendarEvent()
    entry.add("uid", event_uid(event))
    entry.add("sequence", event.sequence)
    entry.add("dtstamp", _utc(event.updated_at or event.created_at))
    entry.add("last-modified", _utc(event.updated_at or event.created_at))
    entry.add("dtstart", _utc(event.starts_at))
    entry.add("dtend", _utc(event.ends_at))
    entry.add("summary", event.title)
    entry.add("description", _description(event, url))
    entry.add("url", url)
    if event.location:
        entry.add("location", event.location)
    entry.add("status", "CANCELLED" if event.status == EventStatus.CANCELLED else "CONFIRMED")
    entry.add("categories", [event.get_kind_display()])
    return entry


def calendar(events: Iterable[Event], *, name: str) -> bytes:
    """A VCALENDAR of the events, ready to serve as ``text/calendar``."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    for event in events:
        cal.add_component(calendar_event(event))
    return cal.to_ical()
