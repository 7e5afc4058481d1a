"""Events for the meetings tests."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

from django.utils import timezone

from alliance87.meetings.models import Event, EventKind

serial = itertools.count(1)


def make_event(*, owner_body: Any = None, owner_country: Any = None, **extra: Any) -> Event:
    i = next(serial)
    starts_at = extra.pop("starts_at", timezone.now() + datetime.timedelta(days=30))
    return Event.objects.create(
        kind=extra.pop("kind", EventKind.WORKSHOP),
        title=extra.pop("title", f"Workshop {i}"),
        slug=extra.pop("slug", f"workshop-{i}"),
        owner_body=owner_body,
        owner_country=owner_country,
        starts_at=starts_at,
        ends_at=extra.pop("ends_at", starts_at + datetime.timedelta(hours=8)),
        timezone=extra.pop("timezone", "Europe/Zurich"),
        city=extra.pop("city", "Geneva"),
        **extra,
    )
