"""The unread notification count in the page header: one query, and only when a template shows it."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .selectors import unread_notification_count


def notifications(request: HttpRequest) -> dict[str, object]:
    def count() -> int:
        user = getattr(request, "user", None)  # absent when a request fails before the auth middleware
        return 0 if user is None else unread_notification_count(user)

    return {"unread_notification_count": SimpleLazyObject(count)}
