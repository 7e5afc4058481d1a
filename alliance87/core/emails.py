"""Compose e-mails from templates in the recipient's language and hand them to the task queue."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from .tasks import send_email


def queue_email(
    *, template: str, to: list[str], context: dict[str, Any], language: str | None = None
) -> None:
    """Render `<template>_subject.txt` and `<template>_body.txt` and queue them for the worker.

    The database task backend writes the task in the caller's transaction, so a rolled-back change sends no mail.
    """
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    context = {"SITE_URL": settings.SITE_URL, **context}
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
    send_email.enqueue(subject=subject, body=body, to=to)
