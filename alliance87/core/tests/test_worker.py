"""The task worker survives: a locked database, a worker killed mid-task (serve restarts it), a lost task."""

from __future__ import annotations

import datetime
import os
import signal
import sqlite3
import subprocess

import pytest
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from alliance87.core.worker import oldest_waiting_task_age, recover_stale_tasks

from .installation import Installation, free_port, wait_for

ENQUEUE = (
    "from alliance87.core.tests.tasks import hold_until_released;"
    "print(hold_until_released.enqueue({marker!r}).id)"
)
STATUS = (
    "from django_tasks_db.models import DBTaskResult;"
    "r = DBTaskResult.objects.get(pk={task_id!r}); print(r.status, len(r.worker_ids))"
)


@pytest.fixture
def installation(tmp_path):
    site = Installation(tmp_path / "data", TASKS_RUNNING_TIMEOUT="1")
    site.migrate()  # a copy of the migrated template
    return site


def test_a_worker_killed_mid_task_is_restarted_and_the_task_finishes(installation, tmp_path):
    marker = tmp_path / "marker"
    log = tmp_path / "serve.log"
    server = installation.start("serve", "--port", str(free_port()), "--workers", "1", log=log)
    try:
        task_id = installation.shell(ENQUEUE.format(marker=str(marker)))
        first = wait_for(lambda: marker.exists() and marker.read_text(), what="the task to start")
        pid = int(str(first).split()[1])

        os.kill(pid, signal.SIGKILL)
        (tmp_path / "marker.release").touch()

        wait_for(
            lambda: "done" in marker.read_text(), timeout=90, what="the task to finish after the restart"
        )
        lines = marker.read_text().splitlines()
        assert [line.split()[0] for line in lines] == ["started", "started", "done"]
        assert lines[1] != lines[0]  # run again by another worker process
        wait_for(lambda: installation.shell(STATUS.format(task_id=task_id)) == "SUCCESSFUL 2", what="success")
        output = log.read_text()
        assert "The task worker stopped (exit code -9); restarting it" in output
        assert "queued to run again" in output
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def test_the_worker_waits_out_a_locked_database(installation, tmp_path):
    marker = tmp_path / "marker"
    (tmp_path / "marker.release").touch()
    task_id = installation.shell(ENQUEUE.format(marker=str(marker)))
    lock = sqlite3.connect(installation.data_dir / "alliance87.sqlite3", isolation_level=None)
    lock.execute("BEGIN EXCLUSIVE")
    log = tmp_path / "worker.log"
    try:
        worker = installation.start(
            "db_worker", "--batch", "--no-startup-delay", log=log, SQLITE_BUSY_TIMEOUT_MS="50"
        )
        wait_for(lambda: "database is locked" in log.read_text(), what="the worker to meet the lock")
        assert worker.poll() is None  # still alive, waiting
    finally:
        lock.execute("COMMIT")
        lock.close()

    assert worker.wait(timeout=60) == 0, log.read_text()
    assert marker.read_text().splitlines()[-1] == "done"
    assert installation.shell(STATUS.format(task_id=task_id)) == "SUCCESSFUL 1"


def make_result(status: str, *, started_minutes_ago: int, claims: int) -> DBTaskResult:
    now = timezone.now()
    return DBTaskResult.objects.create(
        status=status,
        args_kwargs={"args": [], "kwargs": {"marker": "x"}},
        task_path="alliance87.core.tests.tasks.hold_until_released",
        backend_name="default",
        run_after=now,
        started_at=now - datetime.timedelta(minutes=started_minutes_ago),
        worker_ids=[f"w{n}" for n in range(claims)],
    )


@pytest.mark.django_db
def test_a_task_left_running_is_queued_again_once_then_marked_failed():
    abandoned = make_result(TaskResultStatus.RUNNING, started_minutes_ago=60, claims=1)
    abandoned_twice = make_result(TaskResultStatus.RUNNING, started_minutes_ago=60, claims=2)
    still_running = make_result(TaskResultStatus.RUNNING, started_minutes_ago=1, claims=1)

    assert recover_stale_tasks(timeout=600) == (1, 1)

    abandoned.refresh_from_db()
    abandoned_twice.refresh_from_db()
    still_running.refresh_from_db()
    assert abandoned.status == TaskResultStatus.READY
    assert abandoned_twice.status == TaskResultStatus.FAILED
    assert "stopped twice" in abandoned_twice.traceback
    assert still_running.status == TaskResultStatus.RUNNING


@pytest.mark.django_db
def test_the_oldest_waiting_task_age_is_measured_from_its_enqueueing():
    assert oldest_waiting_task_age() is None
    waiting = make_result(TaskResultStatus.READY, started_minutes_ago=0, claims=0)
    DBTaskResult.objects.filter(pk=waiting.pk).update(
        enqueued_at=timezone.now() - datetime.timedelta(minutes=5)
    )

    age = oldest_waiting_task_age()

    assert age is not None and 299 < age < 330


def test_serve_refuses_to_start_without_a_site_url_in_production(tmp_path):
    site = Installation(
        tmp_path / "data", DJANGO_SETTINGS_MODULE="alliance87.settings.production", SECRET_KEY="k" * 60
    )

    result = site.run("serve", "--port", str(free_port()), check=False)

    assert result.returncode != 0
    assert "Set SITE_URL" in result.stderr


def test_serve_starts_the_worker_from_the_installed_package_not_the_current_directory():
    from alliance87.core.management.commands.serve import installed_command

    command = installed_command("alliance87.cli", "db_worker")

    assert command[1] == "-P"  # python -P: the current directory is not put on the import path
    assert subprocess.list2cmdline(command).endswith("-m alliance87.cli db_worker")


def test_links_follow_the_port_serve_was_started_on_unless_site_url_is_set(monkeypatch):
    from alliance87.core.management.commands.serve import child_environment

    monkeypatch.delenv("SITE_URL", raising=False)
    assert child_environment(host="0.0.0.0", port=8123)["SITE_URL"] == "http://127.0.0.1:8123"

    monkeypatch.setenv("SITE_URL", "https://alliance87.example.org")
    assert child_environment(host="0.0.0.0", port=8123)["SITE_URL"] == "https://alliance87.example.org"
