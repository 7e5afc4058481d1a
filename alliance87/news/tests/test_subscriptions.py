"""Double opt-in: asking sends a confirmation e-mail; only the link confirms; only confirmed addresses get issues."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from alliance87.news import subscriptions
from alliance87.news.models import Subscriber, SubscriberStatus

pytestmark = pytest.mark.django_db


def _confirm_path(message) -> str:
    match = re.search(r"https?://[^/\s]+(/newsletter/confirm/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_double_opt_in_through_the_pages(settings):
    client = Client(enforce_csrf_checks=True)
    page = client.get("/newsletter/")
    assert page.status_code == 200
    csrf = client.cookies["csrftoken"].value

    response = client.post(
        "/newsletter/", {"email": "Reader@Example.org", "language": "fr", "csrfmiddlewaretoken": csrf}
    )

    assert response.status_code == 200
    assert "Check your inbox" in response.content.decode()
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.language, subscriber.status) == (
        "reader@example.org",
        "fr",
        "pending",
    )
    (message,) = mail.outbox
    assert message.to == ["reader@example.org"]
    assert "newsletter" in message.subject.lower() or "lettre" in message.subject.lower()

    path = _confirm_path(message)
    assert client.get(path).status_code == 200
    assert (
        Subscriber.objects.get().status == SubscriberStatus.PENDING
    )  # following the link alone is not enough
    done = client.post(path, {"csrfmiddlewaretoken": client.cookies["csrftoken"].value})

    assert done.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED and subscriber.confirmed_at is not None


def test_confirmation_e_mail_is_in_the_chosen_language():
    subscriptions.subscribe(email="lectora@example.org", language="es")
    assert "boletín" in mail.outbox[0].subject.lower() or "newsletter" in mail.outbox[0].subject.lower()


def test_asking_again_tells_nobody_whether_an_address_is_subscribed(client):
    subscriptions.subscribe(email="known@example.org", language="en")
    Subscriber.objects.update(status=SubscriberStatus.CONFIRMED)
    mail.outbox.clear()

    known = client.post("/newsletter/", {"email": "known@example.org", "language": "en"})
    unknown = client.post("/newsletter/", {"email": "new@example.org", "language": "en"})

    assert known.status_code == unknown.status_code == 200

    def page(response, email: str) -> str:
        return re.sub(r'value="[^"]{32,}"', "", response.content.decode()).replace(email, "X")

    assert page(known, "known@example.org") == page(unknown, "new@example.org")
    assert [m.to for m in mail.outbox] == [["new@example.org"]]  # nothing to the confirmed address


def test_pending_address_is_not_mail_bombed():
    subscriptions.subscribe(email="target@example.org", language="en")
    for _ in range(5):
        subscriptions.subscribe(email="target@example.org", language="en")
    assert len(mail.outbox) == 1


def test_expired_or_unknown_confirmation_link_is_refused(client):
    subscriber = subscriptions.subscribe(email="late@example.org", language="en")
    Subscriber.objects.update(confirmation_sent_at=timezone.now() - datetime.timedelta(days=8))

    expired = client.post(f"/newsletter/confirm/{subscriber.confirm_token}/")
    unknown = client.post("/newsletter/confirm/not-a-token/")

    assert expired.status_code == unknown.status_code == 400
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING


def test_unsubscribed_address_can_subscribe_again_with_a_new_confirmation():
    subscriber = subscriptions.subscribe(email="back@example.org", language="en")
    subscriptions.confirm_subscription(token=subscriber.confirm_token)
    subscriptions.unsubscribe(subscriber=subscriber)
    old_token = subscriber.confirm_token

    again = subscriptions.subscribe(email="back@example.org", language="fr")

    assert again.status == SubscriberStatus.PENDING and again.confirm_token != old_token
    assert len(mail.outbox) == 2
    with pytest.raises(Exception):  # the old link no longer confirms
        subscriptions.confirm_subscription(token=old_token)


def test_forged_unsubscribe_token_finds_nobody(client):
    subscriber = subscriptions.subscribe(email="x@example.org", language="en")
    assert subscriptions.subscriber_for_link(subscriber.unsubscribe_token) is None  # unsigned
    assert client.get(f"/newsletter/unsubscribe/{subscriber.unsubscribe_token}:forged/").status_code == 404
    assert subscriptions.subscriber_for_link(subscriptions.unsubscribe_link_token(subscriber)) == subscriber


def test_invalid_address_is_refused_on_the_form(client):
    response = client.post("/newsletter/", {"email": "not-an-address", "language": "en"})
    assert response.status_code == 200 and "valid email" in response.content.decode()
    assert not Subscriber.objects.exists()


def test_one_address_is_sent_at_most_three_confirmations_an_hour(world, client):
    for _attempt in range(3):
        client.post("/newsletter/", {"email": "reader@example.org", "language": "en"})

    response = client.post("/newsletter/", {"email": "reader@example.org", "language": "en"})

    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
