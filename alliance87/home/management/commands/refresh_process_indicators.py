"""Recompute the platform's process indicators now, as the scheduler does each night."""

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from alliance87.home.process_indicators import refresh_process_indicators


class Command(BaseCommand):
    help = (
        "Compute the process indicators (Pathfinder Countries by step, plans adopted, reports on time, Action "
        "Group results delivered, partners by region) from the platform's records and store them as data series."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="Count the records as of this day, YYYY-MM-DD (default: today).")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            as_of = datetime.date.fromisoformat(options["date"]) if options["date"] else None
        except ValueError:
            raise CommandError("--date must be a date like 2026-01-31.") from None
        for code, count in refresh_process_indicators(as_of=as_of).items():
            self.stdout.write(f"{code}: {count} observations")
