"""The background task worker that survives: a locked database, a worker killed mid-task, a restart.

django-tasks' database worker stops for good on "database is locked" (SQLite, while a long write holds the
lock) and leaves a task it was running RUNNING forever when it is killed. This worker keeps the library's
task handling and adds two things: it waits and tries again, with growing delays, when the database is
locked; and it puts tasks whose worker died back in the queue once (tasks are written to be idempotent).
"""

from __future__ import annotations

import datetime
import logging
import time

from django.conf import settings
from django.db import OperationalError, close_old_connections, connection
from django.db.models import Min
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

logger = logging.getLogger("alliance87.worker")

LOCKED_FIRST_DELAY = 0.5  # seconds
LOCKED_MAX_DELAY = 30.0
RECOVERY_INTERVAL = 30.0
LOST_TASK_MESSAGE = "The worker running this task stopped twice before it finished; it is not tried again."


class WorkerLost(Exception):
    """Recorded on a task whose worker died twice while running it."""


def recover_stale_tasks(*, timeout: int | None = None) -> tuple[int, int]:
    """Put RUNNING tasks older than the timeout back in the queue once; fail those already re-run.

    Returns (re-queued, failed).
    """
    timeout = settings.TASKS_RUNNING_TIMEOUT if timeout is None else timeout
    cutoff = timezone.now() - datetime.timedelta(seconds=timeout)
    requeued = failed = 0
    stale = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=cutoff)
    with exclusive_transaction(stale.db):
        for result in stale.select_for_update(skip_locked=True):
            if len(result.worker_ids) < 2:
                result.status = TaskResultStatus.READY
                result.save(update_fields=["status"])
                requeued += 1
                logger.warning(
                    "Task %s (%s) was left running by worker %s; queued to run again.",
                    result.pk,
                    result.task_path,
                    result.worker_ids[-1] if result.worker_ids else "?",
                )
            else:
                result.status = TaskResultStatus.FAILED
                result.finished_at = timezone.now()
                result.exception_class_path = f"{WorkerLost.__module__}.{WorkerLost.__qualname__}"
                result.traceback = LOST_TASK_MESSAGE
                result.save(update_fields=["status", "finished_at", "exception_class_path", "traceback"])
                failed += 1
                logger.error("Task %s (%s): %s", result.pk, result.task_path, LOST_TASK_MESSAGE)
    return requeued, failed


def oldest_waiting_task_age() -> float | None:
    """Seconds the oldest task that is due has been waiting for a worker, or None when none waits."""
    now = timezone.now()
    oldest = DBTaskResult.objects.ready().aggregate(oldest=Min("enqueued_at"))["oldest"]
    if oldest is None:
        return None
    return max(0.0, (now - oldest).total_seconds())


def refresh_connections() -> None:
    """Drop broken or expired database connections between tasks (not inside a transaction, e.g. a test's)."""
    if not connection.in_atomic_block:
        close_old_connections()


class ResilientWorker(Worker):
    """django-tasks' database worker, which waits out a locked database and recovers abandoned tasks."""

    def run(self) -> None:
        logger.info("Starting worker %s for queues %s", self.worker_id, ",".join(self.queue_names))
        delay = LOCKED_FIRST_DELAY
        last_recovery = float("-inf")
        while self.running:
            try:
                if time.monotonic() - last_recovery >= min(RECOVERY_INTERVAL, settings.TASKS_RUNNING_TIMEOUT):
                    recover_stale_tasks()
                    last_recovery = time.monotonic()
                ran = self.run_next()
            except OperationalError as exc:
                if not is_locked_database_exception(exc):
                    raise
                logger.warning("The database is locked; the worker tries again in %.1f s.", delay)
                refresh_connections()
                time.sleep(delay)
                delay = min(delay * 2, LOCKED_MAX_DELAY)
                continue
            delay = LOCKED_FIRST_DELAY
            if self.batch and not ran:
                logger.info("No more tasks for worker %s; exiting.", self.worker_id)
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                logger.info("Worker %s ran its %d tasks; exiting.", self.worker_id, self._run_tasks)
                return
            if self.running and not ran:
                time.sleep(self.interval)

    def run_next(self) -> bool:
        """Claim and run the next due task; False when there was none."""
        refresh_connections()
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        with exclusive_transaction(tasks.db):
            task_result = tasks.get_locked()
            if task_result is not None:
                task_result.claim(self.worker_id)
        if task_result is None:
            return False
        self.run_task(task_result)
        return True
