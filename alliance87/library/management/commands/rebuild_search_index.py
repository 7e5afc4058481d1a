"""Rebuild the library's search index from the database (any backend; the change log is not needed)."""

import time
from typing import Any

from django.core.management.base import BaseCommand

from alliance87.library.search import backend_name, rebuild


class Command(BaseCommand):
    help = "Rebuild the library search index from the database."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        count = rebuild()
        elapsed = time.perf_counter() - started
        self.stdout.write(f"Indexed {count} items with the {backend_name()} backend in {elapsed:.1f} s.")
