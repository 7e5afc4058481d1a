"""Hostile files are refused cleanly: zip bombs before any parser opens them, PDFs read under limits (issue 15)."""

from __future__ import annotations

import io
import subprocess
import sys
import time
import tracemalloc
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from alliance87.core import archives
from alliance87.library import services
from alliance87.library.extraction import extract, extract_pdf
from alliance87.library.filetypes import DOCX, ODT, XLSX
from alliance87.library.models import ExtractionStatus, ItemFile
from alliance87.library.samples import text_docx

from .factories import make_item

BOMB_BYTES = 63 * 1024 * 1024


def docx_bomb() -> bytes:
    """Issue 15's reproduction: a real Word file whose document.xml unpacks to 63 MB, the whole under 300 KB."""
    paragraph = b"<w:p><w:r><w:t>Forced labour</w:t></w:r></w:p>"
    body = paragraph * (BOMB_BYTES // len(paragraph))
    with zipfile.ZipFile(io.BytesIO(text_docx(["cover"]))) as original:
        parts = {name: original.read(name) for name in original.namelist()}
    document = parts["word/document.xml"]
    head, _sep, tail = document.partition(b"<w:body>")
    parts["word/document.xml"] = head + b"<w:body>" + body + tail
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    content = docx_bomb()
    assert len(content) < 300 * 1024
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert archive.getinfo("word/document.xml").file_size >= BOMB_BYTES - 1024
    return content


@pytest.mark.django_db
def test_issue_15_docx_zip_bomb_is_refused_at_upload(world, bomb):
    item = make_item(title="Ten ideas", created_by=world.focal_point)

    with pytest.raises(ValidationError) as error:
        services.attach_file(
            item=item, by=world.focal_point, uploaded_file=SimpleUploadedFile("report.docx", bomb)
        )

    assert error.value.message_dict == {
        "file": ["The Word file is compressed suspiciously well (a “zip bomb”) and is refused."]
    }
    assert not ItemFile.objects.exists()


def test_issue_15_docx_zip_bomb_already_stored_is_flagged_without_being_unpacked(bomb):
    tracemalloc.start()
    started = time.monotonic()
    try:
        result = extract(bomb, DOCX.content_type)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert result.status == ExtractionStatus.FAILED
    assert "zip bomb" in result.message
    assert time.monotonic() - started < 2
    assert peak < 5 * 1024 * 1024  # the 63 MB part was never unpacked


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("file_format", "parts"),
    [
        (DOCX, {"word/document.xml": b"<w:document/>"}),
        (XLSX, {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}),
        (ODT, {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office/>"}),
    ],
    ids=["docx", "xlsx", "odt"],
)
def test_every_office_format_is_checked_before_its_parser_runs(file_format, parts):
    crowded = _zip({**parts, **{f"media/{n}.xml": b"x" for n in range(1001)}})
    entity = _zip({**parts, "extra.xml": b'<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'})
    large = {**parts, **{f"part{n}.bin": b"\0" * (800 * 1024) for n in range(130)}}

    assert "at most 1000 are read" in extract(crowded, file_format.content_type).message
    assert "DOCTYPE" in extract(entity, file_format.content_type).message
    assert "too large once unpacked" in extract(_zip(large), file_format.content_type).message


def test_the_archive_guard_names_what_it_refuses_and_why():
    with pytest.raises(ValidationError) as error:
        archives.check_archive(b"PK\x03\x04 not really", what="The workbook")
    assert error.value.code == archives.NOT_AN_ARCHIVE
    assert error.value.messages == ["The workbook is not a readable archive; it seems to be damaged."]

    with pytest.raises(ValidationError) as error:
        archives.check_archive(_zip({"a.txt": b"a"}), required=["xl/workbook.xml"], what="The workbook")
    assert error.value.code == archives.MISSING_PARTS


def _pdf_with_stream(stream: bytes, *, filter_name: bytes = b"/FlateDecode") -> bytes:
    """A one-page PDF whose content stream is `stream` (already encoded for the filter)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter %s >>\nstream\n" % (len(stream), filter_name) + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _deflated_zeros(size: int) -> bytes:
    compressor = zlib.compressobj(9)
    chunk = b"0 0 m " * (1024 * 1024 // 6)
    parts = [compressor.compress(chunk) for _ in range(size // len(chunk))]
    return b"".join(parts) + compressor.flush()


def test_a_pdf_that_would_eat_the_workers_memory_is_read_elsewhere_and_flagged(settings):
    settings.PDF_READER_MAX_MEMORY_BYTES = 300 * 1024 * 1024
    hostile = _pdf_with_stream(_deflated_zeros(256 * 1024 * 1024))
    assert len(hostile) < 1024 * 1024

    tracemalloc.start()
    try:
        result = extract_pdf(hostile)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert result.status in (ExtractionStatus.FAILED, ExtractionStatus.EMPTY)
    assert result.text == ""
    assert peak < 20 * 1024 * 1024  # this process held the file and the answer, never the unpacked stream


def test_the_pdf_reader_process_cannot_grow_past_its_memory_limit():
    code = (
        "from alliance87.library.pdf_reader import limit_resources;"
        "limit_resources(200 * 1024 * 1024, 10);"
        "block = bytearray(400 * 1024 * 1024)"
    )

    finished = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60, check=False)

    assert finished.returncode != 0
    assert b"MemoryError" in finished.stderr


def test_a_pdf_that_takes_too_long_is_stopped_with_a_sentence(settings):
    settings.PDF_READER_TIMEOUT_SECONDS = 0.01

    result = extract_pdf(_pdf_with_stream(b"BT (slow) Tj ET", filter_name=b"/Identity"))

    assert result.status == ExtractionStatus.FAILED
    assert result.message == (
        "This PDF takes too long or too much memory to read, so its text cannot be searched."
    )
