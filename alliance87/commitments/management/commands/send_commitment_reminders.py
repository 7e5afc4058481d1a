"""Send the commitment report reminders due on a day now, as the scheduler does each morning (idempotent)."""

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from alliance87.commitments.reminders import pending_reminders, send_commitment_reminders


class Command(BaseCommand):
    help = (
        "E-mail partners' focal points the yearly commitment reports due within a week or overdue, once each. "
        "--date runs the day as if it were another; --dry-run lists who would be e-mailed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="The day to run for, YYYY-MM-DD (default: today).")
        parser.add_argument("--dry-run", action="store_true", help="List the reminders without sending them.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            today = datetime.date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        except ValueError:
            raise CommandError("--date must be a date like 2026-01-31.") from None
        if options["dry_run"]:
            pending = pending_reminders(today=today)
            for reminder, user in pending:
                self.stdout.write(
                    f"{user.email}: {reminder.commitment.title}, {reminder.kind} {reminder.due_date}, "
                    f"{len(reminder.deliverables)} reports missing"
                )
            self.stdout.write(f"{len(pending)} reminders would be sent for {today}.")
            return
        sent = send_commitment_reminders(today=today)
        self.stdout.write(f"Sent {sent} reminders for {today}.")
