"""Recompute every indicator's stored progress verdict (after data was written around the services)."""

import time
from typing import Any

from django.core.management.base import BaseCommand

from alliance87.plans.verdicts import refresh_all


class Command(BaseCommand):
    help = "Recompute the stored progress verdict and latest approved value of every indicator."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        count = 0
        for done in refresh_all():
            count = done
            self.stdout.write(f"{done} indicators…", ending="\r")
        elapsed = time.perf_counter() - started
        self.stdout.write(f"Stored the verdicts of {count} indicators in {elapsed:.1f} s.")
