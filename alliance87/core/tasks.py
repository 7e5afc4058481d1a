"""Background work every app may ask for: e-mail delivery and the housekeeping the scheduler runs."""

from __future__ import annotations

import datetime
import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from .models import EmailStatus, ImportJob, OutgoingEmail, ScheduledRun

logger = logging.getLogger("alliance87.email")


def is_temporary(error: Exception) -> bool:
    """A failure worth trying again later: the server was unreachable or answered with a 4xx code."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _message in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    return isinstance(error, smtplib.SMTPServerDisconnected | smtplib.SMTPConnectError | OSError)


@task()
def deliver_email(email_id: int) -> str:
    """Send one recorded e-mail; temporary failures are retried later, and a message is never sent twice.

    The e-mail is claimed (queued → being sent) before the SMTP conversation, so a second run of this task —
    a retry, or a worker that died and was replaced — finds it claimed or sent and does nothing.
    """
    claimed = OutgoingEmail.objects.filter(pk=email_id, status=EmailStatus.QUEUED).update(
        status=EmailStatus.SENDING, attempts=F("attempts") + 1
    )
    if not claimed:
        current = OutgoingEmail.objects.filter(pk=email_id).values_list("status", flat=True).first()
        if current == EmailStatus.SENDING:
            logger.warning("E-mail %s was being sent when its worker stopped; not sent again.", email_id)
        return str(current or "missing")
    email = OutgoingEmail.objects.get(pk=email_id)
    message = EmailMessage(
        subject=email.subject,
        body=email.body,
        to=email.to,
        reply_to=email.reply_to or None,
        headers={"Message-ID": email.message_id},
    )
    try:
        message.send()
    except Exception as error:
        return _after_failure(email, error)
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=EmailStatus.SENT, sent_at=timezone.now(), last_error=""
    )
    return EmailStatus.SENT


def _after_failure(email: OutgoingEmail, error: Exception) -> str:
    delays = settings.EMAIL_RETRY_DELAYS
    described = f"{type(error).__name__}: {error}"[:2000]
    if is_temporary(error) and email.attempts <= len(delays):
        delay = delays[email.attempts - 1]
        OutgoingEmail.objects.filter(pk=email.pk).update(status=EmailStatus.QUEUED, last_error=described)
        retry = deliver_email
        if deliver_email.get_backend().supports_defer:
            retry = deliver_email.using(run_after=timezone.now() + datetime.timedelta(seconds=delay))
        logger.warning(
            "E-mail %s (%s) failed (%s); attempt %d, trying again in %d s.",
            email.pk,
            email.message_id,
            described,
            email.attempts,
            delay,
        )
        retry.enqueue(email_id=email.pk)
        return "retrying"
    OutgoingEmail.objects.filter(pk=email.pk).update(status=EmailStatus.FAILED, last_error=described)
    # An error, so it reaches the administrators (Sentry, ADMINS) instead of being lost.
    logger.error(
        "E-mail %s (%s) to %s could not be sent after %d attempts: %s",
        email.pk,
        email.message_id,
        ", ".join(email.to),
        email.attempts,
        described,
    )
    return EmailStatus.FAILED


@task()
def send_email(*, subject: str, body: str, to: list[str], reply_to: list[str] | None = None) -> str:
    """Tasks queued before e-mails were recorded: record this one and deliver it like any other."""
    from .emails import enqueue_email

    enqueue_email(subject=subject, body=body, to=to, reply_to=reply_to)
    return "queued"


@task()
def prune_task_results() -> int:
    """Delete finished task results older than TASKS_KEEP_DAYS (failed ones are kept as long, for inspection),
    and finished imports as old (what they saved stays; their page and error list go)."""
    cutoff = timezone.now() - datetime.timedelta(days=settings.TASKS_KEEP_DAYS)
    deleted, _details = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
    ScheduledRun.objects.filter(slot__lt=cutoff).delete()
    ImportJob.objects.filter(finished_at__lt=cutoff).delete()
    return deleted


@task()
def prune_sent_email() -> int:
    """Forget sent e-mails (their text holds personal links) after TASKS_KEEP_DAYS; failed ones stay."""
    cutoff = timezone.now() - datetime.timedelta(days=settings.TASKS_KEEP_DAYS)
    deleted, _details = OutgoingEmail.objects.filter(status=EmailStatus.SENT, sent_at__lt=cutoff).delete()
    return deleted
