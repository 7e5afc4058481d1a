from typing import Any

from django.core.management.base import BaseCommand

from alliance87.news.models import Post
from alliance87.news.services import clean_stored_image


class Command(BaseCommand):
    help = (
        "Re-encode news images uploaded before uploads were cleaned: strip their metadata (GPS position "
        "included) and make their smaller copies. Safe to run again: cleaned images are left alone."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count the images that need cleaning."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        waiting = Post.objects.exclude(image="").filter(image_width__isnull=True).order_by("pk")
        if options["dry_run"]:
            self.stdout.write(f"{waiting.count()} news images would be cleaned.")
            return
        cleaned = sum(clean_stored_image(post=post) for post in waiting.iterator())
        self.stdout.write(self.style.SUCCESS(f"Cleaned {cleaned} news images."))
