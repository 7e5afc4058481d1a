from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def create_cache_table(using: str = "default", **kwargs: Any) -> None:
    """Create the database cache's table (rate-limit counters) whenever migrate runs; nothing if it exists."""
    from django.conf import settings
    from django.core.management import call_command

    if any(c["BACKEND"].endswith("DatabaseCache") for c in settings.CACHES.values()):
        call_command("createcachetable", database=using, verbosity=0)


class CoreConfig(AppConfig):
    name = "alliance87.core"
    verbose_name = _("Platform core")

    def ready(self) -> None:
        from . import checks  # noqa: F401 - registers the deployment checks

        post_migrate.connect(create_cache_table, sender=self, dispatch_uid="alliance87.core.createcachetable")
