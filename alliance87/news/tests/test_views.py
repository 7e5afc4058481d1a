"""The news list and its filters (with a constant number of queries), post pages, the home, body and country
pages' news, and assembling an issue."""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.utils import timezone

from alliance87.core.tests.helpers import assert_queries_do_not_grow
from alliance87.library.models import Access, Item, ItemKind
from alliance87.news import newsletter
from alliance87.news.models import Post, Tag

from .conftest import make_post

pytestmark = pytest.mark.django_db
serial = itertools.count()


def test_list_filters_by_tag_body_country_and_language(client, world):
    research = Tag.objects.create(name="Research", slug="research")
    tagged = make_post(title="Tagged")
    tagged.tags.add(research)
    about_body = make_post(title="About migration")
    about_body.bodies.add(world.migration)
    about_fiji = make_post(title="About Fiji")
    about_fiji.countries.add(world.fiji)
    make_post(title="En français", language="fr")
    make_post(title="Hidden draft", status="draft", published_at=None)

    def titles(**params) -> list[str]:
        return [p.title for p in client.get("/news/", params).context["posts"]]

    assert set(titles()) == {"Tagged", "About migration", "About Fiji", "En français"}
    assert titles(tag="research") == ["Tagged"]
    assert titles(body="migration") == ["About migration"]
    assert titles(country="fj") == ["About Fiji"]
    assert titles(language="fr") == ["En français"]


def test_list_paginates(client):
    for _ in range(12):
        make_post()
    page = client.get("/news/")
    assert len(page.context["posts"]) == 10
    assert len(client.get("/news/", {"page": 2}).context["posts"]) == 2


def test_news_list_queries_do_not_grow_with_posts(client, world, django_assert_num_queries):
    tag = Tag.objects.create(name="Supply chains", slug="supply-chains")

    def add_rows(n: int) -> None:
        for _ in range(n):
            post = make_post(author=world.secretariat)
            post.tags.add(tag)
            post.bodies.add(world.supply_chains, world.migration)
            post.countries.add(world.fiji)

    queries = assert_queries_do_not_grow(
        django_assert_num_queries, add_rows=add_rows, load=lambda: client.get("/news/"), n=3
    )
    assert queries <= 12


def test_post_page_links_to_its_other_language_versions(client):
    original = make_post(title="Workshop", slug="workshop")
    french = make_post(title="Atelier", slug="atelier", language="fr", translation_of=original)
    make_post(
        title="Taller",
        slug="taller",
        language="es",
        translation_of=original,
        status="draft",
        published_at=None,
    )

    english_page = client.get("/news/workshop/").content.decode()
    french_page = client.get("/news/atelier/")

    assert 'href="/news/atelier/"' in english_page and "/news/taller/" not in english_page
    assert [p.slug for p in french_page.context["other_versions"]] == ["workshop"]
    assert french.translation_of == original


def test_translation_must_be_in_another_language(world):
    from django.core.exceptions import ValidationError

    from alliance87.news import services

    original = make_post(slug="orig")
    with pytest.raises(ValidationError) as refused:
        services.create_post(
            by=world.secretariat,
            values=services.PostInput.of(
                {"title": "Copy", "summary": "s", "body": "b", "language": "en", "translation_of": original}
            ),
        )
    assert "translation_of" in refused.value.message_dict


def test_publishing_sets_the_date_once(world):
    from alliance87.news import services

    post = services.create_post(
        by=world.secretariat, values=services.PostInput.of({"title": "T", "summary": "s", "body": "b"})
    )
    assert post.status == "draft" and post.published_at is None
    post = services.update_post(
        post=post, by=world.secretariat, values=services.PostInput.of({"status": "published"})
    )
    first = post.published_at
    assert first is not None
    post = services.update_post(
        post=post, by=world.secretariat, values=services.PostInput.of({"title": "New title"})
    )
    assert post.published_at == first


def test_home_body_and_country_pages_show_recent_news(client, world):
    post = make_post(title="Fiji joins the Migration Action Group's work", slug="fiji-migration")
    post.bodies.add(world.migration)
    post.countries.add(world.fiji)
    make_post(title="Unrelated", slug="unrelated")

    home = client.get("/").content.decode()
    body = client.get(world.migration.get_absolute_url()).content.decode()
    country = client.get(world.fiji.get_absolute_url()).content.decode()

    for html in (home, body, country):
        assert "/news/fiji-migration/" in html
    assert "/news/unrelated/" in home
    assert "/news/unrelated/" not in body and "/news/unrelated/" not in country


def test_main_navigation_has_news(client):
    assert 'href="/news/"' in client.get("/").content.decode()


def test_assembled_draft_has_the_period_news_in_its_language_and_new_public_library_items(world, settings):
    settings.SITE_URL = "https://alliance87.example"
    now = timezone.now()
    make_post(title="This month", slug="this-month", published_at=now - datetime.timedelta(days=3))
    make_post(title="Last year", slug="last-year", published_at=now - datetime.timedelta(days=400))
    make_post(title="Ce mois-ci", slug="ce-mois", language="fr", published_at=now)
    Item.objects.create(
        kind=ItemKind.REPORT, title="New public report", slug="new-report", access=Access.PUBLIC
    )
    Item.objects.create(
        kind=ItemKind.REPORT, title="Partners only", slug="partners-only", access=Access.PARTNERS
    )
    today = timezone.localdate()

    issue = newsletter.assemble_draft(
        by=world.secretariat,
        language="en",
        period_start=today - datetime.timedelta(days=30),
        period_end=today,
    )

    assert issue.status == "draft"
    assert "[This month](https://alliance87.example/news/this-month/)" in issue.body
    assert "Last year" not in issue.body and "Ce mois-ci" not in issue.body
    assert "New public report" in issue.body and "Partners only" not in issue.body
    rendered = newsletter.render_issue(issue)
    assert 'href="https://alliance87.example/news/this-month/"' in rendered.html


def test_preview_shows_the_issue_in_html_and_text(client, world):
    make_post(title="Preview me", slug="preview-me")
    today = timezone.localdate()
    issue = newsletter.assemble_draft(
        by=world.secretariat, language="en", period_start=today - datetime.timedelta(days=7), period_end=today
    )
    client.force_login(world.secretariat)

    html = client.get(f"/newsletter/issues/{issue.pk}/preview/")
    text = client.get(f"/newsletter/issues/{issue.pk}/preview.txt")

    assert "Preview me" in html.content.decode() and html["Content-Type"].startswith("text/html")
    assert "Preview me" in text.content.decode() and text["Content-Type"].startswith("text/plain")


def test_sent_issue_can_no_longer_be_edited(client, world, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    make_post()
    today = timezone.localdate()
    issue = newsletter.assemble_draft(
        by=world.secretariat, language="en", period_start=today, period_end=today
    )
    newsletter.start_sending(issue=issue, by=world.secretariat)
    client.force_login(world.secretariat)

    client.post(
        f"/newsletter/issues/{issue.pk}/", {"title": "Changed", "period_start": today, "period_end": today}
    )

    issue.refresh_from_db()
    assert issue.title != "Changed"
    assert Post.objects.count() == 1


def test_a_long_news_list_says_more_than_the_pages_it_counted(client, monkeypatch):
    monkeypatch.setattr("alliance87.core.paginator.COUNTED_ROWS", 20)
    for _ in range(35):
        make_post()
    first = client.get("/news/")
    assert "Page 1 of more than 2" in first.content.decode()
    assert 'rel="next"' in first.content.decode()
    last = client.get("/news/", {"page": 4})
    assert len(last.context["posts"]) == 5
    assert "Page 4 of 4" in last.content.decode()
