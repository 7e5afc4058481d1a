"""The cross-plan gap report's CSV download: written once per data version, then a file read; streamed meanwhile.

Every row of every list across 500 plans is some 130,000 rows: seconds of work. So the finished file is kept in
the default storage (the uploads' disk or bucket, under ``generated/gap-reports/``, never served by address)
named by what it holds: the plans the reader may see under the filters (their ids: the access rule as it
applies), the filters, the language, the day (days overdue), the release and the data version. The next download
with the same name is a file read, whoever asks; a change made by anyone raises the data version, so the next
download is written again. Files of older versions are deleted when a new one is kept, and at most `KEEP_FILES`
stay. The file is streamed while it is written (a chunk of rows at a time, read from the database a few plans at
a time by `streamed.gap_rows`: neither the report nor its text is ever whole in memory), and kept only once
written to the end. Downloads are limited per client (``ACCOUNT_RATE_LIMITS["gap_report_download"]``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import tempfile
from collections.abc import Callable, Iterator
from typing import IO, Any

from django.core.files import File
from django.core.files.storage import default_storage
from django.http import FileResponse, HttpResponseBase, StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header

from alliance87.accounts.types import Person
from alliance87.core.pagecache import changed_in_open_transaction, current_version, release

from .report import GapFilters
from .selectors import filtered_plans

logger = logging.getLogger(__name__)

KEPT_DIR = "generated/gap-reports"
KEEP_FILES = 50
CONTENT_TYPE = "text/csv; charset=utf-8"
HEADER = "X-Download-Cache"


def kept_name(user: Person, filters: GapFilters) -> str | None:
    """The name of the file holding this report for this reader now; None while this request's own writes are
    uncommitted (it must see them, and nobody else may get them)."""
    if changed_in_open_transaction():
        return None
    version = current_version()
    plan_ids = sorted(filtered_plans(user, filters).values_list("pk", flat=True))
    facts = (
        release(),
        translation.get_language(),
        timezone.localdate().isoformat(),
        dataclasses.astuple(filters),
        plan_ids,
    )
    digest = hashlib.blake2b(repr(facts).encode(), digest_size=16).hexdigest()
    return f"{KEPT_DIR}/v{version}-{digest}.csv"


def _attachment(response: HttpResponseBase, filename: str, state: str) -> HttpResponseBase:
    response["Content-Disposition"] = content_disposition_header(True, filename) or ""
    response[HEADER] = state
    return response


def kept_csv(*, name: str | None, build: Callable[[], Iterator[bytes]], filename: str) -> HttpResponseBase:
    """The kept file when there is one; else `build()` (called now: what it checks and reads first fails as a
    page, not a cut file) streamed as its rows are written, and kept once written to the end."""
    if name is not None:
        try:
            if default_storage.exists(name):
                stream = default_storage.open(name, "rb")
                return _attachment(FileResponse(stream, content_type=CONTENT_TYPE), filename, "hit")
        except OSError:
            logger.warning("could not read the kept file %s", name, exc_info=True)
    response = StreamingHttpResponse(
        _streamed(build(), name, translation.get_language()), content_type=CONTENT_TYPE
    )
    return _attachment(response, filename, "miss")


def _streamed(chunks: Iterator[bytes], name: str | None, language: str | None) -> Iterator[bytes]:
    spool = tempfile.TemporaryFile() if name is not None else None  # noqa: SIM115 - closed below
    try:
        with translation.override(language):
            for chunk in chunks:
                if spool is not None:
                    spool.write(chunk)
                yield chunk
        if spool is not None and name is not None:
            _keep(spool, name)
    finally:
        if spool is not None:
            spool.close()


def _keep(spool: IO[bytes], name: str) -> None:
    spool.seek(0)
    try:
        if not default_storage.exists(name):
            saved = default_storage.save(name, File(spool))
            if saved != name:  # another process kept the same file meanwhile
                default_storage.delete(saved)
        _prune(current=name)
    except OSError:
        logger.warning("could not keep the file %s", name, exc_info=True)


def _prune(*, current: str) -> None:
    """Delete the files of other data versions, then the oldest beyond `KEEP_FILES`."""
    version = current.rsplit("/", 1)[-1].split("-", 1)[0] + "-"
    _dirs, files = default_storage.listdir(KEPT_DIR)
    kept: list[tuple[Any, str]] = []
    for file_name in files:
        path = f"{KEPT_DIR}/{file_name}"
        if not file_name.startswith(version):
            default_storage.delete(path)
        else:
            kept.append((default_storage.get_modified_time(path), path))
    for _modified, path in sorted(kept)[: max(0, len(kept) - KEEP_FILES)]:
        default_storage.delete(path)


def forget_kept_files() -> None:
    """Delete every kept file (the next download of each is written again)."""
    try:
        _dirs, files = default_storage.listdir(KEPT_DIR)
    except OSError:
        return
    for file_name in files:
        default_storage.delete(f"{KEPT_DIR}/{file_name}")
