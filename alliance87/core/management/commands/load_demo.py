from typing import Any

from django.core.management.base import BaseCommand

from alliance87.core.demo import load_demo_data


class Command(BaseCommand):
    help = "Load the demo partnership (idempotent); every record is flagged as demo data."

    def handle(self, *args: Any, **options: Any) -> None:
        lines = load_demo_data()
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        for line in lines:
            self.stdout.write(line)
