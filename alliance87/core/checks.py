"""Deployment checks of the platform's own settings, run by `alliance87 check --deploy`."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, register

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0", "testserver"}  # noqa: S104 - names, not a bind


@register(Tags.security, deploy=True)
def check_site_url(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """Links in e-mails, feeds and OAI identifiers are built on SITE_URL: it must be the public https address."""
    site_url = getattr(settings, "SITE_URL", "")
    if not site_url:
        return [
            Error(
                "SITE_URL is not set.",
                hint="Set SITE_URL to the address people use, e.g. https://alliance87.example.org; "
                "links in e-mails and feeds are built on it.",
                id="alliance87.E001",
            )
        ]
    parts = urlsplit(site_url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        return [Error(f"SITE_URL {site_url!r} is not an address.", id="alliance87.E002")]
    if parts.hostname in LOCAL_HOSTS or parts.hostname.startswith("127."):
        return [
            Error(
                f"SITE_URL points to this machine ({site_url}).",
                hint="Links in e-mails would point nowhere for their readers: set the public address.",
                id="alliance87.E003",
            )
        ]
    if parts.scheme != "https" and getattr(settings, "SECURE_SSL_REDIRECT", False):
        return [Error(f"SITE_URL {site_url!r} is not https.", id="alliance87.E004")]
    return []
