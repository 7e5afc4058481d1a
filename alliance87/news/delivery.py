"""Sending an issue: claim deliveries in batches, one SMTP connection per batch, log each message as it goes.

No duplicates when a worker is killed and the task runs again
-------------------------------------------------------------
Every (issue, subscriber) pair has one `Delivery` row, created up front. A message goes out only after its row
moved, by a conditional UPDATE that only one sender can win, through these states:

    pending → claimed (a batch, by one sender run)  → sending (just before SMTP) → sent (just after SMTP)

- *Claiming* a batch is `SELECT … FOR UPDATE SKIP LOCKED` + UPDATE on PostgreSQL, and a single
  `UPDATE … WHERE status = 'pending' AND id IN (SELECT … LIMIT n)` on SQLite (whose writers are serialised),
  so two senders never take the same row.
- *sending* is written (and committed) before the message is handed to the SMTP server, *sent* right after the
  server accepted it. A run that starts again skips everything sent, and never resends a row left in *sending*.
- The only window: a crash after the server accepted a message and before its row says *sent* (a few
  milliseconds, one message per sender). That row stays *sending* — "outcome unknown" on the report — and is
  not resent automatically: at most once per subscriber. The report lets a person send those again.
- Rows a dead sender had claimed but not yet tried are released: at once when the sender stops with an
  exception, after `CLAIM_LEASE` when it was killed outright (the next run, or "resume" on the report).
"""

from __future__ import annotations

import datetime
import logging
import smtplib
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parseaddr
from typing import Any
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import Delivery, DeliveryStatus, IssueStatus, NewsletterIssue, Subscriber, SubscriberStatus
from .newsletter import RenderedIssue, render_issue
from .subscriptions import one_click_url, unsubscribe_link_token, unsubscribe_url

logger = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 100
MAX_ATTEMPTS = 3
#: A claimed-but-untried row whose sender has said nothing for this long is given back to the queue.
CLAIM_LEASE = datetime.timedelta(minutes=15)


def batch_size() -> int:
    return int(getattr(settings, "NEWSLETTER_BATCH_SIZE", DEFAULT_BATCH_SIZE))


@dataclass
class SendReport:
    sent: int = 0
    failed: int = 0
    retry: int = 0
    unknown: int = 0
    batches: int = 0

    def as_dict(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in ("sent", "failed", "retry", "unknown", "batches")}


def unsubscribe_mailbox() -> str:
    configured = getattr(settings, "NEWSLETTER_UNSUBSCRIBE_EMAIL", "")
    if configured:
        return str(configured)
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    return f"unsubscribe@{domain}"


def list_headers(subscriber: Subscriber) -> dict[str, str]:
    """RFC 2369 / RFC 8058 headers: mail programs show an "Unsubscribe" button that works in one click."""
    token = quote(unsubscribe_link_token(subscriber), safe="")
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return {
        "List-Unsubscribe": f"<mailto:{unsubscribe_mailbox()}?subject=unsubscribe%20{token}>, "
        f"<{one_click_url(subscriber)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": f"Alliance 8.7 newsletter <newsletter.{host}>",
        "Precedence": "bulk",
        "Auto-Submitted": "auto-generated",
    }


def build_message(
    rendered: RenderedIssue, subscriber: Subscriber, *, connection: Any
) -> EmailMultiAlternatives:
    html, text = rendered.for_subscriber(unsubscribe_url(subscriber))
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=text,
        to=[subscriber.email],
        headers=list_headers(subscriber),
        connection=connection,
    )
    message.attach_alternative(html, "text/html")
    return message


def release_stale_claims(*, issue: NewsletterIssue) -> int:
    """Give back rows claimed by a sender that died before trying them (their lease has run out)."""
    return Delivery.objects.filter(
        issue=issue, status=DeliveryStatus.CLAIMED, claimed_at__lt=timezone.now() - CLAIM_LEASE
    ).update(status=DeliveryStatus.PENDING, claim="", claimed_at=None)


def _release_own_claims(claim: str) -> None:
    Delivery.objects.filter(claim=claim, status=DeliveryStatus.CLAIMED).update(
        status=DeliveryStatus.PENDING, claim="", claimed_at=None
    )


def _skip_unsubscribed(issue: NewsletterIssue) -> None:
    Delivery.objects.filter(issue=issue, status=DeliveryStatus.PENDING).exclude(
        subscriber__status=SubscriberStatus.CONFIRMED
    ).update(status=DeliveryStatus.SKIPPED)


