"""The browsable API documentation: ninja's bundled Swagger UI, served from our own static files."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import Swagger

from alliance87.core.middleware import CONTENT_SECURITY_POLICY

if TYPE_CHECKING:
    from ninja import NinjaAPI

#: Swagger UI sets inline styles on its elements; everything else stays as strict as on every other page.
DOCS_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
    "style-src 'self'", "style-src 'self' 'unsafe-inline'"
)


class LocalSwagger(Swagger):
    """Swagger UI that sends the CSRF token with "Try it out" (for session users) and its own, looser CSP."""

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
