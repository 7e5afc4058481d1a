"""The unread notification count in the page header: one query, and only when a template shows it."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.formats import localize
from django.utils.functional import SimpleLazyObject
from django.utils.html import escape

from alliance87.core.audiencecache import personal

from .selectors import unread_notification_count


def _count(request: HttpRequest) -> int:
    user = getattr(request, "user", None)  # absent when a request fails before the auth middleware
    return 0 if user is None else unread_notification_count(user)


def notifications(request: HttpRequest) -> dict[str, object]:
    # A page kept for everyone with the same roles holds a placeholder, filled for each person it is served to.
    return {
        "unread_notification_count": SimpleLazyObject(
            lambda: personal(request, "notifications", lambda: _count(request))
        )
    }


def notification_count_html(request: HttpRequest) -> str:
    """The count as the header shows it, for the audience cache to fill in (`core.audiencecache`)."""
    return escape(localize(_count(request)))
