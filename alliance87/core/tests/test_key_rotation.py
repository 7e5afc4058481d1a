"""Rotating SECRET_KEY with the old key in SECRET_KEY_FALLBACKS keeps links already sent working."""

import pytest
from django.test import Client

from alliance87.news.models import SubscriberStatus
from alliance87.news.subscriptions import unsubscribe_url
from alliance87.news.tests.conftest import make_subscriber

pytestmark = pytest.mark.django_db

OLD_KEY = "old-key-" + "o" * 60
NEW_KEY = "new-key-" + "n" * 60


def test_an_unsubscribe_link_sent_before_a_key_rotation_still_works(settings):
    settings.SECRET_KEY = OLD_KEY
    subscriber = make_subscriber("reader@example.org")
    path = unsubscribe_url(subscriber).removeprefix(settings.SITE_URL)

    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = NEW_KEY, [OLD_KEY]
    assert Client().get(path).status_code == 200
    Client().post(path)

    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED


def test_without_the_fallback_the_old_link_is_refused(settings):
    settings.SECRET_KEY = OLD_KEY
    path = unsubscribe_url(make_subscriber("reader@example.org")).removeprefix(settings.SITE_URL)

    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = NEW_KEY, []

    assert Client().get(path).status_code == 404
