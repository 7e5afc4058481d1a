"""Compose e-mails from templates in the recipient's language and hand them to the task queue."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from django.conf import settings
from django.core.mail import make_msgid
from django.template import Context
from django.template.loader import get_template
from django.utils import translation

from .models import OutgoingEmail


def enqueue_email(
    *, subject: str, body: str, to: list[str], reply_to: list[str] | None = None
) -> OutgoingEmail:
    """Record one plain-text e-mail and queue its delivery (retried on temporary errors, never sent twice).

    The database task backend writes the task in the caller's transaction, so a rolled-back change sends no mail.
    """
    from .tasks import deliver_email

    email = OutgoingEmail.objects.create(
        message_id=make_msgid(domain=settings.EMAIL_MESSAGE_ID_DOMAIN),
        subject=subject,
        body=body,
        to=list(to),
        reply_to=list(reply_to or []),
    )
    deliver_email.enqueue(email_id=email.pk)
    return email


def render_plain_text(template_name: str, context: dict[str, Any]) -> str:
    """Render a template as plain text: nothing HTML-escaped (a subject shows "member->chair", not "member-&gt;chair").

    Mail is plain text; names and titles in it must read as typed, so autoescaping is off for the whole template.
    """
    return get_template(template_name).template.render(Context(context, autoescape=False))  # type: ignore[attr-defined]


def queue_email(
    *, template: str, to: list[str], context: dict[str, Any], language: str | None = None
) -> None:
    """Render `<template>_subject.txt` and `<template>_body.txt` and queue them for the worker."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    context = {"SITE_URL": settings.SITE_URL, **context}
    with translation.override(language):
        subject = " ".join(render_plain_text(f"{template}_subject.txt", context).split())
        body = render_plain_text(f"{template}_body.txt", context)
    enqueue_email(subject=subject, body=body, to=to)


class Reader(Protocol):
    """Someone mail is written to: an address and the language they chose (an account)."""

    email: str
    preferred_language: str


def queue_email_to_each(*, template: str, people: Iterable[Reader], context: dict[str, Any]) -> None:
    """Queue one e-mail to each person, in the language they chose; nobody sees the other addresses.

    People without an address are skipped; an address is written to once.
    """
    written: set[str] = set()
    for person in people:
        if person.email and person.email.lower() not in written:
            written.add(person.email.lower())
            queue_email(
                template=template,
                to=[person.email],
                context=context,
                language=person.preferred_language or settings.LANGUAGE_CODE,
            )
