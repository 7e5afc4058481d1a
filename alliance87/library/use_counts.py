"""Views of items counted in memory and written in batches, so an item's page can be served from the page cache.

Counting a view with a write on every GET made the item page uncacheable and, under load, serialised readers on
the database's write lock. Instead each web process adds views to a tally in memory — also when the page cache
serves the page, which never reaches the view (`alliance87.core.pagecache.register_hit`) — and writes the tally
to `MonthlyUse` in one short transaction once it holds `LIBRARY_VIEWS_BATCH` views or is
`LIBRARY_VIEWS_MAX_AGE` seconds old, and when the process exits. What is lost if a process is killed is at most
one batch of a statistic that is shown as approximate anyway; no address or person is ever kept.
"""

from __future__ import annotations

import atexit
import datetime
import logging
import threading
import time
from collections import Counter

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import Item, MonthlyUse

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_tally: Counter[tuple[str, datetime.date]] = Counter()
_started = time.monotonic()


def _batch() -> int:
    return int(getattr(settings, "LIBRARY_VIEWS_BATCH", 50))


def _max_age() -> float:
    return float(getattr(settings, "LIBRARY_VIEWS_MAX_AGE", 30))


def count_view(slug: str) -> None:
    """Count one view of the item with this address; written with the next batch."""
    global _started
    month = timezone.now().date().replace(day=1)
    with _lock:
        if not _tally:
            _started = time.monotonic()
        _tally[(slug, month)] += 1
        due = sum(_tally.values()) >= _batch() or time.monotonic() - _started >= _max_age()
    if due:
        write_views()


def pending_views() -> int:
    """Views counted in this process and not written yet."""
    with _lock:
        return sum(_tally.values())


def write_views() -> int:
    """Write the views counted so far (one transaction); returns how many were written."""
    with _lock:
        tally = dict(_tally)
        _tally.clear()
    if not tally:
        return 0
    slugs = {slug for slug, _month in tally}
    item_ids = dict(Item.objects.filter(slug__in=slugs).values_list("slug", "pk"))
    try:
        with transaction.atomic():
            for (slug, month), views in sorted(tally.items()):
                if slug in item_ids:
                    _add(item_ids[slug], month, views)
    except DatabaseError:
        logger.warning("could not write %d library views", sum(tally.values()), exc_info=True)
        return 0
    return sum(views for (slug, _month), views in tally.items() if slug in item_ids)


def _add(item_id: int, month: datetime.date, views: int) -> None:
    rows = MonthlyUse.objects.filter(item_id=item_id, month=month)
    if rows.update(views=F("views") + views):
        return
    try:
        with transaction.atomic():
            MonthlyUse.objects.create(item_id=item_id, month=month, views=views)
    except IntegrityError:  # another process created this month's row meanwhile
        rows.update(views=F("views") + views)


def _write_at_exit() -> None:
    try:
        write_views()
    except Exception:
        logger.warning("library views not written at exit", exc_info=True)


atexit.register(_write_at_exit)
