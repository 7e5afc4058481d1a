"""What browser journeys share: a mailbox for the SMTP server, reading e-mails, signing in."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from playwright.sync_api import Page, expect

from conftest import PASSWORD


@dataclass
class Mailbox:
    """An aiosmtpd handler that keeps every message the SMTP server receives, in order of arrival."""

    messages: list[EmailMessage] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(
        self, server: Any, session: Any, envelope: Any
    ) -> str:  # aiosmtpd calls this hook by name
        message = message_from_bytes(envelope.original_content or envelope.content, policy=policy.default)
        with self.lock:
            self.messages.append(message)  # type: ignore[arg-type]
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        with self.lock:
            return [m for m in self.messages if address in str(m["To"])]

    def last_to(self, address: str) -> EmailMessage:
        """The latest message to an address; fails with what did arrive if there is none."""
        received = self.to(address)
        assert received, f"no e-mail to {address}; received for: {[str(m['To']) for m in self.messages]}"
        return received[-1]


def body_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None, "the e-mail has no plain-text body"
    return part.get_content()


def link_in(text: str, path_prefix: str) -> str:
    """The first absolute link in a text whose path starts with `path_prefix`."""
    match = re.search(rf"https?://[^/\s]+{re.escape(path_prefix)}\S*", text)
    assert match, f"no link to {path_prefix} in:\n{text}"
    return match.group(0)


def sign_in(page: Page, site: str, email: str, password: str = PASSWORD) -> None:
    """Sign in through the sign-in form, as a person would, and land on the dashboard."""
    page.goto(f"{site}/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1, name="My dashboard")).to_be_visible()


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
