from typing import Any

from django.core.management.base import BaseCommand

from alliance87.core.demo import remove_demo_data


class Command(BaseCommand):
    help = (
        "Delete everything the demo created: records flagged as demo data with their history, accounts and "
        "API tokens, stored files and search index entries (real records are kept)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["yes"]:
            answer = input("Delete all demo data? Type 'yes' to confirm: ")
            if answer.strip().lower() != "yes":
                self.stdout.write("Nothing deleted.")
                return
        removed = remove_demo_data()
        if not removed:
            self.stdout.write("There was no demo data to remove.")
            return
        self.stdout.write("Removed:")
        for label, count in sorted(removed.items()):
            self.stdout.write(f"  {label}: {count}")
        files = removed.get("files", 0)
        records = sum(count for label, count in removed.items() if label != "files")
        self.stdout.write(self.style.SUCCESS(f"Removed {records} demo records and {files} stored files."))
