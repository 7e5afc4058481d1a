from typing import Any, cast

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def create_cache_table(using: str = "default", **kwargs: Any) -> None:
    """Create the database cache's table (rate-limit counters) whenever migrate runs; nothing if it exists."""
    from django.conf import settings
    from django.core.management import call_command

    caches = cast(dict[str, dict[str, Any]], settings.CACHES)
    if any(c["BACKEND"].endswith("DatabaseCache") for c in caches.values()):
        call_command("createcachetable", database=using, verbosity=0)


def gather_statistics(using: str = "default", plan: Any = None, **kwargs: Any) -> None:
    """After `migrate` on SQLite, the query planner's statistics of every table (`core.sqlite`).

    Not after `flush` (which sends the same signal without a plan): the tests flush between cases, and emptied
    tables have nothing to analyse.
    """
    if plan is None:
        return
    from django.db import connections

    from .sqlite import analyze

    analyze(connections[using])


class CoreConfig(AppConfig):
    name = "alliance87.core"
    verbose_name = _("Platform core")

    def ready(self) -> None:
        from . import checks  # noqa: F401 - registers the deployment checks

        post_migrate.connect(create_cache_table, sender=self, dispatch_uid="alliance87.core.createcachetable")
        post_migrate.connect(gather_statistics, sender=self, dispatch_uid="alliance87.core.statistics")
        # Every committed change raises the data version the public page cache is keyed by (core.pagecache).
        from django.db.models.signals import m2m_changed, post_delete, post_save
        from django_tasks.signals import task_finished

        from .pagecache import on_model_change, on_task_finished

        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(on_model_change, dispatch_uid=f"alliance87.core.pagecache.{id(signal)}")
        task_finished.connect(on_task_finished, dispatch_uid="alliance87.core.pagecache.task_finished")
