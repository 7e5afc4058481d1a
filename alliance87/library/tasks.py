"""Background work of the library: extract the text of an uploaded file, then have the search index updated."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from django_tasks import task

from .extraction import Extraction, extract
from .models import ExtractionStatus, ItemFile
from .search import record_change


@task()
def extract_text(file_id: int) -> str:
    """Read a file's text into the database and flag it if it cannot be read; running it twice is harmless.

    Returns the resulting extraction status ("missing" when the file has been deleted meanwhile).
    """
    item_file = ItemFile.objects.filter(pk=file_id).first()
    if item_file is None:
        return "missing"
    try:
        with item_file.file.open("rb") as stream:
            content = stream.read()
    except OSError:
        result = Extraction(ExtractionStatus.FAILED, message=_("The stored file could not be opened."))
    else:
        result = extract(content, item_file.content_type)
    with transaction.atomic():
        ItemFile.objects.filter(pk=file_id).update(
            extraction_status=result.status,
            extraction_message=result.message[:500],
            extracted_text=result.text,
            page_count=result.page_count,
        )
        record_change(item_file.item_id)
    return str(result.status)
