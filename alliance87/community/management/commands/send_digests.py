"""Queue the daily or weekly notification digests; run from cron (e.g. daily at 06:00, weekly on Monday)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from alliance87.community.models import DigestFrequency
from alliance87.community.tasks import send_digests


class Command(BaseCommand):
    help = "Send the community's notification digests to everyone who chose this frequency."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("frequency", choices=[DigestFrequency.DAILY, DigestFrequency.WEEKLY])

    def handle(self, *args: Any, frequency: str, **options: Any) -> None:
        result = send_digests.enqueue(frequency)
        self.stdout.write(f"Digests ({frequency}) queued as task {result.id}.")
