"""E-mail through a real SMTP server (aiosmtpd): a temporary refusal is retried later, nothing is sent twice,
and a mail that cannot be sent is on record and reported."""

from __future__ import annotations

import datetime
import logging
import socket
import threading
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.test import Client
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from alliance87.core.emails import enqueue_email
from alliance87.core.models import EmailStatus, OutgoingEmail
from alliance87.core.worker import ResilientWorker

pytestmark = pytest.mark.django_db


class FlakyServer:
    """Answers 451 (try again later) to the first `failures` messages, then accepts."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.messages: list[EmailMessage] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            if self.failures > 0:
                self.failures -= 1
                return "451 4.3.0 Mail server temporarily busy"
            self.messages.append(message_from_bytes(envelope.content, policy=policy.default))  # type: ignore[arg-type]
        return "250 OK"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def smtp(settings):
    def start(failures: int) -> FlakyServer:
        handler = FlakyServer(failures)
        controller = Controller(handler, hostname="127.0.0.1", port=free_port())
        controller.start()
        started.append(controller)
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        return handler

    started: list[Controller] = []
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    yield start
    for controller in started:
        controller.stop()


def run_worker() -> None:
    ResilientWorker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


def make_due_now() -> None:
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(run_after=timezone.now())


def test_a_temporary_smtp_error_is_retried_later_and_the_mail_arrives_once(smtp):
    server = smtp(failures=1)
    email = enqueue_email(subject="Welcome", body="Hello", to=["ana@example.org"])

    run_worker()
    email.refresh_from_db()
    retry = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert server.messages == []
    assert email.status == EmailStatus.QUEUED and email.attempts == 1
    assert "451" in email.last_error
    assert retry.run_after >= timezone.now() + datetime.timedelta(seconds=50)  # backs off

    make_due_now()
    run_worker()
    run_worker()

    email.refresh_from_db()
    assert email.status == EmailStatus.SENT and email.attempts == 2
    assert [m["To"] for m in server.messages] == ["ana@example.org"]
    assert server.messages[0]["Message-ID"] == email.message_id


def test_running_the_delivery_again_never_sends_twice(smtp):
    from alliance87.core.tasks import deliver_email

    server = smtp(failures=0)
    email = enqueue_email(subject="Once", body="Only once", to=["ana@example.org"])
    run_worker()

    deliver_email.enqueue(email_id=email.pk)  # a duplicate task, e.g. a re-run after a worker died
    run_worker()

    assert len(server.messages) == 1


def test_a_mail_left_half_sent_by_a_dead_worker_is_not_sent_again(smtp, caplog):
    from alliance87.core.tasks import deliver_email

    server = smtp(failures=0)
    email = enqueue_email(subject="Maybe", body="Unknown", to=["ana@example.org"])
    OutgoingEmail.objects.filter(pk=email.pk).update(status=EmailStatus.SENDING, attempts=1)
    DBTaskResult.objects.all().delete()
    caplog.set_level(logging.WARNING)

    deliver_email.enqueue(email_id=email.pk)
    run_worker()

    assert server.messages == []
    assert "not sent again" in caplog.text


def test_a_mail_that_keeps_failing_is_marked_failed_and_reported(smtp, settings, caplog):
    settings.EMAIL_RETRY_DELAYS = [1, 1]
    server = smtp(failures=10)
    caplog.set_level(logging.ERROR)
    email = enqueue_email(subject="Reset", body="Your link", to=["ana@example.org"])

    for _attempt in range(3):
        make_due_now()
        run_worker()

    email.refresh_from_db()
    assert server.messages == []
    assert email.status == EmailStatus.FAILED and email.attempts == 3
    assert "could not be sent after 3 attempts" in caplog.text


def test_a_password_reset_mail_refused_for_now_is_retried_not_lost(smtp, world):
    server = smtp(failures=1)

    Client().post("/accounts/password/reset/", {"email": world.member.email})
    run_worker()
    make_due_now()
    run_worker()

    assert [m["To"] for m in server.messages] == [world.member.email]
    assert "/accounts/password/reset/key/" in server.messages[0].get_content()
    assert OutgoingEmail.objects.get().status == EmailStatus.SENT
