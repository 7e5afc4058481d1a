"""Handing out stored files: from a bucket by a short-lived signed link, from local disk by streaming."""

from __future__ import annotations

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.utils.http import content_disposition_header
from storages.backends.s3 import S3Storage


def signed_download_url(file: FieldFile, *, filename: str, content_type: str) -> str | None:
    """A link to the file in its bucket, valid for ``MEDIA_DOWNLOAD_LINK_SECONDS``; None for files on local disk.

    The caller has checked that the person may have the file; the link names the file to save and its type, so
    the browser treats it as the platform's own download would be treated.
    """
    storage = file.storage
    if not isinstance(storage, S3Storage) or not storage.querystring_auth:
        return None
    return storage.url(
        file.name,
        parameters={
            "ResponseContentDisposition": content_disposition_header(True, filename),
            "ResponseContentType": content_type,
        },
        expire=settings.MEDIA_DOWNLOAD_LINK_SECONDS,
    )
