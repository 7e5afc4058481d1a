from typing import Any

from django.core.management.base import BaseCommand

from alliance87.core.demo import remove_demo_data


class Command(BaseCommand):
    help = "Delete every record flagged as demo data (real records are kept)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["yes"]:
            answer = input("Delete all demo data? Type 'yes' to confirm: ")
            if answer.strip().lower() != "yes":
                self.stdout.write("Nothing deleted.")
                return
        removed = remove_demo_data()
        for label, count in sorted(removed.items()):
            self.stdout.write(f"{label}: {count}")
        self.stdout.write(self.style.SUCCESS(f"Removed {sum(removed.values())} demo records."))
