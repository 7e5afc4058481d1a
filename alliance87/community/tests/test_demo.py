"""The demo discussions: three spaces, their threads and replies, one mention with its notification."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from alliance87.community.models import Mention, Notification, NotificationKind, Post, Space, Thread

pytestmark = pytest.mark.django_db


def load() -> None:
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_the_demo_has_discussions_a_mention_and_loads_idempotently():
    load()
    counts = (
        Space.objects.count(),
        Thread.objects.count(),
        Post.objects.count(),
        Notification.objects.count(),
    )
    load()

    assert (
        Space.objects.count(),
        Thread.objects.count(),
        Post.objects.count(),
        Notification.objects.count(),
    ) == counts
    assert (
        Thread.objects.get(title="Mapping of supply chain initiatives — next steps").space.visibility
        == "members"
    )
    mention = Mention.objects.select_related("user").get()
    assert mention.user.email == "focal@demo.alliance87.org"
    assert Notification.objects.filter(
        user=mention.user, kind=NotificationKind.MENTION, is_demo=True
    ).exists()
    assert not Thread.objects.filter(is_demo=False).exists()
    assert not Post.objects.filter(is_demo=False).exists()