def claim_batch(*, issue: NewsletterIssue, claim: str, size: int) -> list[Delivery]:
    """Take up to `size` pending deliveries for this sender run; no other run can take the same rows."""
    now = timezone.now()
    pending = Delivery.objects.filter(
        issue=issue,
        status=DeliveryStatus.PENDING,
        attempts__lt=MAX_ATTEMPTS,
        subscriber__status=SubscriberStatus.CONFIRMED,
    ).order_by("pk")
    if db_connection.features.has_select_for_update_skip_locked:
        with transaction.atomic():
            ids = list(
                pending.select_for_update(skip_locked=True, of=("self",)).values_list("pk", flat=True)[:size]
            )
            Delivery.objects.filter(pk__in=ids, status=DeliveryStatus.PENDING).update(
                status=DeliveryStatus.CLAIMED, claim=claim, claimed_at=now
            )
    else:
        Delivery.objects.filter(pk__in=pending.values("pk")[:size], status=DeliveryStatus.PENDING).update(
            status=DeliveryStatus.CLAIMED, claim=claim, claimed_at=now
        )
    return list(
        Delivery.objects.filter(claim=claim, status=DeliveryStatus.CLAIMED)
        .select_related("subscriber")
        .order_by("pk")
    )


def _mark(delivery: Delivery, status: str, *, error: str = "", **extra: Any) -> None:
    Delivery.objects.filter(pk=delivery.pk).update(status=status, last_error=error[:500], **extra)


def _send_one(delivery: Delivery, message: EmailMultiAlternatives, report: SendReport) -> bool:
    """Hand one message to the SMTP server and log the outcome; False when the connection is no longer usable."""
    try:
        message.send()
    except (smtplib.SMTPRecipientsRefused, smtplib.SMTPResponseException) as refused:
        codes = (
            [code for code, _message in refused.recipients.values()]
            if isinstance(refused, smtplib.SMTPRecipientsRefused)
            else [refused.smtp_code]
        )
        # The server answered with an error: nothing was accepted, so trying again cannot duplicate.
        if all(400 <= code < 500 for code in codes) and delivery.attempts + 1 < MAX_ATTEMPTS:
            _mark(delivery, DeliveryStatus.PENDING, error=str(refused), claim="", claimed_at=None)
            report.retry += 1
        else:
            _mark(delivery, DeliveryStatus.FAILED, error=str(refused))
            report.failed += 1
        return True
    except (smtplib.SMTPException, OSError) as lost:
        # The connection broke mid-message: the server may or may not have it. Leave the row "sending".
        _mark(delivery, DeliveryStatus.SENDING, error=f"Outcome unknown: {lost}")
        report.unknown += 1
        return False
    _mark(delivery, DeliveryStatus.SENT, sent_at=timezone.now())
    report.sent += 1
    return True


def _send_batch(
    rows: list[Delivery],
    *,
    claim: str,
    rendered: RenderedIssue,
    report: SendReport,
    after_message: Callable[[Delivery], None] | None,
) -> None:
    smtp = get_connection(fail_silently=False)
    smtp.open()  # a refused connection raises here, before anything was handed over
    try:
        for delivery in rows:
            taken = Delivery.objects.filter(
                pk=delivery.pk, claim=claim, status=DeliveryStatus.CLAIMED
            ).update(status=DeliveryStatus.SENDING, attempts=F("attempts") + 1)
            if not taken:
                continue  # the lease ran out and another run has it
            message = build_message(rendered, delivery.subscriber, connection=smtp)
            if not _send_one(delivery, message, report):
                break
            if after_message is not None:
                after_message(delivery)
    finally:
        smtp.close()


def send_pending(
    *,
    issue_id: int,
    size: int | None = None,
    after_message: Callable[[Delivery], None] | None = None,
) -> SendReport:
    """Send an issue to every subscriber whose delivery is pending, batch by batch; safe to run again.

    `after_message` is called after each message is logged (the tests stop a run half-way with it).
    """
    report = SendReport()
    issue = NewsletterIssue.objects.get(pk=issue_id)
    if issue.status != IssueStatus.SENDING:
        return report
    release_stale_claims(issue=issue)
    _skip_unsubscribed(issue)
    rendered = render_issue(issue)
    claim = uuid.uuid4().hex
    try:
        while rows := claim_batch(issue=issue, claim=claim, size=size or batch_size()):
            report.batches += 1
            _send_batch(rows, claim=claim, rendered=rendered, report=report, after_message=after_message)
            _release_own_claims(claim)  # rows left untried when a connection broke go back to the queue
    finally:
        _release_own_claims(claim)
    _skip_unsubscribed(issue)
    _finish_if_done(issue)
    logger.info("Newsletter issue %s: %s", issue.pk, report.as_dict())
    return report


def _finish_if_done(issue: NewsletterIssue) -> None:
    waiting = Delivery.objects.filter(
        issue=issue, status__in=[DeliveryStatus.PENDING, DeliveryStatus.CLAIMED], attempts__lt=MAX_ATTEMPTS
    )
    if not waiting.exists():
        NewsletterIssue.objects.filter(pk=issue.pk, status=IssueStatus.SENDING).update(
            status=IssueStatus.SENT, sent_at=timezone.now(), updated_at=timezone.now()
        )
