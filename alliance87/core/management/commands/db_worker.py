"""`db_worker`: django-tasks' database worker, made to survive a locked database and a dead worker."""

from typing import Any

from django_tasks_db.management.commands import db_worker

from alliance87.core.worker import ResilientWorker


class Command(db_worker.Command):
    help = (
        "Run the background task worker. It waits out a locked database and puts back in the queue, once, "
        "a task whose worker died."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        original = db_worker.Worker
        db_worker.Worker = ResilientWorker  # type: ignore[misc]
        try:
            super().handle(*args, **options)
        finally:
            db_worker.Worker = original  # type: ignore[misc]
