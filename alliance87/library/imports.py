"""Citation files imported as a background job (`core.imports`): the same two halves as `import_citations`."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from alliance87.core.imports import (
    Importer,
    ImportRefused,
    ImportResult,
    Progress,
    RowError,
    register_importer,
)
from alliance87.core.models import ImportJob

from .bulk_items import update_search_index
from .citation_import import CitationFormat, StagedCitations, check_citations, write_citations
from .models import Access, Item
from .permissions import can_add_items

KIND = "library.citations"
#: The format a file name's ending says, when the person does not choose one.
EXTENSIONS = {".bib": CitationFormat.BIBTEX, ".ris": CitationFormat.RIS, ".csv": CitationFormat.CSV}
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
ITEM_FIELDS = {f.name for f in Item._meta.get_fields()}


def decode_citation_file(data: bytes) -> str:
    """The text of a citation file; a ValidationError says why a file is not one (binary, not UTF-8, empty)."""
    if not data.strip():
        raise ValidationError(_("The file is empty."))
    if b"\x00" in data:
        raise ValidationError(_("This is not a text file."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(_("The file is not UTF-8 text; save it as UTF-8 and try again.")) from None


def _row_errors(reasons: list[str], position: str) -> list[RowError]:
    errors = []
    for reason in reasons:
        name, _sep, message = reason.partition(": ")
        if name in ITEM_FIELDS and message:
            errors.append(RowError(position, name, message))
        else:
            errors.append(RowError(position, "", reason))
    return errors


def check(*, job: ImportJob, content: bytes, progress: Progress) -> StagedCitations:
    try:
        text = decode_citation_file(content)
    except ValidationError as error:
        raise ValidationError({"citation_file": error.messages}) from None
    staged = check_citations(
        by=job.created_by,
        content=text,
        file_format=job.options.get("file_format", ""),
        access=job.options.get("access", Access.PUBLIC),
        progress=progress,
    )
    errors = [error for line in staged.report.errors for error in _row_errors(line.reasons, line.position)]
    if errors:
        raise ImportRefused(errors)
    return staged


def write(*, job: ImportJob, staged: StagedCitations) -> ImportResult:
    report = write_citations(staged)
    imported = [line for line in report.lines if line.item is not None]
    notes = []
    if report.duplicate_count:
        notes.append(
            ngettext(
                "One record was skipped as a duplicate.",
                "%(count)d records were skipped as duplicates.",
                report.duplicate_count,
            )
            % {"count": report.duplicate_count}
        )
        notes += [
            f"{line.position}: {line.title} — {'; '.join(line.reasons)}"
            for line in report.lines
            if line.outcome == "duplicate"
        ][:50]
    return ImportResult(
        summary=ngettext("One item was imported.", "%(count)d items were imported.", report.imported_count)
        % {"count": report.imported_count},
        written=report.imported_count,
        counts={"imported": report.imported_count, "duplicates": report.duplicate_count},
        links=[(line.title, line.item.get_absolute_url()) for line in imported if line.item is not None],
        notes=notes,
        then=[update_search_index],
    )


def _may_start(person: Any, options: dict[str, Any]) -> bool:
    return can_add_items(person)


def register() -> None:
    register_importer(
        Importer(
            kind=KIND,
            label=gettext_lazy("Library items from a citation file (BibTeX, RIS or CSV)"),
            check=check,
            write=write,
            may_start=_may_start,
            max_bytes=lambda: MAX_UPLOAD_BYTES,
            file_field="citation_file",
        )
    )
