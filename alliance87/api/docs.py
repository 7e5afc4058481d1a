"""The browsable API documentation: ninja's bundled Swagger UI, served from our own static files.

The OpenAPI document (~270 KB, ~2 s to build) depends only on the code, so it is built once per process and
language (once per deploy and worker) and served with an ETag: a browser that has it asks again and gets a 304.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import render
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language
from ninja.openapi.docs import Swagger
from ninja.openapi.views import openapi_json

from alliance87.core.middleware import CONTENT_SECURITY_POLICY

if TYPE_CHECKING:
    from ninja import NinjaAPI

#: Swagger UI sets inline styles on its elements; everything else stays as strict as on every other page.
DOCS_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
    "style-src 'self'", "style-src 'self' 'unsafe-inline'"
)

#: How long a browser may reuse the document without asking (it revalidates with its ETag afterwards).
DOCUMENT_MAX_AGE = 300


class LocalSwagger(Swagger):
    """Swagger UI that sends the CSRF token with "Try it out" (for session users) and its own, looser CSP.

    The page is the site's: a header with the way back to it, then the interactive reference."""

    template = "home/api_docs.html"

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        swagger_settings = {**self.settings, "url": self.get_openapi_url(api, kwargs)}
        response = render(
            request,
            self.template,
            {"swagger_settings": json.dumps(swagger_settings, indent=1), "api": api, "add_csrf": True},
        )
        # The security middleware only sets its policy when the view has not (setdefault).
        response.headers["Content-Security-Policy"] = DOCS_CONTENT_SECURITY_POLICY
        return response


_documents: dict[tuple[int, str, str], tuple[bytes, str]] = {}
_lock = threading.Lock()


def _document(
    api: NinjaAPI, request: HttpRequest, view: Callable[..., HttpResponse], kwargs: Any
) -> tuple[bytes, str]:
    """The OpenAPI document's bytes and ETag, built on first use for this API, address and language."""
    key = (id(api), request.path, get_language() or "")
    with _lock:
        if key not in _documents:
            content = view(request, **kwargs).content
            _documents[key] = (content, f'"{hashlib.sha256(content).hexdigest()[:32]}"')
        return _documents[key]


def cached_document(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Ninja's docs decorator: the OpenAPI document is built once and answered with an ETag; the page as is."""
    target = getattr(view, "func", None)
    api = getattr(view, "keywords", {}).get("api")
    if target is not openapi_json or api is None:
        return view

    def serve_document(request: HttpRequest, **kwargs: Any) -> HttpResponse:
        content, etag = _document(api, request, view, kwargs)
        if etag in request.headers.get("If-None-Match", ""):
            response: HttpResponse = HttpResponseNotModified()
        else:
            response = HttpResponse(content, content_type="application/json")
        response["ETag"] = etag
        patch_cache_control(response, public=True, max_age=DOCUMENT_MAX_AGE)
        patch_vary_headers(response, ["Accept-Language", "Cookie"])  # built per language
        return response

    return serve_document


def warm_documents() -> list[str]:
    """Build the OpenAPI document in every language now, so the first reader of the docs waits for none.

    Run once in the web server's master process before it starts its workers (gunicorn's `when_ready` hook with
    `preload_app`, `alliance87.gunicorn_conf`): each worker inherits the documents. Anywhere else, a document is
    built on its first request (the lock above). Returns the languages built.
    """
    from django.conf import settings
    from django.test import RequestFactory
    from django.urls import resolve, reverse
    from django.utils import translation

    path = reverse("api-1.0.0:openapi-json")
    match = resolve(path)
    built = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            request = RequestFactory().get(path, headers={"accept-language": language})
            match.func(request, *match.args, **match.kwargs)
            built.append(language)
    return built
