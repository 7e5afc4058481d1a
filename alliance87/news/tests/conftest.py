"""Fixtures of the news tests: a real SMTP server on localhost, posts, subscribers and a communication officer."""

from __future__ import annotations

import itertools
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.utils import timezone

from alliance87.news.models import Post, PostStatus, Subscriber, SubscriberStatus
from alliance87.news.subscriptions import new_token

serial = itertools.count(1)


@dataclass
class Mailbox:
    """An aiosmtpd handler keeping every message it accepts; `fail_after` makes it refuse (451) from then on."""

    messages: list[EmailMessage] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    refuse: set[str] = field(default_factory=set)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if any(address in self.refuse for address in envelope.rcpt_tos):
            return "550 No such mailbox"
        message = message_from_bytes(envelope.original_content or envelope.content, policy=policy.default)
        with self.lock:
            self.messages.append(message)  # type: ignore[arg-type]
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        with self.lock:
            return [m for m in self.messages if address == str(m["To"])]

    def count_by_recipient(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        with self.lock:
            for message in self.messages:
                counts[str(message["To"])] = counts.get(str(message["To"]), 0) + 1
        return counts


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def mailbox(settings: Any) -> Iterator[Mailbox]:
    """A real SMTP server on localhost; Django sends every e-mail of the test through it."""
    inbox = Mailbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.SITE_URL = "https://alliance87.example"
    try:
        yield inbox
    finally:
        controller.stop()


@pytest.fixture
def queued_tasks(settings: Any) -> None:
    """Tasks are stored, not run, so a test decides when (and how often) the sender runs."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def make_post(**fields: Any) -> Post:
    n = next(serial)
    published = fields.get("status", PostStatus.PUBLISHED) == PostStatus.PUBLISHED
    defaults: dict[str, Any] = {
        "title": f"News {n}",
        "slug": f"news-{n}",
        "summary": f"Summary {n}",
        "body": f"Body of post {n}.",
        "language": "en",
        "status": PostStatus.PUBLISHED,
        "published_at": timezone.now() if published else None,
    }
    defaults.update(fields)
    return Post.objects.create(**defaults)


def make_subscriber(
    email: str, *, language: str = "en", status: str = SubscriberStatus.CONFIRMED
) -> Subscriber:
    return Subscriber.objects.create(
        email=email,
        language=language,
        status=status,
        confirm_token=new_token(),
        unsubscribe_token=new_token(),
        confirmed_at=timezone.now() if status == SubscriberStatus.CONFIRMED else None,
    )


@pytest.fixture
def officer(world: Any) -> Any:
    """The NGO's member, made a communication officer by the Secretariat."""
    from alliance87.news.models import CommunicationOfficer

    CommunicationOfficer.objects.create(user=world.member, added_by=world.secretariat)
    return world.member
