"""A meeting's minutes: written by its editors, read by the body's members, published by a chair or the Secretariat."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alliance87.accounts.models import User

from ..decision_models import Minutes
from ..decision_permissions import can_publish_minutes, can_write_minutes
from ..models import Event

#: Minutes are a few pages, not a book: a larger text is a document for the library.
MAX_MINUTES_LENGTH = 100_000


@transaction.atomic
def save_minutes(*, event: Event, by: User, text: str, is_illustrative: bool | None = None) -> Minutes:
    """Write or rewrite a meeting's minutes; every version is kept in their history."""
    if not can_write_minutes(by, event):
        raise PermissionDenied(
            _("Only the meeting's organisers, the chairs of its body or the Secretariat write its minutes.")
        )
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the minutes before saving them.")})
    if len(text) > MAX_MINUTES_LENGTH:
        raise ValidationError(
            {
                "text": _("Minutes hold at most %(count)s characters; add longer documents to the library.")
                % {"count": f"{MAX_MINUTES_LENGTH:,}"}
            }
        )
    minutes = Minutes.objects.select_for_update().filter(event=event).first() or Minutes(event=event)
    minutes.text = text
    minutes.written_by = by
    if is_illustrative is not None:
        minutes.is_illustrative = is_illustrative
    minutes.full_clean(exclude=["event"])
    minutes.save()
    return minutes


@transaction.atomic
def publish_minutes(*, minutes: Minutes, by: User) -> Minutes:
    """Make a meeting's minutes public (a chair of its body, its country's focal points, or the Secretariat)."""
    if not can_publish_minutes(by, minutes.event):
        raise PermissionDenied(_("Only a chair of the body or the Secretariat publishes minutes."))
    locked = Minutes.objects.select_for_update().get(pk=minutes.pk)
    if locked.is_published:
        raise ValidationError(_("These minutes are already published."))
    locked.published_at = timezone.now()
    locked.published_by = by
    locked.save(update_fields=["published_at", "published_by", "updated_at"])
    return locked


@transaction.atomic
def unpublish_minutes(*, minutes: Minutes, by: User) -> Minutes:
    """Take published minutes back to the body's members, e.g. to correct them."""
    if not can_publish_minutes(by, minutes.event):
        raise PermissionDenied(_("Only a chair of the body or the Secretariat publishes minutes."))
    locked = Minutes.objects.select_for_update().get(pk=minutes.pk)
    if not locked.is_published:
        raise ValidationError(_("These minutes are not published."))
    locked.published_at = None
    locked.published_by = None
    locked.save(update_fields=["published_at", "published_by", "updated_at"])
    return locked
