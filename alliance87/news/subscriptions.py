"""Newsletter subscriptions: double opt-in, confirmation, and unsubscribing through a signed personal link.

Subscribing answers the same whatever the address's state, so the form tells nobody who is subscribed.
A confirmation link is valid for `CONFIRMATION_DAYS`; the unsubscribe link never expires.
"""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from alliance87.core.emails import queue_email

from .models import Language, Subscriber, SubscriberStatus

CONFIRMATION_DAYS = 7
#: A pending address asking again within this time gets no second e-mail (no mail-bombing through the form).
RESEND_AFTER = datetime.timedelta(minutes=5)
UNSUBSCRIBE_SALT = "alliance87.news.unsubscribe"


def new_token() -> str:
    return secrets.token_urlsafe(32)


def unsubscribe_link_token(subscriber: Subscriber) -> str:
    """The token of a subscriber's personal unsubscribe links: their random token, signed with the site key."""
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(subscriber.unsubscribe_token)


def unsubscribe_url(subscriber: Subscriber) -> str:
    return settings.SITE_URL + reverse(
        "newsletter:unsubscribe", kwargs={"token": unsubscribe_link_token(subscriber)}
    )


def one_click_url(subscriber: Subscriber) -> str:
    return settings.SITE_URL + reverse(
        "newsletter:one_click", kwargs={"token": unsubscribe_link_token(subscriber)}
    )


def subscriber_for_link(token: str) -> Subscriber | None:
    """The subscriber a signed unsubscribe token names, or None when it is forged or unknown."""
    try:
        raw = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token)
    except signing.BadSignature:
        return None
    return Subscriber.objects.filter(unsubscribe_token=raw).first()


def _send_confirmation(subscriber: Subscriber) -> None:
    subscriber.confirmation_sent_at = timezone.now()
    subscriber.save(update_fields=["confirmation_sent_at", "confirm_token", "status", "language"])
    confirm_url = settings.SITE_URL + reverse(
        "newsletter:confirm", kwargs={"token": subscriber.confirm_token}
    )
    queue_email(
        template="news/email/confirm_subscription",
        to=[subscriber.email],
        context={"confirm_url": confirm_url, "days": CONFIRMATION_DAYS},
        language=subscriber.language,
    )


@transaction.atomic
def subscribe(*, email: str, language: str) -> Subscriber:
    """Ask for the newsletter: a confirmation e-mail goes to the address; issues follow only once confirmed."""
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("Enter a valid e-mail address.")}) from None
    if language not in Language.values:
        raise ValidationError({"language": _("Choose English, French or Spanish.")})
    subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
    if subscriber is None:
        subscriber = Subscriber.objects.create(
            email=email, language=language, confirm_token=new_token(), unsubscribe_token=new_token()
        )
        _send_confirmation(subscriber)
    elif subscriber.status == SubscriberStatus.UNSUBSCRIBED:
        subscriber.status = SubscriberStatus.PENDING
        subscriber.language = language
        subscriber.confirm_token = new_token()
        _send_confirmation(subscriber)
    elif subscriber.status == SubscriberStatus.PENDING:
        sent_at = subscriber.confirmation_sent_at
        if sent_at is None or timezone.now() - sent_at > RESEND_AFTER:
            subscriber.language = language
            subscriber.confirm_token = new_token()
            _send_confirmation(subscriber)
    return subscriber


@transaction.atomic
def confirm_subscription(*, token: str) -> Subscriber:
    """Confirm an address from the link in its confirmation e-mail (again: nothing changes)."""
    subscriber = Subscriber.objects.select_for_update().filter(confirm_token=token).first()
    if subscriber is None or subscriber.status == SubscriberStatus.UNSUBSCRIBED:
        raise ValidationError(_("This confirmation link is not valid. Subscribe again to get a new one."))
    if subscriber.status == SubscriberStatus.CONFIRMED:
        return subscriber
    sent_at = subscriber.confirmation_sent_at or subscriber.created_at
    if timezone.now() - sent_at > datetime.timedelta(days=CONFIRMATION_DAYS):
        raise ValidationError(_("This confirmation link has expired. Subscribe again to get a new one."))
    subscriber.status = SubscriberStatus.CONFIRMED
    subscriber.confirmed_at = timezone.now()
    subscriber.save(update_fields=["status", "confirmed_at"])
    return subscriber


@transaction.atomic
def unsubscribe(*, subscriber: Subscriber) -> Subscriber:
    """Stop sending issues to this address at once (also those of an issue being sent now)."""
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    if subscriber.status != SubscriberStatus.UNSUBSCRIBED:
        subscriber.status = SubscriberStatus.UNSUBSCRIBED
        subscriber.unsubscribed_at = timezone.now()
        subscriber.save(update_fields=["status", "unsubscribed_at"])
    return subscriber
