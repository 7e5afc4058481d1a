"""`alliance87 backup`: one dated archive (database dump, uploaded files, manifest with checksums)."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from alliance87.core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Write a dated backup archive: a consistent database dump, the uploaded files and their checksums."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            type=Path,
            default=None,
            help="Directory for the archive (default: ALLIANCE87_DATA_DIR/backups). Keep copies on another machine.",
        )

    def handle(self, *args: Any, output: Path | None = None, **options: Any) -> None:
        try:
            result = create_backup(directory=output or Path(settings.DATA_DIR) / "backups")
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{result.archive}")
        self.stderr.write(f"Backed up the database ({result.database}) and {result.files} files.")
