"""The RSS and Atom feeds parse with feedparser and carry titles, links and dates in UTC."""

from __future__ import annotations

import datetime

import feedparser
import pytest

from alliance87.news.models import PostStatus

from .conftest import make_post

pytestmark = pytest.mark.django_db

PUBLISHED = datetime.datetime(2018, 12, 3, 14, 30, tzinfo=datetime.UTC)


@pytest.fixture
def posts(settings):
    settings.SITE_URL = "https://alliance87.example"
    make_post(title="Migration workshop", slug="migration-workshop", published_at=PUBLISHED)
    make_post(
        title="Atelier sur les migrations",
        slug="atelier-migrations",
        language="fr",
        published_at=PUBLISHED + datetime.timedelta(hours=1),
    )
    make_post(title="Unpublished draft", slug="draft", status=PostStatus.DRAFT)


@pytest.mark.parametrize("path", ["/news/feed.rss", "/news/feed.atom"])
def test_feed_lists_published_posts_with_links_and_utc_dates(client, posts, path):
    response = client.get(path)
    feed = feedparser.parse(response.content)

    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == "Alliance 8.7 news"
    assert [e.title for e in feed.entries] == ["Atelier sur les migrations", "Migration workshop"]
    entry = feed.entries[1]
    assert entry.link == "https://alliance87.example/news/migration-workshop/"
    assert entry.published_parsed[:6] == (2018, 12, 3, 14, 30, 0)
    assert datetime.datetime(*entry.published_parsed[:6], tzinfo=datetime.UTC) == PUBLISHED


def test_rss_is_rss_2_and_atom_is_atom(client, posts):
    assert feedparser.parse(client.get("/news/feed.rss").content).version == "rss20"
    assert feedparser.parse(client.get("/news/feed.atom").content).version == "atom10"


@pytest.mark.parametrize("path", ["/news/feed.rss", "/news/feed.atom"])
def test_feed_per_language(client, posts, path):
    feed = feedparser.parse(client.get(path, {"lang": "fr"}).content)

    assert [e.title for e in feed.entries] == ["Atelier sur les migrations"]
    assert "French" in feed.feed.title


def test_unknown_language_falls_back_to_all_posts(client, posts):
    feed = feedparser.parse(client.get("/news/feed.rss", {"lang": "xx"}).content)
    assert len(feed.entries) == 2
