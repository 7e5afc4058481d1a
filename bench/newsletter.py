"""Send a newsletter issue to 10,000 confirmed subscribers through a real SMTP server on localhost.

    .venv/bin/python bench/newsletter.py [--subscribers N] [--batch-size B]

Starts an aiosmtpd server on 127.0.0.1 (it counts what it accepts), builds a fresh SQLite database
`var/bench/newsletter.sqlite3` with N confirmed subscribers, assembles an issue and sends it through the real
code path (`start_sending` logs a delivery per subscriber in one transaction, then the `send_issue` task claims
batches, opens one SMTP connection per batch and logs each message as sent). Prints messages per second and the
total time. Not a test.
"""

from __future__ import annotations

import argparse
import datetime
import logging
import socket
import threading
import time
from typing import Any

from database import prepare_database

prepare_database("newsletter", own_file=True)

import django  # noqa: E402

django.setup()

from aiosmtpd.controller import Controller  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402

from alliance87.accounts.models import User  # noqa: E402
from alliance87.news import newsletter  # noqa: E402
from alliance87.news.models import Delivery, DeliveryStatus, Post, PostStatus, Subscriber  # noqa: E402
from alliance87.news.subscriptions import new_token  # noqa: E402


class CountingHandler:
    def __init__(self) -> None:
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            self.count += 1
        return "250 OK"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--batch-size", type=int, default=100)
    args = parser.parse_args()

    handler = CountingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.NEWSLETTER_BATCH_SIZE = args.batch_size
    logging.getLogger("mail.log").setLevel(logging.WARNING)

    call_command("migrate", verbosity=0)
    by = User.objects.create_user(username="bench", email="bench@example.org", is_secretariat=True)
    for n in range(5):
        Post.objects.create(
            title=f"Bench news {n}",
            slug=f"bench-{n}",
            summary="A summary of what happened.",
            body="Some **Markdown** text.",
            status=PostStatus.PUBLISHED,
            published_at=timezone.now(),
        )
    started = time.perf_counter()
    Subscriber.objects.bulk_create(
        [
            Subscriber(
                email=f"subscriber{i}@example.org",
                language="en",
                status="confirmed",
                confirm_token=new_token(),
                unsubscribe_token=new_token(),
                confirmed_at=timezone.now(),
            )
            for i in range(args.subscribers)
        ],
        batch_size=1000,
    )
    print(f"{args.subscribers} confirmed subscribers created in {time.perf_counter() - started:.1f} s")
    today = timezone.localdate()
    issue = newsletter.assemble_draft(
        by=by, language="en", period_start=today - datetime.timedelta(days=30), period_end=today
    )

    # The task runs in this process, as the worker would run it; the database backend would only add a queue.
    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    ):
        started = time.perf_counter()
        count = newsletter.start_sending(issue=issue, by=by)
        elapsed = time.perf_counter() - started
    controller.stop()

    sent = Delivery.objects.filter(issue=issue, status=DeliveryStatus.SENT).count()
    print(f"deliveries logged: {count}, marked sent: {sent}, accepted by the SMTP server: {handler.count}")
    print(
        f"batch size {args.batch_size}: {elapsed:.1f} s in total, {handler.count / elapsed:.0f} messages/second"
    )


if __name__ == "__main__":
    main()
