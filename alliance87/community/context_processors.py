"""The unread notification count in the page header: one query, and only when a template shows it."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .selectors import unread_notification_count


def notifications(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    return {"unread_notification_count": SimpleLazyObject(lambda: unread_notification_count(user))}
