"""Send this week's completeness digests now, as the scheduler does on Monday mornings (idempotent)."""

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from alliance87.plans.digests import pending_digests, send_completeness_digests, week_of


class Command(BaseCommand):
    help = (
        "E-mail chairs and the Secretariat what is late and what awaits review, once a week each. --date runs "
        "as if it were another day; --dry-run lists who would be e-mailed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="The day to run for, YYYY-MM-DD (default: today).")
        parser.add_argument("--dry-run", action="store_true", help="List the digests without sending them.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            today = datetime.date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        except ValueError:
            raise CommandError("--date must be a date like 2026-01-31.") from None
        if options["dry_run"]:
            pending = pending_digests(today=today)
            for digest in pending:
                self.stdout.write(
                    f"{digest.user.email}: {digest.late} late, {digest.awaiting_review} awaiting review"
                )
            self.stdout.write(f"{len(pending)} digests would be sent for {week_of(today)}.")
            return
        sent = send_completeness_digests(today=today)
        self.stdout.write(f"Sent {sent} digests for {week_of(today)}.")
