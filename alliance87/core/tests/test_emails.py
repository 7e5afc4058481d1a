"""E-mails are plain text: what people typed reads as they typed it, subjects included."""

from __future__ import annotations

import pytest
from django.core import mail

from alliance87.community import services as community

pytestmark = pytest.mark.django_db


def test_a_subject_with_arrows_and_ampersands_is_not_html_escaped(world):
    community.send_message(
        sender=world.focal_point,
        recipient=world.member,
        subject="member->chair: R&D <draft>",
        body="See the \"plan\" & the 'budget'.",
    )

    (message,) = mail.outbox
    assert message.subject.endswith(": member->chair: R&D <draft>")
    assert "&gt;" not in message.subject and "&amp;" not in message.subject
    assert "&quot;" not in message.body and "&#x27;" not in message.body
