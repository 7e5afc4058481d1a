"""The data migration that gives rows made before history was kept their first historical record.

Migrations read the models of their own state (`apps.get_model`), not today's classes: this works on the fields
the historical table has at that point of the migration graph.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.utils import timezone

REASON = "Recorded when the history began"
BATCH = 1000


def record_baseline(app_label: str, model_names: Sequence[str]) -> Callable[[Any, Any], None]:
    """A RunPython function: one "created" record of its current state for each row that has no record."""

    def forward(apps: Any, schema_editor: Any) -> None:
        now = timezone.now()
        for name in model_names:
            model = apps.get_model(app_label, name)
            historical = apps.get_model(app_label, f"Historical{name}")
            copied = [f.attname for f in historical._meta.fields if not f.name.startswith("history_")]
            recorded = historical.objects.values("id")
            batch = []
            for row in model.objects.exclude(pk__in=recorded).iterator(chunk_size=BATCH):
                batch.append(
                    historical(
                        **{attname: getattr(row, attname) for attname in copied},
                        history_date=now,
                        history_type="+",
                        history_change_reason=REASON,
                    )
                )
                if len(batch) >= BATCH:
                    historical.objects.bulk_create(batch)
                    batch = []
            historical.objects.bulk_create(batch)

    return forward
