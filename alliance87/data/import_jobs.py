"""Observation files imported as a background job (`core.imports`): `services.check_observations`, then
`services.write_observations` in the one short transaction."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alliance87.core.imports import (
    Importer,
    ImportRefused,
    ImportResult,
    Progress,
    RowError,
    register_importer,
)
from alliance87.core.models import ImportJob

from . import permissions, services

KIND = "data.observations"


def check(*, job: ImportJob, content: bytes, progress: Progress) -> services.StagedObservations:
    try:
        return services.check_observations(
            by=job.created_by,
            content=content,
            file_name=job.file_name,
            format=job.options.get("format", ""),
            via_api=job.via_api,
            progress=progress,
        )
    except services.RowsRefused as refused:
        raise ImportRefused(
            RowError(str(row or ""), "file", message) for row, message in refused.by_row
        ) from None


def write(*, job: ImportJob, staged: services.StagedObservations) -> ImportResult:
    batch = services.write_observations(staged)
    return ImportResult(
        summary=_("Imported: %(created)s new, %(updated)s changed, %(unchanged)s unchanged.")
        % {"created": batch.created, "updated": batch.updated, "unchanged": batch.unchanged},
        written=batch.created + batch.updated,
        counts={
            "batch": batch.pk,
            "created": batch.created,
            "updated": batch.updated,
            "unchanged": batch.unchanged,
        },
        detail_url=batch.get_absolute_url(),
    )


def _may_start(person: Any, options: dict[str, Any]) -> bool:
    return permissions.can_import_observations(person)


def register() -> None:
    register_importer(
        Importer(
            kind=KIND,
            label=gettext_lazy(
                "Observations from a data file (SDG Global Database, SDMX-CSV or the template)"
            ),
            check=check,
            write=write,
            may_start=_may_start,
            max_bytes=lambda: int(settings.DATA_IMPORT_MAX_BYTES),
            file_field="file",
        )
    )
