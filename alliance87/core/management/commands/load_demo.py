from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from alliance87.core.demo import DEMO_PASSWORD, DemoConflict, load_demo_data
from alliance87.core.sqlite import analyze


class Command(BaseCommand):
    help = (
        "Load the demo partnership (idempotent); every record is flagged as demo data. Refused under production "
        "settings unless --force: the demo accounts share a public password."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help=f"Load even under production settings (demo accounts use the public password {DEMO_PASSWORD!r}).",
        )

    def handle(self, *args: Any, force: bool = False, **options: Any) -> None:
        if getattr(settings, "ALLIANCE87_PRODUCTION", False) and not force:
            raise CommandError(
                "These are production settings: the demo adds accounts (an administrator among them) whose password "
                f"is public ({DEMO_PASSWORD!r}). Nothing was loaded. Use --force to load it anyway."
            )
        try:
            lines = load_demo_data()
        except DemoConflict as conflict:
            raise CommandError(str(conflict)) from conflict
        analyze(connection)  # the planner's statistics of the tables the demo filled (SQLite)
        if getattr(settings, "ALLIANCE87_PRODUCTION", False):
            self.stderr.write(
                self.style.WARNING(
                    f"Demo accounts with the public password {DEMO_PASSWORD!r} now exist; "
                    "remove them with `alliance87 remove_demo_data --yes`."
                )
            )
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        for line in lines:
            self.stdout.write(line)
