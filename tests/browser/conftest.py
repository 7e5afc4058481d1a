"""Fixtures for browser journeys: Debian's Chromium, a real SMTP server, and helpers to act as a person."""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from playwright.sync_api import Browser, Page, expect

from conftest import PASSWORD

# Playwright's sync API runs an event loop in the test thread; the test's own ORM calls are still synchronous.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]

expect.set_options(timeout=10_000)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Launch the system Chromium: `playwright install` cannot download a browser here."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """Let axe-core be injected despite the site's strict Content-Security-Policy."""
    return {**browser_context_args, "bypass_csp": True, "locale": "en-GB"}


@dataclass
class Mailbox:
    """The messages a real SMTP server received, in order of arrival."""

    messages: list[EmailMessage] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server: object, session: object, envelope: Any) -> str:  # noqa: N802
        message = message_from_bytes(envelope.original_content or envelope.content, policy=policy.default)
        with self.lock:
            self.messages.append(message)  # type: ignore[arg-type]
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        with self.lock:
            return [m for m in self.messages if address in str(m["To"])]

    def last_to(self, address: str) -> EmailMessage:
        received = self.to(address)
        assert received, f"no e-mail to {address}; received: {[str(m['To']) for m in self.messages]}"
        return received[-1]


def body_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return part.get_content()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_mailbox(settings: Any) -> Iterator[Mailbox]:
    """A real SMTP server on localhost; Django sends every e-mail of the test through it."""
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield mailbox
    finally:
        controller.stop()


@pytest.fixture
def site(live_server: Any, settings: Any) -> str:
    """The live server's address; links in e-mails point at it."""
    settings.SITE_URL = live_server.url
    return live_server.url


@pytest.fixture
def new_page(browser: Browser, browser_context_args: dict[str, Any]) -> Iterator[Callable[[], Page]]:
    """Open a page in a fresh browser context: one per person, so their sessions stay apart."""
    contexts = []

    def open_page() -> Page:
        context = browser.new_context(**browser_context_args)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def sign_in(page: Page, site: str, email: str, password: str = PASSWORD) -> None:
    """Sign in through the sign-in form, as a person would, and land on the dashboard."""
    page.goto(f"{site}/accounts/sign-in/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1, name="My dashboard")).to_be_visible()
