"""Text extraction from the formats the library accepts; pure functions over bytes, no database.

Each extractor returns an `Extraction`: the status the file should get, the text, the page count and a message a
person can read when something went wrong. A broken or protected file is flagged, never raised.
"""

from __future__ import annotations

import io
import json
import logging
import subprocess
import sys
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from .filetypes import CSV, DOCX, ODT, PDF, TXT, XLSX, FileFormat, FileRefused, check_archive_of
from .models import ExtractionStatus

logger = logging.getLogger(__name__)

#: Extracted text beyond this is cut: the index needs words, not every byte of a 2,000-page annex.
MAX_TEXT_CHARS = 2_000_000


@dataclass(frozen=True)
class Extraction:
    status: str
    text: str = ""
    page_count: int | None = None
    message: str = ""


def _finish(text: str, page_count: int | None = None) -> Extraction:
    text = text.replace("\x00", "").strip()
    if not text:
        return Extraction(
            ExtractionStatus.EMPTY,
            page_count=page_count,
            message=_("No text was found in this file; it may be a scanned image."),
        )
    return Extraction(ExtractionStatus.DONE, text[:MAX_TEXT_CHARS], page_count)


def _failed(message: str) -> Extraction:
    return Extraction(ExtractionStatus.FAILED, message=message)


def extract_pdf(content: bytes) -> Extraction:
    """The text of a PDF, read by `pdf_reader` in a process of its own under a memory, CPU and time limit."""
    encrypted = _(
        "This PDF is protected by a password, so its text cannot be read or searched. Upload an unprotected copy."
    )
    damaged = _("This PDF could not be read: it seems to be damaged or incomplete.")
    too_costly = _("This PDF takes too long or too much memory to read, so its text cannot be searched.")
    command = [
        sys.executable,
        "-P",  # the current directory (perhaps a checkout) stays off the import path
        "-m",
        "alliance87.library.pdf_reader",
        str(settings.PDF_READER_MAX_MEMORY_BYTES),
        str(settings.PDF_READER_MAX_CPU_SECONDS),
    ]
    try:
        finished = subprocess.run(  # noqa: S603 -- our own module, no shell, no user text in the command
            command,
            input=content,
            capture_output=True,
            timeout=settings.PDF_READER_TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        logger.warning("PDF reading stopped after %s s.", settings.PDF_READER_TIMEOUT_SECONDS)
        return _failed(too_costly)
    try:
        answer = json.loads(finished.stdout) if finished.returncode == 0 else {}
    except ValueError:
        answer = {}
    outcome = answer.get("outcome")
    if outcome == "ok":
        pages = [str(page) for page in answer.get("pages", [])]
        return _finish("\n\n".join(pages), int(answer.get("page_count", len(pages))))
    if outcome == "encrypted":
        return _failed(encrypted)
    if outcome == "damaged":
        logger.info("PDF could not be read: %s", answer.get("error", ""))
        return _failed(damaged)
    # Killed (CPU limit), out of memory, or "too_large": the limits did their work.
    logger.warning(
        "PDF reader stopped (exit %s): %s",
        finished.returncode,
        finished.stderr.decode(errors="replace")[-500:],
    )
    return _failed(too_costly)


def _refused_archive(file_format: FileFormat, content: bytes) -> Extraction | None:
    """A failed extraction when the archive is a "zip bomb" or otherwise unsafe; None when it may be parsed."""
    try:
        check_archive_of(file_format, content)
    except FileRefused as error:
        logger.warning("%s refused before extraction: %s", file_format.label, error)
        return _failed(str(error))
    return None


def extract_docx(content: bytes) -> Extraction:
    import docx

    if refused := _refused_archive(DOCX, content):
        return refused
    try:
        document = docx.Document(io.BytesIO(content))
    except Exception as error:  # python-docx raises zip, XML and key errors alike
        logger.info("DOCX could not be read: %r", error)
        return _failed(_("This Word file could not be read: it seems to be damaged."))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append("\t".join(cell.text for cell in row.cells))
    return _finish("\n".join(parts))


def extract_odt(content: bytes) -> Extraction:
    from odf import teletype
    from odf import text as odf_text
    from odf.opendocument import load

    if refused := _refused_archive(ODT, content):
        return refused
    try:
        document = load(io.BytesIO(content))
        elements = document.getElementsByType(odf_text.H) + document.getElementsByType(odf_text.P)
        parts = [teletype.extractText(element) for element in elements]
    except Exception as error:  # odfpy raises zip and XML errors
        logger.info("ODT could not be read: %r", error)
        return _failed(_("This OpenDocument file could not be read: it seems to be damaged."))
    return _finish("\n".join(parts))


def extract_xlsx(content: bytes) -> Extraction:
    from openpyxl import load_workbook

    if refused := _refused_archive(XLSX, content):
        return refused
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        parts: list[str] = []
        for sheet in workbook.worksheets:
            parts.append(str(sheet.title))
            for row in sheet.iter_rows(values_only=True):
                cells = [str(value) for value in row if value is not None]
                if cells:
                    parts.append("\t".join(cells))
        workbook.close()
    except Exception as error:  # openpyxl raises zip, XML and key errors
        logger.info("XLSX could not be read: %r", error)
        return _failed(_("This Excel file could not be read: it seems to be damaged."))
    return _finish("\n".join(parts))


def decode_text(content: bytes) -> str:
    """UTF-8 (with or without a byte-order mark), else Windows-1252, which decodes almost any byte."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def extract_plain(content: bytes) -> Extraction:
    return _finish(decode_text(content))


EXTRACTORS = {
    PDF.content_type: extract_pdf,
    DOCX.content_type: extract_docx,
    ODT.content_type: extract_odt,
    XLSX.content_type: extract_xlsx,
    TXT.content_type: extract_plain,
    CSV.content_type: extract_plain,
}


def extract(content: bytes, content_type: str) -> Extraction:
    """The text of a file of one of the accepted types."""
    extractor = EXTRACTORS.get(content_type)
    if extractor is None:
        return _failed(_("Text cannot be extracted from files of this type."))
    return extractor(content)
