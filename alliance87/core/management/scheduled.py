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


class ScheduledMailCommand(BaseCommand):
    """Sends what is due on `--date` (today by default) or, with `--dry-run`, lists who would be e-mailed.

    A command names its functions and how one pending mail reads; sending twice sends nothing new (the
    functions are idempotent).
    """

    #: What is sent, in the plural ("reminders", "digests").
    noun: ClassVar[str]
    #: What would be sent on a day, and the sending itself (returns how many were sent).
    pending: ClassVar[Callable[..., Sequence[Any]]]
    send: ClassVar[Callable[..., int]]

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
            pending = type(self).pending(today=today)
            for item in pending:
                self.stdout.write(self.describe(item))
            self.stdout.write(f"{len(pending)} {self.noun} would be sent for {self.period(today)}.")
            return
        sent = type(self).send(today=today)
        self.stdout.write(f"Sent {sent} {self.noun} for {self.period(today)}.")
