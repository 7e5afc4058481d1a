"""Recompute the platform's process indicators now, as the scheduler does each night."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from alliance87.core.management.scheduled import date_option
from alliance87.home.process_indicators import refresh_process_indicators


class Command(BaseCommand):
    help = (
        "Compute the process indicators (Pathfinder Countries by step, plans adopted, reports on time, Action "
        "Group results delivered, partners by region) from the platform's records and store them as data series."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="Count the records as of this day, YYYY-MM-DD (default: today).")

    def handle(self, *args: Any, **options: Any) -> None:
        for code, count in refresh_process_indicators(as_of=date_option(options["date"])).items():
            self.stdout.write(f"{code}: {count} observations")
