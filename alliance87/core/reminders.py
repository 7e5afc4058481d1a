"""Reminders before and after a due date, sent once each: the rules plans' reporting reminders and partners'
commitment reports share.

A reminder goes `DAYS_BEFORE` days (or fewer) before a due date and again once the date has passed, for
`OVERDUE_WINDOW_DAYS` days at most; nothing goes on the due date itself (the "before" one went already). Each app
keeps its own record of what was sent (a row unique per person, due date and kind) so a rerun of the scheduler, or
a missed day caught up, never sends anything twice; `send_once` writes that row and queues the e-mail together.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from typing import Any, Protocol, TypeVar

from django.db import IntegrityError, transaction
from django.db.models import Model, TextChoices
from django.utils.translation import gettext_lazy as _

from .emails import queue_email

#: The first reminder goes this many days before the due date.
DAYS_BEFORE = 7
#: A due date passed longer ago than this is no longer reminded of (the editors see it as late).
OVERDUE_WINDOW_DAYS = 30


class _Person(Protocol):
    @property
    def pk(self) -> Any: ...


R = TypeVar("R")
P = TypeVar("P", bound=_Person)


class ReminderKind(TextChoices):
    BEFORE = "before", _("Before the due date")
    OVERDUE = "overdue", _("After the due date")


def due_dates_window(*, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first and last due dates a reminder may be due for today."""
    return (
        today - datetime.timedelta(days=OVERDUE_WINDOW_DAYS),
        today + datetime.timedelta(days=DAYS_BEFORE),
    )


def reminder_kind(*, due: datetime.date, today: datetime.date) -> ReminderKind | None:
    """Which reminder a due date calls for today, or None (outside the window, or due today)."""
    first, last = due_dates_window(today=today)
    if due == today or not first <= due <= last:
        return None
    return ReminderKind.BEFORE if due > today else ReminderKind.OVERDUE


def pending(
    reminders: Iterable[R],
    *,
    recipients: Callable[[R], list[P]],
    sent_to: Callable[[R], Iterable[int]],
    refused: Callable[[Iterable[int]], set[int]],
) -> list[tuple[R, P]]:
    """Each reminder with each of its recipients who wants e-mail (`refused` names those who do not) and has not
    had it yet (`sent_to` names those the app's record says had it)."""
    pairs: list[tuple[R, P]] = []
    for reminder in reminders:
        people = recipients(reminder)
        skip = refused(person.pk for person in people) | set(sent_to(reminder))
        pairs.extend((reminder, person) for person in people if person.pk not in skip)
    return pairs


def send_once(
    *,
    record: Callable[[], Model],
    already_sent: Callable[[], bool],
    template: str,
    to: str,
    context: dict[str, Any],
    language: str,
) -> bool:
    """Record a reminder and queue its e-mail in one transaction; False when it was already sent.

    `record` creates the app's row (unique per person, due date and kind); a concurrent run that wrote it first
    makes it fail, and then nothing is queued.
    """
    if already_sent():
        return False
    try:
        with transaction.atomic():
            record()
            queue_email(template=template, to=[to], context=context, language=language)
    except IntegrityError:
        return False
    return True
