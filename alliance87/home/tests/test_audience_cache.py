"""Signed-in pages kept per audience: the same roles get the same page, each with their own header, and nothing
personal ever reaches another person or a visitor (`core.audiencecache`).

These tests commit for real (``transaction=True``): pages are only kept between committed data versions.
"""

from __future__ import annotations

import pytest

from alliance87.community.models import Notification, NotificationKind
from alliance87.home.tests.conftest import HEADER, own_tokens_only, page_tokens
from alliance87.library.models import Access
from alliance87.library.tests.factories import make_item
from alliance87.partners import services as partner_services

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = [
    "/",
    "/partners/",
    "/bodies/gcg/",
    "/plans/",
    "/library/",
    "/library/search/?q=labour",
    "/events/",
    "/news/",
]


def test_people_with_the_same_roles_share_the_page_but_never_their_name_count_or_token(
    partnership, signed_in
):
    world = partnership
    twin = world.twin
    Notification.objects.create(user=world.member, kind=NotificationKind.REPLY, text="A reply", link="/")
    Notification.objects.create(user=world.member, kind=NotificationKind.REPLY, text="Another", link="/")
    member, other = signed_in(world.member), signed_in(twin)

    for path in PAGES:
        first = member.get(path)
        assert first.status_code == 200, path
        assert first.headers.get(HEADER) == "miss", path
        served = other.get(path)
        assert served.headers.get(HEADER) == "hit", path
        mine, theirs = first.content.decode(), served.content.decode()
        assert "Notifications (2)" in mine and "Notifications (0)" in theirs, path
        assert "Sign out" in theirs and "\x00" not in theirs, path
        for personal in ("Mireille", "Membrane", world.member.email):
            assert personal not in theirs, path
        # Each gets a token made from their own CSRF secret, never the other's.
        assert own_tokens_only(other, theirs), path
        assert not page_tokens(theirs) & page_tokens(mine), path


def test_people_with_different_roles_get_different_pages(partnership, signed_in):
    world = partnership
    make_item(title="Partners-only briefing on recruitment fees", access=Access.PARTNERS)
    member, outsider, secretariat = (
        signed_in(world.member),
        signed_in(world.outsider),
        signed_in(world.secretariat),
    )

    for _ in range(2):  # the second time from the cache
        assert "Partners-only briefing" in member.get("/library/").content.decode()
    page = outsider.get("/library/")
    assert page.headers.get(HEADER) == "miss"
    assert "Partners-only briefing" not in page.content.decode()

    member.get("/bodies/gcg/")
    assert member.get("/bodies/gcg/").headers.get(HEADER) == "hit"
    page = secretariat.get("/bodies/gcg/")
    assert page.headers.get(HEADER) == "miss"
    assert "Edit body" in page.content.decode()
    assert "Edit body" not in member.get("/bodies/gcg/").content.decode()


def test_whoever_added_an_item_has_their_own_page_of_it(partnership, signed_in):
    world = partnership
    twin = world.twin
    item = make_item(title="Field notes", created_by=world.member)
    path = f"/library/{item.slug}/"
    edit = f"/library/{item.slug}/edit/"

    assert edit in signed_in(world.member).get(path).content.decode()
    page = signed_in(twin).get(path)
    assert page.headers.get(HEADER) == "miss"  # not the creator's copy
    assert edit not in page.content.decode()
    assert edit in signed_in(world.member).get(path).content.decode()


def test_a_visitor_never_gets_a_signed_in_page(partnership, visitors_never_get):
    visitors_never_get(partnership.member, PAGES)


def test_a_change_by_anyone_shows_on_the_next_signed_in_request(partnership, signed_in):
    world = partnership
    member = signed_in(world.member)
    member.get("/partners/")
    assert member.get("/partners/").headers.get(HEADER) == "hit"

    partner_services.update_organisation(
        organisation=world.ngo,
        by=world.focal_point,
        values=partner_services.OrganisationInput(name="Freedom Collective Renamed"),
    )

    page = member.get("/partners/")
    assert page.headers.get(HEADER) == "miss"
    assert "Freedom Collective Renamed" in page.content.decode()


def test_the_notification_count_is_counted_when_the_page_is_served(partnership, signed_in):
    member = signed_in(partnership.member)
    member.get("/news/")
    assert "Notifications (0)" in member.get("/news/").content.decode()
    # Written without signals (no new data version): the kept page is served, with the count of now.
    Notification.objects.bulk_create(
        [Notification(user=partnership.member, kind=NotificationKind.REPLY, text="A reply", link="/")]
    )
    page = member.get("/news/")
    assert page.headers.get(HEADER) == "hit"
    assert "Notifications (1)" in page.content.decode()


def test_a_persons_own_pages_are_never_kept(partnership, signed_in):
    """The dashboard and "my events" are the person's own things; an event's page is kept, with the person's
    registration filled in when served (home/tests/test_audience_cache_events.py)."""
    member = signed_in(partnership.member)
    for path in ("/dashboard/", "/events/my-calendar/"):
        for _ in range(2):
            response = member.get(path)
            assert response.status_code == 200, path
            assert response.headers.get(HEADER) is None, path


def test_a_page_that_shows_the_person_is_kept_for_them_alone(partnership, signed_in):
    """The safety net: a page showing the reader's own name is kept under their own key, served to nobody else."""
    world = partnership
    twin = world.twin  # the same audience as `world.member` (Mireille Membrane)
    path = "/partners/?q=Mireille+Membrane"
    mireille = signed_in(world.member)
    first = mireille.get(path)
    assert first.status_code == 200 and first.headers.get(HEADER) == "miss"
    again = mireille.get(path)
    assert again.headers.get(HEADER) == "hit"  # her own copy
    assert "Mireille" in again.content.decode()
    kept = page_tokens(again.content.decode())
    assert kept and kept != page_tokens(first.content.decode())

    other = signed_in(twin).get(path)
    assert other.headers.get(HEADER) == "miss"  # never Mireille's copy, though their roles are the same
    assert not page_tokens(other.content.decode()) & kept
    assert signed_in(twin).get(path).headers.get(HEADER) == "hit"  # the copy kept for their audience


def test_a_page_with_a_message_waiting_is_rendered_for_the_person(partnership, signed_in):
    member = signed_in(partnership.member)
    member.get("/news/")
    member.post("/community/notifications/read/", {})  # leaves "Marked as read." waiting
    page = member.get("/news/")
    assert page.headers.get(HEADER) is None
    assert "Marked as read." in page.content.decode()
