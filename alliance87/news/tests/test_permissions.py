"""Who may write news and send the newsletter: every write page for every role."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from alliance87.bodies.models import Body, BodyKind, Role, RoleTerm
from alliance87.news.models import NewsletterIssue
from alliance87.news.permissions import can_write_news

from .conftest import make_post

pytestmark = pytest.mark.django_db

ROLES = (
    "anonymous",
    "outsider",
    "member",
    "focal_point",
    "chair",
    "comms_member",
    "officer",
    "secretariat",
    "admin",
)
WRITERS = {"comms_member", "officer", "secretariat", "admin"}


@pytest.fixture
def people(world) -> dict[str, Any]:
    """The world's roles, plus a person of a Communication Group member organisation and a named officer."""
    from alliance87.accounts.models import User
    from alliance87.news.models import CommunicationOfficer
    from alliance87.partners.models import OrganisationMembership

    comms = Body.objects.create(
        kind=BodyKind.COMMUNICATION_GROUP, name="Communication Group", slug="communication-group"
    )
    RoleTerm.objects.create(body=comms, role=Role.MEMBER, organisation=world.other_ngo)
    comms_member = User.objects.create_user(username="c@example.org", email="c@example.org")
    OrganisationMembership.objects.create(user=comms_member, organisation=world.other_ngo)
    officer = User.objects.create_user(username="o@example.org", email="o@example.org")
    CommunicationOfficer.objects.create(user=officer, added_by=world.secretariat)
    return {
        "anonymous": None,
        "outsider": world.outsider,
        "member": world.member,
        "focal_point": world.focal_point,
        "chair": world.chair,
        "comms_member": comms_member,
        "officer": officer,
        "secretariat": world.secretariat,
        "admin": world.admin,
    }


def _pages(world) -> list[tuple[str, str, dict[str, Any]]]:
    draft = make_post(slug="draft-post", status="draft", published_at=None)
    issue = NewsletterIssue.objects.create(
        title="Issue",
        language="en",
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2024, 1, 31),
        body="x",
    )
    return [
        ("get", "/news/new/", {}),
        (
            "post",
            "/news/new/",
            {"title": "T", "summary": "s", "body": "b", "language": "en", "status": "draft"},
        ),
        ("get", f"/news/{draft.slug}/edit/", {}),
        (
            "post",
            f"/news/{draft.slug}/edit/",
            {
                "title": "T2",
                "summary": "s",
                "body": "b",
                "language": "en",
                "status": "draft",
                "slug": draft.slug,
            },
        ),
        ("get", f"/news/{draft.slug}/", {}),  # a draft is for writers only
        ("get", "/newsletter/issues/", {}),
        ("get", "/newsletter/issues/new/", {}),
        ("get", f"/newsletter/issues/{issue.pk}/", {}),
        ("get", f"/newsletter/issues/{issue.pk}/preview/", {}),
        ("get", f"/newsletter/issues/{issue.pk}/preview.txt", {}),
        ("get", f"/newsletter/issues/{issue.pk}/report/", {}),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_write_pages_are_for_the_secretariat_and_communication_officers(client, world, people, role):
    user = people[role]
    if user is not None:
        client.force_login(user)
    for method, path, data in _pages(world):
        response = getattr(client, method)(path, data)
        if role in WRITERS:
            assert response.status_code in (200, 302), (role, method, path, response.status_code)
            if response.status_code == 302:
                assert "/accounts/" not in response["Location"]
        elif role == "anonymous":
            expected = 404 if path.endswith("draft-post/") else 302
            assert response.status_code == expected, (role, method, path)
        else:
            assert response.status_code in (403, 404), (role, method, path, response.status_code)


@pytest.mark.parametrize("role", ROLES)
def test_sending_and_managing_officers(client, world, people, role, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    user = people[role]
    if user is not None:
        client.force_login(user)
    issue = NewsletterIssue.objects.create(
        title="Issue",
        language="en",
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2024, 1, 31),
        body="x",
    )
    send = client.post(f"/newsletter/issues/{issue.pk}/send/")
    officers = client.get("/news/officers/")
    issue.refresh_from_db()
    if role in WRITERS:
        assert send.status_code == 302 and issue.status == "sending"
    else:
        assert send.status_code in (302, 403) and issue.status == "draft"
    if role in {"secretariat", "admin"}:
        assert officers.status_code == 200
    else:
        assert officers.status_code in (302, 403)


def test_former_member_of_the_communication_group_may_no_longer_write(world, people):
    RoleTerm.objects.filter(body__slug="communication-group").update(
        start_date=datetime.date(2018, 1, 1), end_date=datetime.date(2019, 1, 1)
    )
    assert not can_write_news(people["comms_member"])
    assert can_write_news(people["officer"])


def test_secretariat_names_and_removes_an_officer(client, world):
    client.force_login(world.secretariat)
    assert not can_write_news(world.outsider)
    client.post("/news/officers/", {"email": world.outsider.email})
    assert can_write_news(world.outsider)
    officer = world.outsider.communication_officer
    client.post(f"/news/officers/{officer.pk}/remove/")
    world.outsider.refresh_from_db()
    assert not can_write_news(world.outsider)
