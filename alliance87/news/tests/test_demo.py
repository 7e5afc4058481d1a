"""The demo loader creates news from the seeds, translations, subscribers and a draft issue, idempotently."""

import pytest

from alliance87.core.demo import load_demo_data, remove_demo_data
from alliance87.news.models import NewsletterIssue, Post, Subscriber

pytestmark = pytest.mark.django_db


def test_demo_news_loads_twice_without_duplicates_and_is_removable():
    load_demo_data()
    load_demo_data()

    assert Post.objects.filter(is_demo=True).count() == 5
    original = Post.objects.get(slug="iom-hosts-migration-action-group-workshop")
    assert sorted(original.translations.values_list("language", flat=True)) == ["es", "fr"]
    assert "29 to 30 November" in original.body and original.bodies.filter(slug="migration").exists()
    assert Subscriber.objects.filter(is_demo=True, status="confirmed").count() == 2
    assert NewsletterIssue.objects.filter(is_demo=True, status="draft").count() == 1

    remove_demo_data()
    assert not Post.objects.exists() and not Subscriber.objects.exists()
