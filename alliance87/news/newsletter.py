"""Newsletter issues: assembling a draft for a period, rendering it, starting and resuming a send, the report.

The sending itself (claims, SMTP batches, the delivery log) is in delivery.py.
"""

from __future__ import annotations

import datetime
import logging
import re
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, QuerySet
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from alliance87.accounts.models import User
from alliance87.core.inputs import UNSET, ServiceInput, Unset
from alliance87.core.text import render_markdown
from alliance87.library.selectors import visible_items

from .models import (
    Delivery,
    DeliveryStatus,
    IssueStatus,
    Language,
    NewsletterIssue,
    Subscriber,
    SubscriberStatus,
)
from .permissions import can_send_newsletter
from .selectors import posts_published_between

logger = logging.getLogger(__name__)

#: Stands for a subscriber's own unsubscribe link in an issue rendered once for everybody.
UNSUBSCRIBE_PLACEHOLDER = "__A87_UNSUBSCRIBE_URL__"
MAX_EVENTS = 10
MAX_LIBRARY_ITEMS = 15


def _require_sender(by: User) -> None:
    if not can_send_newsletter(by):
        raise PermissionDenied(_("Only the Secretariat and communication officers send the newsletter."))


def _absolute(url: str) -> str:
    return url if url.startswith("http") else settings.SITE_URL + url


@dataclass(frozen=True)
class EventLine:
    title: str
    url: str
    starts: datetime.datetime | datetime.date | None


def upcoming_events(*, after: datetime.date) -> list[EventLine]:
    """Scheduled events not over by `after`, read through the meetings app's selectors when it is installed.

    The newsletter does not depend on the meetings app: without it (or if its selectors change shape) the
    issue simply has no events section.
    """
    if not apps.is_installed("alliance87.meetings"):
        return []
    try:
        from alliance87.meetings import selectors as meeting_selectors

        moment = timezone.make_aware(datetime.datetime.combine(after, datetime.time.min))
        found = meeting_selectors.upcoming(meeting_selectors.events(), now=moment)
        events = [e for e in found[: MAX_EVENTS * 2] if getattr(e, "status", "") != "cancelled"]
        return [
            EventLine(title=e.title, url=_absolute(e.get_absolute_url()), starts=e.starts_at)
            for e in events[:MAX_EVENTS]
        ]
    except Exception:  # a missing or changed reader must not stop the newsletter
        logger.warning("Could not read upcoming events for the newsletter", exc_info=True)
        return []


def new_library_items(*, start: datetime.date, end: datetime.date) -> list[Any]:
    """Public library items added to the catalogue in the period."""
    return list(
        visible_items(AnonymousUser())
        .filter(created_at__date__gte=start, created_at__date__lte=end)
        .order_by("-created_at")[:MAX_LIBRARY_ITEMS]
    )


def _when(value: datetime.datetime | datetime.date | None) -> str:
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "DATE_FORMAT")
    return ""


def assemble_body(*, language: str, start: datetime.date, end: datetime.date) -> str:
    """The Markdown contents of an issue: the period's news in its language, upcoming events, new library items."""
    posts = posts_published_between(start=start, end=end, language=language)
    events = upcoming_events(after=end)
    items = new_library_items(start=start, end=end)
    with translation.override(language):
        return render_to_string(
            "news/newsletter/assembled_body.md",
            {
                "posts": [(p, _absolute(p.get_absolute_url())) for p in posts],
                "events": [(e, _when(e.starts)) for e in events],
                "items": [(i, _absolute(i.get_absolute_url())) for i in items],
            },
        ).strip()


def default_title(*, language: str, end: datetime.date) -> str:
    with translation.override(language):
        return _("Alliance 8.7 newsletter — %(month)s") % {
            "month": formats.date_format(end, "YEAR_MONTH_FORMAT")
        }


@transaction.atomic
def assemble_draft(
    *, by: User, language: str, period_start: datetime.date, period_end: datetime.date, title: str = ""
) -> NewsletterIssue:
    """A draft issue for the period, its contents assembled automatically; it is edited before sending."""
    _require_sender(by)
    if language not in Language.values:
        raise ValidationError({"language": _("Choose English, French or Spanish.")})
    if period_end < period_start:
        raise ValidationError({"period_end": _("The period cannot end before it starts.")})
    return NewsletterIssue.objects.create(
        title=title or default_title(language=language, end=period_end),
        language=language,
        period_start=period_start,
        period_end=period_end,
        body=assemble_body(language=language, start=period_start, end=period_end),
        created_by=by,
    )


@dataclass(frozen=True, kw_only=True)
class IssueInput(ServiceInput):
    """What an editor changes in a draft newsletter issue (unset fields keep their values)."""

    title: str | Unset = UNSET
    period_start: datetime.date | Unset = UNSET
    period_end: datetime.date | Unset = UNSET
    intro: str | Unset = UNSET
    body: str | Unset = UNSET
    language: str | Unset = UNSET


ISSUE_FIELDS = IssueInput.field_names()


