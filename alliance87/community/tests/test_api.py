"""The community API: reads limited to what the caller may read, replies and threads, one's notifications."""

from __future__ import annotations

import pytest

from alliance87.community import services
from alliance87.community.models import Notification, Space, Visibility

pytestmark = pytest.mark.django_db


@pytest.fixture
def members_space(world):
    world.chair.full_name = "Chidi Chair"
    world.chair.save()
    space = Space.objects.create(
        name="Supply Chains members",
        slug="supply-chains",
        body=world.supply_chains,
        visibility=Visibility.MEMBERS,
    )
    thread = services.create_thread(space=space, by=world.chair, title="Mapping", body="Next steps")
    return space, thread


@pytest.fixture
def public_space(world):
    world.member.full_name = "Marco Member"
    world.member.save()
    services.profile_for(world.member)
    space = Space.objects.create(name="Introductions", slug="introductions", visibility=Visibility.PUBLIC)
    thread = services.create_thread(space=space, by=world.focal_point, title="Hello", body="We are an NGO")
    return space, thread


@pytest.mark.parametrize("role", ["anonymous", "outsider", "member", "focal_point", "other_chair"])
def test_a_non_member_cannot_read_a_members_only_space_via_the_api(api_as, members_space, role):
    space, thread = members_space
    api = api_as(role)

    assert api.get(f"/community/spaces/{space.slug}").status_code == 404
    assert api.get(f"/community/spaces/{space.slug}/threads").status_code == 404
    assert api.get(f"/community/threads/{thread.pk}").status_code == 404
    assert api.get(f"/community/threads/{thread.pk}/posts").status_code == 404
    assert space.slug not in [s["slug"] for s in api.get("/community/spaces").json()["items"]]
    if role != "anonymous":
        assert api.post(f"/community/threads/{thread.pk}/posts", {"body": "Hi"}).status_code == 404


@pytest.mark.parametrize("role", ["chair", "secretariat"])
def test_members_read_and_reply_in_their_space(api_as, members_space, role):
    _space, thread = members_space
    api = api_as(role)

    posts = api.get(f"/community/threads/{thread.pk}/posts").json()
    assert posts["count"] == 1
    assert posts["items"][0]["author"] == "Chidi Chair"
    response = api.post(f"/community/threads/{thread.pk}/posts", {"body": "**Agreed**"})
    assert response.status_code == 201
    assert response.json()["body_html"] == "<p><strong>Agreed</strong></p>"


def test_starting_a_thread_needs_credentials_and_partnership(api_as, public_space):
    _space, _thread = public_space

    assert (
        api_as("anonymous")
        .post("/community/spaces/introductions/threads", {"title": "T", "body": "B"})
        .status_code
        == 401
    )
    assert (
        api_as("outsider")
        .post("/community/spaces/introductions/threads", {"title": "T", "body": "B"})
        .status_code
        == 403
    )
    response = api_as("member", via="session").post(
        "/community/spaces/introductions/threads", {"title": "T", "body": "B"}
    )
    assert response.status_code == 201
    assert response.json()["space"] == "introductions"
    assert (
        api_as("member")
        .post("/community/spaces/introductions/threads", {"title": "", "body": "B"})
        .status_code
        == 400
    )


def test_a_locked_thread_refuses_replies_via_the_api(api_as, world, public_space):
    _space, thread = public_space
    services.set_thread_locked(thread=thread, by=world.secretariat, locked=True)

    response = api_as("member").post(f"/community/threads/{thread.pk}/posts", {"body": "More"})

    assert response.status_code == 400
    assert "locked" in response.json()["detail"]


def test_notifications_are_ones_own_and_can_be_marked_read(api_as, world, public_space):
    _space, thread = public_space
    services.reply(thread=thread, by=world.chair, body="Hello @marco-member")
    api = api_as("member")

    listed = api.get("/community/notifications", unread=True).json()
    assert [n["kind"] for n in listed["items"]] == ["mention"]
    assert api_as("focal_point").get("/community/notifications").json()["count"] == 1  # the reply only
    assert api.post("/community/notifications/read", {}).json() == {"marked": 1}
    assert api.get("/community/notifications", unread=True).json()["count"] == 0
    assert Notification.objects.filter(user=world.focal_point, read_at__isnull=True).count() == 1
    assert api_as("anonymous").get("/community/notifications").status_code == 401
