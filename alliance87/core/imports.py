"""Imports run in the background: every record checked first, then everything written in one short transaction.

A page or the API stores the uploaded file and answers at once with the job's address (`start_import`); the task
worker then runs `run_import`:

1. **checking** — outside any write transaction, the app's importer reads the whole file, validates every record
   with the same rules as its pages and API, and stages what it will write in memory. Any problem, by row and
   field, ends the job as *failed* with every error listed, and nothing is written. Other writers are never
   held up by this phase, however long the file.
2. **writing** — inside ONE transaction, the staged records are written in batches (bulk inserts and updates,
   a few queries per batch). All or nothing stays true: a problem found here rolls the whole transaction back.
   The transaction holds SQLite's write lock only for this phase; `write_seconds` records how long it took.

A worker that dies during either phase leaves the task RUNNING; the worker's recovery (`core.worker`) queues it
once more, and this task starts the job again from the file (an interrupted write transaction was rolled back by
the database). A job whose task was given up on is shown as failed.

Apps register an `Importer` for each kind from their `ready()`, so this module never imports an app.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import HttpResponseRedirect
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django_tasks import task
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .models import ImportJob, ImportState

logger = logging.getLogger("alliance87.imports")

#: At most this many errors are kept with a job (the count of all of them is kept too).
MAX_KEPT_ERRORS = 2000
#: Progress is written at most this often (seconds), in its own short statement.
PROGRESS_INTERVAL = 0.5


@dataclass(frozen=True)
class RowError:
    """One problem: where (a row or record number, or "" for the whole file), which field, and what is wrong."""

    row: str
    field: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"row": self.row, "field": self.field, "message": self.message}


class ImportRefused(Exception):
    """The file cannot be imported: every problem found, by row and field. Nothing was written."""

    def __init__(self, errors: Iterable[RowError]):
        self.errors = list(errors)
        super().__init__(f"{len(self.errors)} problem(s)")


@dataclass
class ImportResult:
    """What a finished import saved: a sentence, counts, and links to what it made (shown on the job page)."""

    summary: str
    written: int
    counts: dict[str, int] = field(default_factory=dict)
    links: list[tuple[str, str]] = field(default_factory=list)  # (label, address)
    notes: list[str] = field(default_factory=list)
    detail_url: str = ""
    #: Work to start once the write transaction has ended (e.g. queueing the search index's update).
    then: list[Callable[[], Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "summary": self.summary,
            "counts": self.counts,
            "links": [{"label": label, "url": url} for label, url in self.links[:200]],
            "more_links": max(0, len(self.links) - 200),
            "notes": self.notes,
            "detail_url": self.detail_url,
        }


class Progress:
    """Counts of the checking phase, saved now and then (each in its own short statement)."""

    def __init__(self, job: ImportJob):
        self.job = job
        self._saved_at = 0.0

    def __call__(self, *, checked: int, total: int | None = None) -> None:
        self.job.checked = checked
        if total is not None:
            self.job.total = total
        now = time.monotonic()
        if now - self._saved_at >= PROGRESS_INTERVAL or checked == self.job.total:
            self._saved_at = now
            ImportJob.objects.filter(pk=self.job.pk).update(checked=self.job.checked, total=self.job.total)


class CheckFile(Protocol):
    def __call__(self, *, job: ImportJob, content: bytes, progress: Progress) -> Any: ...


class WriteStaged(Protocol):
    def __call__(self, *, job: ImportJob, staged: Any) -> ImportResult: ...


def field_errors(error: ValidationError, file_field: str) -> list[RowError]:
    """Each message under the field it names (the file's field for the whole file), for no row in particular."""
    if hasattr(error, "error_dict"):
        return [
            RowError("", name if name != "__all__" else file_field, message)
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return [RowError("", file_field, message) for message in error.messages]


def row_errors(error: ValidationError, file_field: str) -> list[RowError]:
    """Messages like "Results row 3: title is required." become (row "Results row 3", the reason); any other
    message is about the file as a whole."""
    errors = []
    for message in error.messages:
        where, sep, reason = message.partition(": ")
        if sep and " row " in f" {where} ":
            errors.append(RowError(where, "", reason))
        else:
            errors.append(RowError("", file_field, message))
    return errors


@dataclass(frozen=True)
class Importer:
    """How one kind of file is imported. `check` reads and validates without writing and returns what to write;
    `write` writes it (inside the one transaction). `may_start(person, options)` says who may start one."""

    kind: str
    label: str | Promise
    check: CheckFile
    write: WriteStaged
    may_start: Callable[[Any, dict[str, Any]], bool]
    max_bytes: Callable[[], int]
    file_field: str = "file"
    #: How a ValidationError the importer raises becomes row errors (`field_errors` or `row_errors`).
    read_errors: Callable[[ValidationError, str], list[RowError]] = field_errors


_importers: dict[str, Importer] = {}


def register_importer(importer: Importer) -> None:
    """Called from an app's `ready()`; a kind registered twice (tests reloading apps) keeps the latest."""
    _importers[importer.kind] = importer


def importer_for(kind: str) -> Importer:
    return _importers[kind]


def start_import(
    *,
    by: Any,
    kind: str,
    file_name: str,
    content: bytes,
    options: dict[str, Any] | None = None,
    via_api: bool = False,
) -> ImportJob:
    """Keep the file and queue its import; answers at once with the job (the person follows it on its page).

    Refuses, before storing anything, a person who may not start this import and a file over the size limit
    (a ValidationError naming the importer's file field).
    """
    importer = importer_for(kind)
    options = dict(options or {})
    if not importer.may_start(by, options):
        raise PermissionDenied(_("You may not start this import."))
    limit = importer.max_bytes()
    if len(content) > limit:
        raise ValidationError(
            {
                importer.file_field: _("The file is larger than %(size)d MB.")
                % {"size": limit // (1024 * 1024)}
            }
        )
    if not content.strip():
        raise ValidationError({importer.file_field: _("The file is empty.")})
    options.setdefault("language", translation.get_language() or "en")
    job = ImportJob(
        kind=kind, created_by=by, file_name=(file_name or "upload")[:255], options=options, via_api=via_api
    )
    job.file.save(job.file_name, ContentFile(content), save=False)
    job.save()
    result = run_import.enqueue(job_id=job.pk)
    ImportJob.objects.filter(pk=job.pk, task_id="").update(task_id=str(result.id)[:64])
    job.refresh_from_db()
    return job


def see_job(job: ImportJob) -> HttpResponseRedirect:
    """The answer of a page that started an import: 303 See Other to the job's page."""
    response = HttpResponseRedirect(job.get_absolute_url())
    response.status_code = 303
    return response


def _finish(job: ImportJob, *, state: str, errors: list[RowError] | None = None, **fields: Any) -> None:
    job.state = state
    job.finished_at = timezone.now()
    if errors is not None:
        job.errors = [e.as_dict() for e in errors[:MAX_KEPT_ERRORS]]
        job.result = {"error_count": len(errors)}
    for name, value in fields.items():
        setattr(job, name, value)
    if job.file:
        job.file.delete(save=False)  # the file served its purpose; what was saved (or why not) is on the job
    job.save()


@task()
def run_import(job_id: int) -> str:
    """Check the job's file whole, then write it in one short transaction (see the module's description)."""
    job = ImportJob.objects.filter(pk=job_id).first()
    if job is None or job.is_finished:
        return "nothing to do"
    importer = importer_for(job.kind)
    with translation.override(job.options.get("language") or "en"):
        return _run(job, importer)


def _run(job: ImportJob, importer: Importer) -> str:
    job.state, job.started_at, job.checked, job.written, job.errors = (
        ImportState.CHECKING,
        timezone.now(),
        0,
        0,
        [],
    )
    job.save(update_fields=["state", "started_at", "checked", "written", "errors"])
    try:
        with job.file.open("rb") as stored:
            content = stored.read()
        staged = importer.check(job=job, content=content, progress=Progress(job))
        job.state = ImportState.WRITING
        job.save(update_fields=["state", "checked", "total"])
        began = time.perf_counter()
        with transaction.atomic():
            result = importer.write(job=job, staged=staged)
        seconds = time.perf_counter() - began
        for follow_up in result.then:
            follow_up()
    except ImportRefused as refused:
        _finish(job, state=ImportState.FAILED, errors=refused.errors)
        return ImportState.FAILED
    except ValidationError as error:
        _finish(job, state=ImportState.FAILED, errors=importer.read_errors(error, importer.file_field))
        return ImportState.FAILED
    except Exception:
        logger.exception(
            "Import %s (%s, %s) stopped on an unexpected error.", job.pk, job.kind, job.file_name
        )
        message = _(
            "The import stopped on an unexpected error; nothing was saved. The administrators have been told."
        )
        _finish(job, state=ImportState.FAILED, errors=[RowError("", importer.file_field, message)])
        return ImportState.FAILED
    logger.info("Import %s (%s): %d records written in %.3f s.", job.pk, job.kind, result.written, seconds)
    _finish(
        job, state=ImportState.DONE, written=result.written, result=result.as_dict(), write_seconds=seconds
    )
    return ImportState.DONE


LOST_MESSAGE = gettext_noop(
    "The worker running this import stopped twice; nothing was saved. Start the import again."
)


def current_state(job: ImportJob) -> ImportJob:
    """The job as it stands; one whose task was given up on (its worker died twice) is marked failed."""
    if job.is_finished or not job.task_id:
        return job
    try:
        status = DBTaskResult.objects.filter(pk=job.task_id).values_list("status", flat=True).first()
    except ValidationError:  # not a database task's id (tasks run inline, e.g. in tests): nothing to learn
        return job
    if status in (TaskResultStatus.FAILED, TaskResultStatus.SUCCESSFUL):
        job.refresh_from_db()
        if not job.is_finished:
            _finish(job, state=ImportState.FAILED, errors=[RowError("", "file", _(LOST_MESSAGE))])
    return job


def may_see_job(person: Any, job: ImportJob, *, oversees: bool) -> bool:
    """The person who started an import sees it; so does whoever `oversees` (the Secretariat)."""
    return bool(getattr(person, "is_authenticated", False) and (job.created_by_id == person.pk or oversees))