@transaction.atomic
def update_issue(*, issue: NewsletterIssue, by: User, values: IssueInput) -> NewsletterIssue:
    _require_sender(by)
    issue = NewsletterIssue.objects.select_for_update().get(pk=issue.pk)
    if issue.status != IssueStatus.DRAFT:
        raise ValidationError(_("An issue that is being sent or was sent can no longer be changed."))
    values.apply_to(issue)
    issue.full_clean()
    issue.save()
    return issue


def _markdown_as_text(source: str) -> str:
    """Markdown for a plain-text e-mail: links as "text <address>", no emphasis marks."""
    text = re.sub(r"\[([^\]]+)\]\(([^)\s]+)\)", r"\1 <\2>", source)
    return re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)


@dataclass(frozen=True)
class RenderedIssue:
    subject: str
    html: str
    text: str

    def for_subscriber(self, unsubscribe_url: str) -> tuple[str, str]:
        return (
            self.html.replace(UNSUBSCRIBE_PLACEHOLDER, unsubscribe_url),
            self.text.replace(UNSUBSCRIBE_PLACEHOLDER, unsubscribe_url),
        )


def render_issue(issue: NewsletterIssue) -> RenderedIssue:
    """The issue's HTML and text parts, rendered once in its language; each subscriber's link is filled in later."""
    context = {
        "issue": issue,
        "intro_html": render_markdown(issue.intro),
        "body_html": render_markdown(issue.body),
        "intro_text": _markdown_as_text(issue.intro),
        "body_text": _markdown_as_text(issue.body),
        "unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER,
        "SITE_URL": settings.SITE_URL,
    }
    with translation.override(issue.language):
        html = render_to_string("news/newsletter/issue_email.html", context)
        text = render_to_string("news/newsletter/issue_email.txt", context)
    return RenderedIssue(subject=issue.title, html=html, text=text)


@transaction.atomic
def start_sending(*, issue: NewsletterIssue, by: User) -> int:
    """Log a delivery for every confirmed subscriber in the issue's language, then queue the sender.

    The rows and the task are written in one transaction: either the send is fully set up or not at all.
    Returns the number of deliveries.
    """
    from .tasks import send_issue

    _require_sender(by)
    issue = NewsletterIssue.objects.select_for_update().get(pk=issue.pk)
    if issue.status != IssueStatus.DRAFT:
        raise ValidationError(_("This issue is already being sent or has been sent."))
    if not (issue.intro.strip() or issue.body.strip()):
        raise ValidationError(_("The issue is empty."))
    issue.status = IssueStatus.SENDING
    issue.sending_started_at = timezone.now()
    issue.save(update_fields=["status", "sending_started_at", "updated_at"])
    subscriber_ids = Subscriber.objects.filter(
        status=SubscriberStatus.CONFIRMED, language=issue.language
    ).values_list("pk", flat=True)
    Delivery.objects.bulk_create(
        [Delivery(issue=issue, subscriber_id=pk) for pk in subscriber_ids.iterator(chunk_size=2000)],
        batch_size=1000,
        ignore_conflicts=True,
    )
    send_issue.enqueue(issue_id=issue.pk)
    return Delivery.objects.filter(issue=issue).count()


@transaction.atomic
def resume_sending(*, issue: NewsletterIssue, by: User, include_unknown: bool = False) -> None:
    """Queue the sender again, e.g. after a worker was stopped.

    With `include_unknown`, deliveries whose outcome is unknown (handed to the mail server when the worker died)
    are sent again: a person decides that, as those subscribers may get the issue twice.
    """
    from .delivery import release_stale_claims
    from .tasks import send_issue

    _require_sender(by)
    issue = NewsletterIssue.objects.select_for_update().get(pk=issue.pk)
    if issue.status == IssueStatus.DRAFT:
        raise ValidationError(_("This issue has not been sent yet."))
    release_stale_claims(issue=issue)
    if include_unknown:
        Delivery.objects.filter(issue=issue, status=DeliveryStatus.SENDING).update(
            status=DeliveryStatus.PENDING, claim=""
        )
    if Delivery.objects.filter(issue=issue, status=DeliveryStatus.PENDING).exists():
        issue.status = IssueStatus.SENDING
        issue.save(update_fields=["status", "updated_at"])
        send_issue.enqueue(issue_id=issue.pk)


def delivery_counts(issue: NewsletterIssue) -> dict[str, int]:
    rows = Delivery.objects.filter(issue=issue).values("status").annotate(n=Count("pk"))
    counts = {status: 0 for status in DeliveryStatus.values}
    counts.update({row["status"]: row["n"] for row in rows})
    counts["total"] = sum(counts.values())
    return counts


def deliveries_needing_attention(issue: NewsletterIssue) -> QuerySet[Delivery]:
    """Failed deliveries and those with an unknown outcome, for the report page."""
    return (
        Delivery.objects.filter(issue=issue, status__in=[DeliveryStatus.FAILED, DeliveryStatus.SENDING])
        .select_related("subscriber")
        .order_by("pk")
    )


def issues() -> QuerySet[NewsletterIssue]:
    return NewsletterIssue.objects.select_related("created_by").order_by("-created_at", "-pk")
