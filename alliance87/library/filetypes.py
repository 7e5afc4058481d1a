"""What an uploaded file really is, judged by its content rather than its name.

A file is accepted only when its content is one of the formats we can extract text from and matches the
extension it carries: a PDF named .docx, or a .pdf that is not a PDF, is refused.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from typing import IO

import filetype
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alliance87.core import archives


@dataclass(frozen=True)
class FileFormat:
    extension: str
    content_type: str
    label: str


PDF = FileFormat("pdf", "application/pdf", "PDF")
DOCX = FileFormat("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word")
XLSX = FileFormat("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel")
ODT = FileFormat("odt", "application/vnd.oasis.opendocument.text", "OpenDocument text")
TXT = FileFormat("txt", "text/plain", "text")
CSV = FileFormat("csv", "text/csv", "CSV")

FORMATS = {f.extension: f for f in (PDF, DOCX, XLSX, ODT, TXT, CSV)}
BY_CONTENT_TYPE = {f.content_type: f for f in FORMATS.values()}
ALLOWED_EXTENSIONS = tuple(FORMATS)

HEAD_BYTES = 8192


class FileRefused(ValueError):
    """The file is not acceptable; the message says why, for the person who uploaded it."""


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


ARCHIVE_LABELS = {
    "docx": gettext_lazy("The Word file"),
    "xlsx": gettext_lazy("The Excel file"),
    "odt": gettext_lazy("The OpenDocument file"),
}


def check_archive_of(file_format: FileFormat, content: bytes | IO[bytes]) -> None:
    """Refuse an office document that would unpack to too much (a "zip bomb"), before anything parses it.

    Raises FileRefused with a sentence for the person; nothing else is expected of a PDF or a text file.
    """
    if file_format.extension not in ARCHIVE_LABELS:
        return
    try:
        archives.check_archive(content, what=str(ARCHIVE_LABELS[file_format.extension]))
    except ValidationError as error:
        raise FileRefused(error.messages[0]) from None


def _zip_format(stream: IO[bytes]) -> FileFormat | None:
    """DOCX, XLSX and ODT are zip archives; their members tell them apart."""
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                return ODT if mimetype == ODT.content_type else None
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    return None


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the sample is still text.
        if error.start < len(head) - 4:
            try:
                head.decode("cp1252")
            except UnicodeDecodeError:
                return False
    return True


def sniff(stream: IO[bytes]) -> str:
    """A short name for what the content is ("pdf", "zip", "text" or a detected type), for the messages."""
    stream.seek(0)
    head = stream.read(HEAD_BYTES)
    stream.seek(0)
    if b"%PDF-" in head[:1024]:
        return "pdf"
    kind = filetype.guess(head)
    if kind is not None:
        return str(kind.extension)
    return "text" if _looks_like_text(head) else "unknown"


def detect_format(name: str, stream: IO[bytes]) -> FileFormat:
    """The format of an upload, checked against its extension; raises FileRefused otherwise."""
    extension = extension_of(name)
    expected = FORMATS.get(extension)
    if expected is None:
        raise FileRefused(
            _("Files of this type cannot be added. Accepted: %(types)s.")
            % {"types": ", ".join(e.upper() for e in ALLOWED_EXTENSIONS)}
        )
    found = sniff(stream)
    actual: FileFormat | None
    if found == "pdf":
        actual = PDF
    elif found in {"zip", "docx", "xlsx", "odt"}:
        actual = _zip_format(stream)
        stream.seek(0)
    elif found == "text":
        actual = expected if expected in (TXT, CSV) else None
    else:
        actual = None
    if actual is None:
        raise FileRefused(
            _("The content of “%(name)s” is not a %(label)s file, as its name claims; it cannot be added.")
            % {"name": name, "label": expected.label}
        )
    if actual != expected:
        raise FileRefused(
            _(
                "“%(name)s” is named as a %(claimed)s file but its content is a %(actual)s file. Rename it or upload the right file."
            )
            % {"name": name, "claimed": expected.label, "actual": actual.label}
        )
    if actual.extension in ARCHIVE_LABELS:
        stream.seek(0)
        check_archive_of(actual, stream)
        stream.seek(0)
    return actual
