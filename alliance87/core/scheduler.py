"""Scheduled work: one process (`alliance87 scheduler`) queues each job of settings.SCHEDULE at its time.

APScheduler keeps the clock (cron expressions, UTC); the work itself is a task run by the task worker, with
its retries and its record. Two schedulers started by mistake (two servers, a restart that overlaps) do not
queue a run twice: each run is claimed by inserting the unique pair (job, scheduled time) first.
"""

from __future__ import annotations

import datetime
import logging

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import ScheduledRun
from .worker import refresh_connections

logger = logging.getLogger("alliance87.scheduler")

# Cron fires at most once a minute, so a run started within this many seconds of its time is that time's run.
SLOT_TOLERANCE = datetime.timedelta(seconds=59)


def trigger_for(cron: str) -> CronTrigger:
    """A trigger for a five-field cron expression in UTC; days of the week must be named (mon … sun).

    APScheduler counts weekdays from Monday = 0 where cron counts from Sunday = 0: a number would silently fire
    on the wrong day, so it is refused.
    """
    fields = cron.split()
    if len(fields) != 5:
        raise ImproperlyConfigured(f"Schedule {cron!r}: five cron fields expected.")
    if any(char.isdigit() for char in fields[4]):
        raise ImproperlyConfigured(f"Schedule {cron!r}: name the days of the week (mon, tue, … sun).")
    return CronTrigger.from_crontab(cron, timezone=datetime.UTC)


def slot_of(cron: str, now: datetime.datetime) -> datetime.datetime:
    """The scheduled time of the run that is due at `now` (the latest fire time not after it)."""
    fire = trigger_for(cron).get_next_fire_time(None, now - SLOT_TOLERANCE)
    if fire is None or fire > now:
        raise ValueError(f"No run of {cron!r} is due at {now:%Y-%m-%d %H:%M:%S}.")
    return fire


def queue_run(job: str, *, now: datetime.datetime | None = None) -> bool:
    """Queue the job's task for the run due now, unless another scheduler already did; True when queued."""
    cron, task_path, kwargs = settings.SCHEDULE[job]
    now = now or timezone.now()
    refresh_connections()
    try:
        slot = slot_of(cron, now)
        with transaction.atomic():
            run = ScheduledRun.objects.create(job=job, slot=slot)
            result = import_string(task_path).enqueue(**kwargs)
            run.task_id = str(result.id)
            run.save(update_fields=["task_id"])
    except IntegrityError:
        logger.info("Job %s for %s was already queued by another scheduler.", job, slot)
        return False
    finally:
        refresh_connections()
    logger.info("Queued job %s for %s as task %s.", job, slot, run.task_id)
    return True


def build_scheduler() -> BlockingScheduler:
    scheduler = BlockingScheduler(
        timezone=datetime.UTC,
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 30},
    )
    for job, (cron, _task_path, _kwargs) in settings.SCHEDULE.items():
        scheduler.add_job(queue_run, trigger_for(cron), args=[job], id=job, name=job)
    return scheduler
