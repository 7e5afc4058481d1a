"""Reminders before and after a due date, sent once each: the rules plans' reporting reminders and partners'
commitment reports share.

A reminder goes `DAYS_BEFORE` days (or fewer) before a due date and again once the date has passed, for
`OVERDUE_WINDOW_DAYS` days at most; nothing goes on the due date itself (the "before" one went already). Each app
keeps its own record of what was sent (a row unique per person, due date and kind) so a rerun of the scheduler, or
a missed day caught up, never sends anything twice; `send_once` writes that row and queues the e-mail together.

An app describes its reminders once (`ReminderMail`: which are due, who gets them, its record and its e-mail) and
core runs the loop both apps share: who is still to be told, then each e-mail once.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

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


class _Recipient(_Person, Protocol):
    @property
    def email(self) -> str: ...

    @property
    def preferred_language(self) -> str: ...


class _Reminder(Protocol):
    @property
    def due_date(self) -> datetime.date: ...

    @property
    def kind(self) -> str: ...


R = TypeVar("R")
P = TypeVar("P", bound=_Person)
D = TypeVar("D", bound=_Reminder)
U = TypeVar("U", bound=_Recipient)


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


@dataclass(frozen=True, kw_only=True)
class ReminderMail(Generic[D, U]):
    """An app's reminders: which are due on a day, who gets each, the record of what was sent and the e-mail.

    `record` is the app's model of a reminder sent: the `subject`'s fields (`{"plan": reminder.plan}`), `user`,
    `due_date`, `kind` (unique together) and `missing`, the number of things the e-mail listed. `refused` names the
    people who chose no e-mail (community's rule, which core cannot import). The e-mail `template` gets the
    reminder, the user and whether it is overdue.
    """

    due: Callable[..., Sequence[D]]  # called with `today=`
    recipients: Callable[[D], list[U]]
    refused: Callable[[Iterable[int]], set[int]]
    record: type[Model]
    subject: Callable[[D], dict[str, Any]]
    missing: Callable[[D], int]
    template: str

    def pending(self, *, today: datetime.date) -> list[tuple[D, U]]:
        """Each reminder due today with each recipient who wants e-mail and has not had it yet."""
        return pending(
            self.due(today=today),
            recipients=self.recipients,
            sent_to=lambda reminder: self.record._default_manager.filter(**self._key(reminder)).values_list(
                "user_id", flat=True
            ),
            refused=self.refused,
        )

    def send(self, *, today: datetime.date) -> int:
        """E-mail each recipient the reminders due today that they have not had; returns how many were sent."""
        return sum(self.send_one(reminder, person) for reminder, person in self.pending(today=today))

    def send_one(self, reminder: D, person: U) -> bool:
        """Record the reminder to this person and queue its e-mail; False when it was already sent."""
        key = {**self._key(reminder), "user": person}
        return send_once(
            already_sent=self.record._default_manager.filter(**key).exists,
            record=lambda: self.record._default_manager.create(**key, missing=self.missing(reminder)),
            template=self.template,
            to=person.email,
            context={"reminder": reminder, "user": person, "overdue": reminder.kind == ReminderKind.OVERDUE},
            language=person.preferred_language,
        )

    def _key(self, reminder: D) -> dict[str, Any]:
        return {**self.subject(reminder), "due_date": reminder.due_date, "kind": reminder.kind}
