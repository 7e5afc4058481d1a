"""What meetings show on other apps' pages: the events whose agenda used a library item."""

from __future__ import annotations

from django import template

from alliance87.meetings.selectors import events_using

register = template.Library()
register.simple_tag(events_using, name="events_using")
