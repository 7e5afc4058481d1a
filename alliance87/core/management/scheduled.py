"""The shape of a command that sends now what the scheduler sends on a day: `--date` and `--dry-run`."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone


def date_option(value: str | None) -> datetime.date | None:
    """The day a `--date` option names (None when it names none), or a `CommandError` saying how to write it."""
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        raise CommandError("--date must be a date like 2026-01-31.") from None


#: The options' sentence of every such command's help.
OPTIONS_HELP = (
    "--date runs the day as if it were another (e.g. to catch up); --dry-run lists who would be e-mailed."
)


class ScheduledMailCommand(BaseCommand):
    """Sends what is due on `--date` (today by default) or, with `--dry-run`, lists who would be e-mailed.

    A command says what it sends (`what`: its help, which the options' sentence completes), names its functions
    (plain functions: the class calls them unbound) and how one pending mail reads; sending twice sends nothing
    new (the functions are idempotent).
    """

    #: What is sent, to whom and when: the command's help, before the options' sentence.
    what: ClassVar[str]
    #: What is sent, in the plural ("reminders", "digests").
    noun: ClassVar[str]
    #: What would be sent on a day, and the sending itself (returns how many were sent).
    pending: ClassVar[Callable[..., Sequence[Any]]]
    send: ClassVar[Callable[..., int]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "what" in cls.__dict__:
            cls.help = f"{cls.what} {OPTIONS_HELP}"

    def describe(self, item: Any) -> str:
        """One line of the dry run: who would be e-mailed, and about what."""
        raise NotImplementedError

    def period(self, today: datetime.date) -> object:
        """The day, or the week, the run is for, as the summary line names it."""
        return today

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="The day to run for, YYYY-MM-DD (default: today).")
        parser.add_argument(
            "--dry-run", action="store_true", help=f"List the {self.noun} without sending them."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = date_option(options["date"]) or timezone.localdate()
        if options["dry_run"]:
            pending = type(self).pending(today=today)  # a plain function, read through the class
            for item in pending:
                self.stdout.write(self.describe(item))
            self.stdout.write(f"{len(pending)} {self.noun} would be sent for {self.period(today)}.")
            return
        sent = type(self).send(today=today)
        self.stdout.write(f"Sent {sent} {self.noun} for {self.period(today)}.")


class ScheduledReminderCommand(ScheduledMailCommand):
    """Sends reminders of something due: each pending one is a reminder and a person, listed with its due date and
    the number of things still missing (`about` names both)."""

    noun = "reminders"
    #: What the reminder lists as missing, in the plural ("values", "reports").
    missing: ClassVar[str]

    def about(self, reminder: Any) -> tuple[str, int]:
        """What the reminder is about (a plan's title) and how many things it lists as missing."""
        raise NotImplementedError

    def describe(self, item: Any) -> str:
        reminder, user = item
        title, missing = self.about(reminder)
        return f"{user.email}: {title}, {reminder.kind} {reminder.due_date}, {missing} {self.missing} missing"
