"""Uploads: refused when too large or not what their name claims; extraction flags protected and broken PDFs;
the item always stays as it was."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from alliance87.library import services
from alliance87.library.models import ExtractionStatus, IndexChange, ItemFile
from alliance87.library.samples import text_docx, text_pdf
from alliance87.library.tasks import extract_text

from .factories import make_item, pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(world):
    return make_item(title="Ten ideas", created_by=world.focal_point)


def refused(item, upload, world) -> str:
    before = item.updated_at
    with pytest.raises(ValidationError) as error:
        services.attach_file(item=item, by=world.focal_point, uploaded_file=upload)
    item.refresh_from_db()
    assert item.updated_at == before
    assert not ItemFile.objects.filter(item=item).exists()
    return " ".join(error.value.messages)


def test_a_pdf_is_stored_checked_and_its_text_extracted(world, item):
    upload = pdf_upload(text="Forced labour in the fishing industry of Thailand was documented.")
    item_file = services.attach_file(item=item, by=world.focal_point, uploaded_file=upload)

    item_file.refresh_from_db()
    assert item_file.content_type == "application/pdf"
    assert item_file.size == upload.size and len(item_file.sha256) == 64
    assert item_file.extraction_status == ExtractionStatus.DONE
    assert "fishing industry of Thailand" in item_file.extracted_text
    assert item_file.page_count == 1
    assert default_storage.exists(item_file.file.name)
    assert IndexChange.objects.filter(item_id=item.pk).count() >= 2  # the upload, then the extracted text


def test_a_docx_is_extracted(world, item):
    upload = SimpleUploadedFile(
        "brief.docx", text_docx(["Child labour in cocoa farming.", "Second paragraph."])
    )
    item_file = services.attach_file(item=item, by=world.focal_point, uploaded_file=upload)
    item_file.refresh_from_db()
    assert item_file.extraction_status == ExtractionStatus.DONE
    assert "cocoa farming" in item_file.extracted_text


def test_text_and_csv_files_are_decoded(world, item):
    upload = SimpleUploadedFile("data.csv", "country,cases\nCôte d'Ivoire,12\n".encode())
    item_file = services.attach_file(item=item, by=world.focal_point, uploaded_file=upload)
    item_file.refresh_from_db()
    assert "Côte d'Ivoire" in item_file.extracted_text
    assert item_file.content_type == "text/csv"


def test_a_file_larger_than_the_limit_is_refused(world, item, settings):
    settings.LIBRARY_MAX_UPLOAD_BYTES = 1024 * 1024
    upload = pdf_upload(text="x " * 10)
    upload.size = 2 * 1024 * 1024
    assert "larger than 1 MB" in refused(item, upload, world)


def test_a_pdf_named_docx_is_refused(world, item):
    upload = SimpleUploadedFile("brief.docx", text_pdf(["A PDF in disguise"]))
    assert "its content is a PDF file" in refused(item, upload, world)


def test_a_pdf_named_file_that_is_not_a_pdf_is_refused(world, item):
    upload = SimpleUploadedFile("report.pdf", b"<html><body>Not a PDF</body></html>")
    assert "is not a PDF file" in refused(item, upload, world)


def test_an_executable_named_txt_is_refused(world, item):
    upload = SimpleUploadedFile("notes.txt", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 200)
    refused(item, upload, world)


def test_a_zip_that_is_not_an_office_document_is_refused_as_docx(world, item):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert "not a Word file" in refused(item, SimpleUploadedFile("x.docx", buffer.getvalue()), world)


def test_an_unsupported_extension_is_refused(world, item):
    assert "cannot be added" in refused(item, SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\n"), world)


def test_an_empty_file_is_refused(world, item):
    refused(item, SimpleUploadedFile("empty.txt", b""), world)


def test_an_encrypted_pdf_is_kept_but_flagged(world, item):
    upload = pdf_upload(text="Secret", password="s3cret")
    item_file = services.attach_file(item=item, by=world.focal_point, uploaded_file=upload)
    item_file.refresh_from_db()
    assert item_file.extraction_status == ExtractionStatus.FAILED
    assert "protected by a password" in item_file.extraction_message
    assert item_file.extracted_text == ""


def test_a_broken_pdf_is_kept_but_flagged_as_unreadable(world, item):
    content = text_pdf(["Some text that will be cut off"])[:400]
    item_file = services.attach_file(
        item=item, by=world.focal_point, uploaded_file=SimpleUploadedFile("cut.pdf", content)
    )
    item_file.refresh_from_db()
    assert item_file.extraction_status == ExtractionStatus.FAILED
    assert "could not be read" in item_file.extraction_message
    item.refresh_from_db()
    assert item.title == "Ten ideas"


def test_a_pdf_without_text_is_flagged_empty(world, item):
    item_file = services.attach_file(
        item=item, by=world.focal_point, uploaded_file=SimpleUploadedFile("scan.pdf", text_pdf([]))
    )
    item_file.refresh_from_db()
    assert item_file.extraction_status == ExtractionStatus.EMPTY


def test_extraction_is_idempotent_and_tolerates_a_deleted_file(world, item):
    item_file = services.attach_file(item=item, by=world.focal_point, uploaded_file=pdf_upload())
    assert extract_text.call(file_id=item_file.pk) == ExtractionStatus.DONE
    assert extract_text.call(file_id=item_file.pk) == ExtractionStatus.DONE
    assert extract_text.call(file_id=999_999) == "missing"


def test_people_who_may_not_edit_the_item_cannot_attach_files(world, item):
    with pytest.raises(PermissionDenied):
        services.attach_file(item=item, by=world.other_focal_point, uploaded_file=pdf_upload())
    assert not ItemFile.objects.exists()


def test_deleting_a_file_removes_it_from_storage(world, item, django_capture_on_commit_callbacks):
    item_file = services.attach_file(item=item, by=world.focal_point, uploaded_file=pdf_upload())
    name = item_file.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_file(item_file=item_file, by=world.focal_point)
    assert not default_storage.exists(name)
