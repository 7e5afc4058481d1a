"""The logframe workbook and IATI results imported as background jobs (`core.imports`).

Checking (reading the workbook or the XML, every row parsed and matched, the services' rules applied) happens
before the write transaction; the write is the one transaction the importers always used, so all or nothing
holds. An IATI value the rules refuse is found while writing and undoes the whole import, as before.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alliance87.core.imports import (
    Importer,
    ImportResult,
    Progress,
    register_importer,
    row_errors,
)
from alliance87.core.models import ImportJob

from ..models import Plan
from ..permissions import can_edit_plan
from . import iati, xlsx

WORKBOOK = "plans.workbook"
IATI = "plans.iati"
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


def _plan(job: ImportJob) -> Plan:
    return Plan.objects.get(slug=job.options["plan"])


def _counts(rows: list[dict[str, Any]]) -> list[str]:
    return [
        _("%(label)s: %(created)s created, %(updated)s updated")
        % {"label": row["label"], "created": row["created"], "updated": row["updated"]}
        for row in rows
    ]


def check_workbook(*, job: ImportJob, content: bytes, progress: Progress) -> xlsx.StagedWorkbook:
    return xlsx.check_workbook(plan=_plan(job), data=content, by=job.created_by)


def write_workbook(*, job: ImportJob, staged: xlsx.StagedWorkbook) -> ImportResult:
    report = xlsx.write_workbook(staged)
    rows = report.rows()
    return ImportResult(
        summary=_("The workbook has been imported."),
        written=sum(row["created"] + row["updated"] for row in rows),
        counts={f"{kind}_created": n for kind, n in report.created.items()},
        links=[(staged.plan.title, staged.plan.get_absolute_url())],
        notes=_counts(rows),
    )


def check_iati(*, job: ImportJob, content: bytes, progress: Progress) -> iati.ParsedActivity:
    return iati.check_results(plan=_plan(job), xml_bytes=content, by=job.created_by)


def write_iati(*, job: ImportJob, staged: iati.ParsedActivity) -> ImportResult:
    plan = _plan(job)
    report = iati.write_results(plan=plan, parsed=staged, by=job.created_by)
    rows = report.rows()
    notes = _counts(rows)
    if report.skipped_manual:
        notes.append(_("These values were entered on the platform and were left as they are:"))
        notes += report.skipped_manual[:50]
    return ImportResult(
        summary=_("The results of the activity %(identifier)s have been imported.")
        % {"identifier": report.identifier},
        written=sum(row["created"] + row["updated"] for row in rows),
        counts={f"{kind}_created": n for kind, n in report.created.items()},
        links=[(plan.title, plan.get_absolute_url())],
        notes=notes,
    )


def _may_edit(person: Any, options: dict[str, Any]) -> bool:
    plan = Plan.objects.filter(slug=options.get("plan", "")).first()
    return plan is not None and can_edit_plan(person, plan)


def register() -> None:
    register_importer(
        Importer(
            kind=WORKBOOK,
            label=gettext_lazy("A plan's logframe from a workbook (.xlsx)"),
            check=check_workbook,
            write=write_workbook,
            may_start=_may_edit,
            max_bytes=lambda: MAX_UPLOAD_BYTES,
            file_field="workbook",
            read_errors=row_errors,
        )
    )
    register_importer(
        Importer(
            kind=IATI,
            label=gettext_lazy("A plan's results from an IATI activity file (.xml)"),
            check=check_iati,
            write=write_iati,
            may_start=_may_edit,
            max_bytes=lambda: MAX_UPLOAD_BYTES,
            file_field="activity_file",
            read_errors=row_errors,
        )
    )
