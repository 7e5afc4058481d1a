"""Sending stored files: the app decides who may have a file, the proxy sends the bytes."""

from __future__ import annotations

import posixpath
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.utils.http import content_disposition_header
from django.views.static import serve


def file_response(
    field_file: FieldFile, *, filename: str, content_type: str, private: bool, as_attachment: bool = True
) -> HttpResponseBase:
    """A response that sends the file, after the caller has checked that this person may have it.

    With ACCEL_REDIRECT_PREFIX set and files on local disk, nginx sends the file from its internal location
    (X-Accel-Redirect): no worker process is held for a slow download. Otherwise the app streams it.
    """
    response: HttpResponseBase
    if settings.ACCEL_REDIRECT_PREFIX and isinstance(field_file.storage, FileSystemStorage):
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = (
            f"{settings.ACCEL_REDIRECT_PREFIX.rstrip('/')}/{quote(field_file.name or '')}"
        )
        response["Content-Disposition"] = content_disposition_header(as_attachment, filename) or ""
    else:
        try:
            stream = field_file.open("rb")
        except OSError:
            raise Http404 from None
        response = FileResponse(
            stream, as_attachment=as_attachment, filename=filename, content_type=content_type
        )
    if private:
        response["Cache-Control"] = "private, no-store"
    return response


def public_media(request: HttpRequest, path: str) -> HttpResponseBase:
    """Media anyone may see (news images), when no proxy serves MEDIA_ROOT's public folders itself."""
    normalized = posixpath.normpath(path).lstrip("/")
    if ".." in normalized.split("/") or not normalized.startswith(tuple(settings.PUBLIC_MEDIA_PREFIXES)):
        raise Http404
    return serve(request, normalized, document_root=str(settings.MEDIA_ROOT))
