"""`alliance87 restore ARCHIVE`: bring a backup back into an empty installation, checksums checked first."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from alliance87.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup archive into an empty installation (new database, empty data directory); "
        "then run `alliance87 migrate` if this version is newer than the backup's."
    )
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path)

    def handle(self, *args: Any, archive: Path, **options: Any) -> None:
        if not archive.is_file():
            raise CommandError(f"No file {archive}.")
        try:
            manifest = restore_backup(archive=archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the backup of {manifest['created_at']} ({len(manifest['files']) - 1} files). "
                "Next: alliance87 migrate, then start the services."
            )
        )
