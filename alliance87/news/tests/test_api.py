"""The news API: reading posts (drafts only for writers), writing them as the Secretariat or a communication
officer, and subscribing to the newsletter with double opt-in."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail

from alliance87.news.models import CommunicationOfficer, Post, Subscriber, SubscriberStatus, Tag
from alliance87.news.tests.conftest import make_post
from tests.api import ROLES, field_names

pytestmark = pytest.mark.django_db

WRITERS = {"secretariat", "admin", "member"}  # `member` is made a communication officer below


@pytest.fixture
def officer(world):
    CommunicationOfficer.objects.create(user=world.member, added_by=world.secretariat)


def test_list_filters_and_hides_drafts_from_readers(api_as, world):
    tagged = make_post(title="Tagged", slug="tagged")
    tagged.tags.add(Tag.objects.create(name="Research", slug="research"))
    tagged.bodies.add(world.migration)
    make_post(title="Français", slug="francais", language="fr")
    make_post(title="Draft", slug="draft", status="draft", published_at=None)

    anonymous = api_as("anonymous")
    everything = anonymous.get("/news").json()
    assert {p["slug"] for p in everything["items"]} == {"tagged", "francais"}
    assert [p["slug"] for p in anonymous.get("/news", tag="research").json()["items"]] == ["tagged"]
    assert [p["slug"] for p in anonymous.get("/news", body="migration").json()["items"]] == ["tagged"]
    assert [p["slug"] for p in anonymous.get("/news", language="fr").json()["items"]] == ["francais"]
    assert anonymous.get("/news/draft").status_code == 404
    assert api_as("secretariat").get("/news/draft").status_code == 200
    item = next(p for p in everything["items"] if p["slug"] == "tagged")
    assert item["tags"] == ["Research"] and item["bodies"][0]["slug"] == "migration"


def test_detail_lists_other_language_versions(api_as):
    original = make_post(slug="workshop", title="Workshop")
    make_post(slug="atelier", language="fr", translation_of=original, title="Atelier")

    body = api_as("anonymous").get("/news/atelier").json()

    assert body["translation_of"] == "workshop"
    assert body["other_versions"] == [{"slug": "workshop", "language": "en", "title": "Workshop"}]


def test_list_queries_do_not_grow(api_as, world, django_assert_max_num_queries):
    client = api_as("anonymous")
    for _ in range(3):
        post = make_post()
        post.bodies.add(world.gcg)
    client.get("/news")
    for _ in range(9):
        post = make_post()
        post.bodies.add(world.gcg)
        post.countries.add(world.fiji)
    with django_assert_max_num_queries(8):
        assert client.get("/news").status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_create_and_patch_are_for_the_secretariat_and_communication_officers(api_as, world, officer, role):
    client = api_as(role)
    created = client.post(
        "/news",
        {
            "title": f"Launch by {role}",
            "summary": "s",
            "body": "b",
            "status": "published",
            "tags": ["Supply chains"],
            "bodies": ["supply-chains"],
            "countries": ["fj"],
        },
    )
    existing = make_post(slug=f"existing-{role}")
    patched = client.patch(f"/news/{existing.slug}", {"title": "Changed"})
    if role in WRITERS:
        assert created.status_code == 201, created.json()
        body = created.json()
        assert body["status"] == "published" and body["published_at"]
        assert body["tags"] == ["Supply chains"] and body["countries"] == ["FJ"]
        assert patched.status_code == 200 and patched.json()["title"] == "Changed"
    else:
        expected = 401 if role == "anonymous" else 403
        assert created.status_code == expected and patched.status_code == expected
        assert not Post.objects.filter(title__startswith="Launch").exists()


def test_create_refuses_unknown_references(api_as):
    response = api_as("secretariat").post(
        "/news",
        {"title": "T", "summary": "s", "body": "b", "bodies": ["nope"], "translation_of": "missing"},
    )
    assert response.status_code == 400
    assert field_names(response) & {"bodies", "translation_of"}


def test_session_write_needs_the_csrf_token(api_as):
    response = api_as("secretariat", via="session", csrf=False).post(
        "/news", {"title": "T", "summary": "s", "body": "b"}
    )
    assert response.status_code == 403


def test_subscribe_is_public_and_double_opt_in(api_as):
    response = api_as("anonymous").post(
        "/newsletter/subscriptions", {"email": "api@example.org", "language": "es"}
    )

    assert response.status_code == 202
    subscriber = Subscriber.objects.get()
    assert subscriber.status == SubscriberStatus.PENDING and subscriber.language == "es"
    assert mail.outbox[0].to == ["api@example.org"]


def test_subscribe_refuses_a_bad_address_and_unknown_fields(api_as):
    client = api_as("anonymous")
    assert client.post("/newsletter/subscriptions", {"email": "nope"}).status_code == 400
    assert (
        client.post("/newsletter/subscriptions", {"email": "a@example.org", "name": "x"}).status_code == 422
    )
    assert not Subscriber.objects.exists()


def test_published_at_is_in_utc(api_as):
    make_post(slug="dated", published_at=datetime.datetime(2018, 6, 12, 9, 0, tzinfo=datetime.UTC))
    assert api_as("anonymous").get("/news/dated").json()["published_at"].startswith("2018-06-12T09:00:00")
