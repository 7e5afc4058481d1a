"""The change log that feeds the search index: record a change, and apply the pending ones.

Every change to an item (its metadata, authors, subjects, files or extracted text, or its deletion) is written
to `IndexChange`; a task applies the log to whichever index the configured backend keeps. An external index
(tantivy) is fed the same way, and any index can be rebuilt from the database without the log.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from ..models import IndexChange, Item


def record_change(item_id: int) -> None:
    """Note that an item changed (or was deleted) and ask the worker to update the search index."""
    from .tasks import apply_index_changes

    IndexChange.objects.create(item_id=item_id)
    apply_index_changes.enqueue()


def record_changes(item_ids: Iterable[int]) -> None:
    """Note that these items changed (a subject's label was renamed or translated): one task for all of them."""
    from .tasks import apply_index_changes

    rows = [IndexChange(item_id=item_id) for item_id in sorted(set(item_ids))]
    if rows:
        IndexChange.objects.bulk_create(rows)
        apply_index_changes.enqueue()


def apply_pending_changes(*, limit: int = 5000) -> int:
    """Index (or remove) every item with unprocessed changes; returns how many items were updated."""
    from . import get_backend

    pending = list(
        IndexChange.objects.filter(processed_at__isnull=True)
        .order_by("pk")
        .values_list("pk", "item_id")[:limit]
    )
    if not pending:
        return 0
    last_pk = pending[-1][0]
    item_ids = sorted({item_id for _, item_id in pending})
    backend = get_backend()
    existing = set(Item.objects.filter(pk__in=item_ids).values_list("pk", flat=True))
    with transaction.atomic():
        backend.index_items(sorted(existing))
        for item_id in item_ids:
            if item_id not in existing:
                backend.remove_item(item_id)
        # Only the rows read above: a change recorded meanwhile stays pending for the next run.
        IndexChange.objects.filter(processed_at__isnull=True, item_id__in=item_ids, pk__lte=last_pk).update(
            processed_at=timezone.now()
        )
    return len(item_ids)
