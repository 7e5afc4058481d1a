"""A story and its translations make one entry in every list, in the reader's language where translated."""

from __future__ import annotations

import pytest
from django.utils import translation

from alliance87.news import selectors
from alliance87.news.models import PostStatus

from .conftest import make_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    original = make_post(title="Workshop in Geneva", slug="workshop")
    make_post(title="Atelier à Genève", slug="atelier", language="fr", translation_of=original)
    make_post(title="Taller en Ginebra", slug="taller", language="es", translation_of=original)
    make_post(title="Only in English", slug="only-english")
    return original


def titles(response) -> list[str]:
    return [post.title for post in response.context["posts"]]


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("", ["Only in English", "Workshop in Geneva"]),
        ("/fr", ["Only in English", "Atelier à Genève"]),
        ("/es", ["Only in English", "Taller en Ginebra"]),
    ],
)
def test_the_news_list_shows_each_story_once_in_the_readers_language(client, story, prefix, expected):
    assert sorted(titles(client.get(f"{prefix}/news/")), key=expected.index) == expected


def test_an_untranslated_story_is_marked_as_in_english_on_a_french_page(client, story):
    page = client.get("/fr/news/").content.decode()
    assert page.count("Atelier à Genève") == 1
    assert "Workshop in Geneva" not in page
    assert 'class="badge badge-lang" lang="fr">' in page


def test_asking_for_a_language_lists_every_post_in_it(client, story):
    assert titles(client.get("/news/", {"language": "fr"})) == ["Atelier à Genève"]


def test_a_translation_stands_for_its_story_when_the_original_is_not_published(client):
    original = make_post(title="Draft original", slug="draft-original", status=PostStatus.DRAFT)
    make_post(title="Publiée", slug="publiee", language="fr", translation_of=original)
    assert titles(client.get("/es/news/")) == ["Publiée"]


def test_home_and_hub_pages_show_one_entry_per_story(client, story, world):
    for post in story.translations.all():
        post.bodies.add(world.migration)
    story.bodies.add(world.migration)
    with translation.override("fr"):
        assert [post.title for post in selectors.recent_posts(limit=5)] == [
            "Only in English",
            "Atelier à Genève",
        ]
        assert [post.title for post in selectors.recent_posts(body=world.migration)] == ["Atelier à Genève"]
    home = client.get("/es/").content.decode()
    assert home.count("Taller en Ginebra") == 1 and "Workshop in Geneva" not in home
    body_page = client.get("/bodies/migration/").content.decode()
    assert "Workshop in Geneva" in body_page and "Atelier à Genève" not in body_page


def test_the_feed_without_a_language_carries_each_story_once(client, story):
    feed = client.get("/news/feed.rss").content.decode()
    assert feed.count("<title>Workshop in Geneva</title>") == 1
    assert "Atelier à Genève" not in feed and "Taller en Ginebra" not in feed


def test_the_post_page_says_which_other_languages_the_story_is_in(client, story):
    page = client.get("/fr/news/atelier/").content.decode()
    assert 'hreflang="en">English</a>' in page and 'hreflang="es">español</a>' in page
