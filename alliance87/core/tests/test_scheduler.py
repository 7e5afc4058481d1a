"""The scheduler: each job's run is queued once, however many schedulers run; adding a job is one line."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult

from alliance87.core.models import ScheduledRun
from alliance87.core.scheduler import build_scheduler, queue_run, slot_of
from alliance87.core.tests.helpers import at_the_same_moment

pytestmark = pytest.mark.django_db

MONDAY_6 = datetime.datetime(2026, 3, 2, 6, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def stored_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_the_slot_is_the_scheduled_time_even_when_a_run_starts_late():
    assert slot_of("0 6 * * *", MONDAY_6 + datetime.timedelta(seconds=12)) == MONDAY_6
    assert slot_of("*/5 * * * *", MONDAY_6 + datetime.timedelta(minutes=5, seconds=3)) == MONDAY_6.replace(
        minute=5
    )


def test_two_schedulers_queue_the_daily_digests_once():
    first = queue_run("digests-daily", now=MONDAY_6 + datetime.timedelta(seconds=1))
    second = queue_run("digests-daily", now=MONDAY_6 + datetime.timedelta(seconds=4))

    assert (first, second) == (True, False)
    assert ScheduledRun.objects.filter(job="digests-daily").count() == 1
    task = DBTaskResult.objects.get()
    assert task.task_path == "alliance87.community.tasks.send_digests"
    assert task.args_kwargs["kwargs"] == {"frequency": "daily"}


def test_the_next_day_is_a_new_run():
    queue_run("digests-daily", now=MONDAY_6)
    queue_run("digests-daily", now=MONDAY_6 + datetime.timedelta(days=1))

    assert DBTaskResult.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_schedulers_racing_in_parallel_still_queue_one_run():
    if (
        connection.vendor == "sqlite" and connection.settings_dict["NAME"] in ("", ":memory:")
    ) or "mode=memory" in str(connection.settings_dict["NAME"]):
        pytest.skip("an in-memory SQLite database is not shared between threads")
    results: list[bool] = []

    def scheduler() -> None:
        results.append(queue_run("prune-task-results", now=MONDAY_6.replace(hour=3, minute=30)))

    at_the_same_moment(*[scheduler] * 4)

    assert sorted(results) == [False, False, False, True]
    assert DBTaskResult.objects.count() == 1


def test_every_configured_job_is_scheduled_with_its_cron_and_task(settings):
    settings.SCHEDULE = {
        **settings.SCHEDULE,
        "reporting-reminders": ("0 8 * * mon", "alliance87.core.tasks.prune_sent_email", {}),
    }

    jobs = {job.id: job for job in build_scheduler().get_jobs()}

    assert set(jobs) == set(settings.SCHEDULE)
    assert {"digests-daily", "digests-weekly", "prune-task-results", "prune-search-changes"} <= set(jobs)
    assert (
        str(jobs["reporting-reminders"].trigger)
        == "cron[month='*', day='*', day_of_week='mon', hour='8', minute='0']"
    )


def test_a_numbered_weekday_is_refused_because_apscheduler_counts_from_monday():
    from django.core.exceptions import ImproperlyConfigured

    from alliance87.core.scheduler import trigger_for

    with pytest.raises(ImproperlyConfigured, match="name the days of the week"):
        trigger_for("0 6 * * 1")


def test_the_weekly_digests_go_out_on_monday():
    from alliance87.core.scheduler import trigger_for

    sunday = datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC)

    assert trigger_for("0 6 * * mon").get_next_fire_time(None, sunday) == MONDAY_6
