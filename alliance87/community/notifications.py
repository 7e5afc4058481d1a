"""Notifications: written for a person, e-mailed at once or gathered into a daily or weekly digest.

A digest covers the notifications a person has not read and that arrived since their last digest; the time
of the digest is stored in the same transaction as the queued e-mail, so running it twice sends nothing new.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation

from alliance87.accounts.models import User
from alliance87.core.emails import queue_email

from .models import DigestFrequency, Notification, NotificationKind, NotificationPreference


def preference_for(user: User) -> NotificationPreference:
    preference, _created = NotificationPreference.objects.get_or_create(user=user)
    return preference


def notify(
    *,
    users: Iterable[User],
    kind: NotificationKind,
    text: Callable[[], str],
    link: str,
    is_demo: bool = False,
) -> list[Notification]:
    """Write one notification per person, in their language; those who asked for it are e-mailed now.

    ``text`` is called once per person with their language active, so each reads it in their own.
    """
    recipients = {user.pk: user for user in users if user.is_active}
    if not recipients:
        return []
    rows = []
    for user in recipients.values():
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            rows.append(Notification(user=user, kind=kind, text=text()[:300], link=link, is_demo=is_demo))
    notifications = Notification.objects.bulk_create(rows)
    immediate = set(
        NotificationPreference.objects.filter(
            user_id__in=recipients, digest=DigestFrequency.IMMEDIATELY
        ).values_list("user_id", flat=True)
    )
    for notification in notifications:
        if notification.user_id in immediate:
            user = recipients[notification.user_id]
            queue_email(
                template="community/email/notification",
                to=[user.email],
                context={"notification": notification, "user": user},
                language=user.preferred_language,
            )
    return notifications


def unread(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user, read_at__isnull=True)


@transaction.atomic
def mark_read(*, user: User, notification_ids: Iterable[int] | None = None) -> int:
    """Mark some (or, without ids, all) of this person's notifications read; others' are never touched."""
    notifications = unread(user)
    if notification_ids is not None:
        notifications = notifications.filter(pk__in=list(notification_ids))
    return notifications.update(read_at=timezone.now())


@transaction.atomic
def set_digest(*, user: User, digest: str) -> NotificationPreference:
    preference = preference_for(user)
    preference.digest = DigestFrequency(digest)
    preference.save(update_fields=["digest"])
    return preference


def send_digest_to(preference: NotificationPreference, *, now: datetime.datetime) -> bool:
    """E-mail one person their unread notifications since the last digest; False when there is nothing new."""
    with transaction.atomic():
        locked = (
            NotificationPreference.objects.select_for_update().select_related("user").get(pk=preference.pk)
        )
        user = locked.user
        notifications = unread(user).filter(created_at__lte=now)
        if locked.last_digest_at:
            notifications = notifications.filter(created_at__gt=locked.last_digest_at)
        items = list(notifications.order_by("created_at", "pk"))
        locked.last_digest_at = now
        locked.save(update_fields=["last_digest_at"])
        if not items or not user.is_active:
            return False
        queue_email(
            template="community/email/digest",
            to=[user.email],
            context={"notifications": items, "user": user, "frequency": locked.get_digest_display()},
            language=user.preferred_language,
        )
        return True


def send_digests_now(frequency: str) -> int:
    """Send the digests of everyone who chose this frequency; returns how many e-mails were queued."""
    frequency = DigestFrequency(frequency)
    if frequency not in (DigestFrequency.DAILY, DigestFrequency.WEEKLY):
        raise ValueError(f"Digests are daily or weekly, not {frequency}.")
    now = timezone.now()
    if frequency == DigestFrequency.DAILY:
        # Daily is the default: people who never chose have no preference row yet.
        waiting = Notification.objects.filter(
            read_at__isnull=True, user__notification_preference__isnull=True
        )
        NotificationPreference.objects.bulk_create(
            [NotificationPreference(user_id=pk) for pk in set(waiting.values_list("user_id", flat=True))],
            ignore_conflicts=True,
        )
    sent = 0
    for preference in NotificationPreference.objects.filter(digest=frequency).order_by("pk"):
        sent += send_digest_to(preference, now=now)
    return sent
