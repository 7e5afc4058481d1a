"""Signed-in event, news and community pages kept per audience: each person still sees their own registration,
their own posts' "Edit" links and their own follow button, and what their roles at the meeting allow
(`core.audiencecache`, `meetings.personal`, `community.personal`).

These tests commit for real (``transaction=True``): pages are only kept between committed data versions.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alliance87.bodies.models import Role, RoleTerm
from alliance87.community import services as community_services
from alliance87.community.models import Profile, Space, Visibility
from alliance87.home.tests.conftest import HEADER, own_tokens_only, page_tokens
from alliance87.meetings import services as meeting_services
from alliance87.meetings.models import Event, EventKind
from alliance87.news import services as news_services
from alliance87.news.models import PostStatus
from alliance87.partners.models import OrganisationMembership
from conftest import make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def people(partnership):
    """The partnership's member and twin, each with a community handle (a first read of a discussion gives one:
    a change of data, made here rather than between two requests of a test)."""
    for person in (partnership.member, partnership.twin):
        community_services.profile_for(person)
    return partnership


def _event(world, *, in_days: int = 10, **extra) -> Event:
    start = timezone.now() + datetime.timedelta(days=in_days)
    return Event.objects.create(
        title=extra.pop("title", "Partners' meeting"),
        slug=extra.pop("slug", "partners-meeting"),
        kind=EventKind.WORKSHOP,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        owner_body=extra.pop("owner_body", world.gcg),
        is_open=True,
        **extra,
    )


def test_on_an_event_page_each_person_sees_their_own_registration_and_token(people, signed_in):
    world = people
    event = _event(world, capacity=10)
    meeting_services.register(event=event, user=world.member)
    member, twin = signed_in(world.member), signed_in(world.twin)
    path = event.get_absolute_url()

    first = twin.get(path)
    assert first.headers.get(HEADER) == "miss"
    theirs = first.content.decode()
    assert "Your registration:" not in theirs and "Participants" not in theirs
    assert f'action="/events/{event.slug}/register/"' in theirs

    served = member.get(path)
    assert served.headers.get(HEADER) == "hit"  # the twin's audience: the same page, the member's parts
    mine = served.content.decode()
    assert "Your registration:" in mine and "Cancel my registration" in mine
    assert "Participants" in mine and "Mireille Membrane" in mine  # the list registered people may see
    assert f'action="/events/{event.slug}/register/"' not in mine
    assert "\x00" not in mine and own_tokens_only(member, mine)

    again = twin.get(path)
    assert again.headers.get(HEADER) == "hit"
    theirs = again.content.decode()
    assert "Mireille Membrane" not in theirs and "Your registration:" not in theirs
    assert own_tokens_only(twin, theirs) and not page_tokens(theirs) & page_tokens(mine)

    # Registering shows on the next request (with its message, then from the kept page of the new version).
    twin.post(f"/events/{event.slug}/register/")
    assert "You are registered." in twin.get(path).content.decode()
    page = signed_in(world.twin).get(path)  # a browser without the spent message cookie
    assert page.headers.get(HEADER) == "miss"
    assert "Your registration:" in page.content.decode() and "Tamsin Twinley" in page.content.decode()


def test_a_registered_readers_kept_event_page_reads_only_what_is_theirs_each_time(people, signed_in):
    """Served again, a kept event page asks the database for the session, the person, the data version and the
    header's notification count: their registration, the event and the participant list are kept per data
    version. Any change (a place freed by someone else) still shows on their next request."""
    world = people
    event = _event(world, capacity=1)
    meeting_services.register(event=event, user=world.twin)
    meeting_services.register(event=event, user=world.member)  # no place left: the waiting list
    member, twin = signed_in(world.member), signed_in(world.twin)
    path = event.get_absolute_url()
    twin.get(path)
    member.get(path)

    with CaptureQueriesContext(connection) as queries:
        page = member.get(path)
    assert page.headers.get(HEADER) == "hit"
    text = page.content.decode()
    assert (
        "(place 1 in the queue)" in text
        and "Cancel my registration" in text
        and own_tokens_only(member, text)
    )
    assert "Tamsin Twinley" not in text  # the participant list is for those who hold a place
    assert len(queries) == 4, "\n".join(query["sql"] for query in queries)

    twin.post(f"/events/{event.slug}/unregister/")  # the twin's place goes to the member
    page = member.get(path)
    text = page.content.decode()
    assert page.headers.get(HEADER) == "miss"  # a new data version
    assert "in the queue" not in text and 'badge-status">Registered<' in text and "Mireille Membrane" in text
    with CaptureQueriesContext(connection) as queries:
        assert "Mireille Membrane" in member.get(path).content.decode()
    assert len(queries) == 4, "\n".join(query["sql"] for query in queries)


def test_a_chair_sees_the_meeting_record_controls_a_member_does_not(people, signed_in):
    world = people
    RoleTerm.objects.create(
        body=world.supply_chains,
        role=Role.MEMBER,
        organisation=world.ngo,
        start_date=datetime.date(2018, 1, 1),
    )
    event = _event(
        world, in_days=-40, owner_body=world.supply_chains, slug="supply-meeting", title="Supply meeting"
    )
    decision = meeting_services.record_decision(
        event=event,
        by=world.chair,
        values=meeting_services.DecisionInput(text="Map the chains.", number="SC/9"),
    )
    action = meeting_services.add_follow_up_action(
        decision=decision,
        by=world.chair,
        values=meeting_services.FollowUpActionInput(
            description="Send the map",
            owner_person=world.twin,
            due_date=timezone.localdate() + datetime.timedelta(days=30),
        ),
    )
    chair, member, twin = signed_in(world.chair), signed_in(world.member), signed_in(world.twin)
    path = event.get_absolute_url()

    for _ in range(2):
        page = chair.get(path)
        assert "Record a decision" in page.content.decode() and "Write the minutes" in page.content.decode()
    assert page.headers.get(HEADER) == "hit"
    page = member.get(path)
    assert page.headers.get(HEADER) == "miss"  # another audience: not the chair's page
    assert (
        "Record a decision" not in page.content.decode() and "Write the minutes" not in page.content.decode()
    )
    assert "Map the chains." in page.content.decode()

    # A decision's page: the person who owns an action changes its status; their twin may not.
    decision_path = decision.get_absolute_url()
    status = f"/events/actions/{action.pk}/status/"
    assert status not in member.get(decision_path).content.decode()
    page = twin.get(decision_path)
    assert page.headers.get(HEADER) == "hit"
    assert status in page.content.decode()
    assert status not in member.get(decision_path).content.decode()


def test_a_discussion_shows_the_edit_link_and_follow_button_to_their_own_person_only(people, signed_in):
    world = people
    space = Space.objects.create(name="Introductions", slug="introductions", visibility=Visibility.PUBLIC)
    thread = community_services.create_thread(
        space=space, by=world.member, title="Hello from the NGO", body="We work on debt bondage."
    )
    post = thread.posts.get()
    third = make_user("third@example.org")  # of the same audience, who never read a discussion
    OrganisationMembership.objects.create(user=third, organisation=world.ngo)
    member, twin, reader = signed_in(world.member), signed_in(world.twin), signed_in(third)
    path = thread.get_absolute_url()
    edit = f"/community/posts/{post.pk}/edit/"

    first = twin.get(path)  # the author's own page shows their name: it is the twin's page that is kept
    assert first.headers.get(HEADER) == "miss"
    assert edit not in first.content.decode() and "Follow this discussion" in first.content.decode()
    served = member.get(path)
    assert served.headers.get(HEADER) == "hit"
    mine = served.content.decode()
    assert edit in mine and "Stop following" in mine and own_tokens_only(member, mine)
    again = twin.get(path).content.decode()
    assert edit not in again and "Stop following" not in again and own_tokens_only(twin, again)
    # Whoever reads a discussion gets a handle to be @mentioned by, from a kept page too.
    assert reader.get(path).headers.get(HEADER) == "hit"
    assert Profile.objects.filter(user=third).exists()

    # A reply shows on the next request, for everyone of the audience; its author gets its "Edit" link.
    twin.post(f"/community/discussions/{thread.pk}/reply/", {"body": "Greetings from the twin."})
    reply = thread.posts.latest("pk")
    twin.get(path)  # the message "Your reply has been posted."
    page = member.get(path).content.decode()
    assert "Greetings from the twin." in page
    assert f"/community/posts/{reply.pk}/edit/" not in page and edit in page
    assert f"/community/posts/{reply.pk}/edit/" in twin.get(path).content.decode()


def test_publishing_a_post_shows_on_the_next_request_and_only_writers_get_the_edit_link(people, signed_in):
    world = people
    post = news_services.create_post(
        by=world.secretariat,
        values=news_services.PostInput(
            title="Partners meet in Geneva", summary="Summary", body="Body", language="en"
        ),
    )
    path = post.get_absolute_url()
    # Another officer of the Secretariat: the author's own page names them, so it is rendered for them alone.
    editor = make_user("editor@example.org", is_secretariat=True, full_name="Edith Editor")
    member, secretariat = signed_in(world.member), signed_in(editor)
    assert member.get(path).status_code == 404
    for _ in range(2):
        page = secretariat.get(path)
        assert f"/news/{post.slug}/edit/" in page.content.decode()
    assert page.headers.get(HEADER) == "hit"

    news_services.update_post(
        post=post, by=world.secretariat, values=news_services.PostInput(status=PostStatus.PUBLISHED)
    )
    for _ in range(2):
        page = member.get(path)
        assert page.status_code == 200 and "Partners meet in Geneva" in page.content.decode()
        assert f"/news/{post.slug}/edit/" not in page.content.decode()
    assert page.headers.get(HEADER) == "hit"


def test_a_visitor_never_gets_a_signed_in_event_news_or_community_page(people, visitors_never_get):
    world = people
    event = _event(world)
    meeting_services.register(event=event, user=world.member)
    space = Space.objects.create(name="Introductions", slug="introductions", visibility=Visibility.PUBLIC)
    thread = community_services.create_thread(space=space, by=world.member, title="Hello", body="Text")
    post = news_services.create_post(
        by=world.secretariat,
        values=news_services.PostInput(
            title="Published news", summary="S", body="B", language="en", status=PostStatus.PUBLISHED
        ),
    )
    paths = [
        event.get_absolute_url(),
        "/events/decisions/",
        post.get_absolute_url(),
        "/community/",
        space.get_absolute_url(),
        thread.get_absolute_url(),
    ]
    visitors_never_get(world.twin, paths)
    assert "Sign in to register" in Client().get(event.get_absolute_url()).content.decode()
