"""Recompute every indicator's stored progress verdict and every plan's gap counts (after data was written around
the services)."""

import time
from typing import Any

from django.core.management.base import BaseCommand

from alliance87.plans import gap_counts
from alliance87.plans.models import Indicator, Plan
from alliance87.plans.verdicts import refresh_all


class Command(BaseCommand):
    help = "Recompute the stored progress verdict and latest approved value of every indicator."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        count = 0
        for done in refresh_all():
            count = done
            self.stdout.write(f"{done} indicators…", ending="\r")
        # Plans without indicators: their results' counts (the others were counted with their verdicts).
        measured = set(Indicator.objects.values_list("node__plan_id", flat=True).distinct())
        gap_counts.store(set(Plan.objects.values_list("pk", flat=True)) - measured)
        elapsed = time.perf_counter() - started
        self.stdout.write(f"Stored the verdicts of {count} indicators in {elapsed:.1f} s.")
