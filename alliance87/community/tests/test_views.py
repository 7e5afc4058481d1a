"""Community pages: who reads which space (pages and API), who may write, moderation, messages, comments."""

from __future__ import annotations

import pytest
from django.core import mail
from django.utils import timezone

from alliance87.community import services
from alliance87.community.models import (
    DirectMessage,
    ItemComment,
    ModerationLog,
    Notification,
    Post,
    Report,
    Thread,
)
from alliance87.core.tests.helpers import assert_counted_to_a_bound

from .conftest import page_text

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "outsider", "member", "focal_point", "other_chair", "chair", "secretariat", "admin"]


def as_role(world, client_for, role):
    return client_for(None if role == "anonymous" else getattr(world, role))


# --- reading -----------------------------------------------------------------------------------------------

#: Who reads each space (besides the Secretariat and administrators, who read all).
READERS = {
    "public": set(ROLES),
    "partners": {"member", "focal_point", "other_chair", "chair", "secretariat", "admin"},
    "supply_chains": {"chair", "secretariat", "admin"},
    "fiji": {"member", "focal_point", "secretariat", "admin"},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("space_name", READERS)
def test_spaces_are_read_by_their_readers_only(world, spaces, client_for, role, space_name):
    client = as_role(world, client_for, role)
    space = getattr(spaces, space_name)

    page = client.get(space.get_absolute_url())
    api = client.get(f"/api/v1/community/spaces/{space.slug}")
    listed = space.name in page_text(client.get("/community/"))

    expected = role in READERS[space_name]
    assert (page.status_code == 200) is expected
    assert page.status_code in (200, 404)
    assert (api.status_code == 200) is expected
    assert listed is expected


@pytest.mark.parametrize("role", ["anonymous", "outsider", "member", "focal_point", "other_chair"])
def test_a_non_member_cannot_read_a_members_only_discussion(world, spaces, client_for, role):
    client = as_role(world, client_for, role)
    thread = spaces.thread

    assert client.get(thread.get_absolute_url()).status_code == 404
    assert client.get(f"/api/v1/community/threads/{thread.pk}/posts").status_code == 404
    assert "Mapping of supply chain" not in page_text(client.get("/community/?q=mapping"))


def test_search_finds_titles_and_posts_the_reader_may_see(world, spaces, client_for):
    services.reply(thread=spaces.public_thread, by=world.chair, body="Brick kilns in Nepal")

    found = page_text(client_for(None).get("/community/?q=kilns"))
    assert "Hello from the NGO" in found
    assert "Mapping of supply chain" in page_text(client_for(world.chair).get("/community/?q=supply+chain"))
    assert "No discussion you may read matches" in page_text(client_for(None).get("/community/?q=zebra"))


def test_hidden_threads_and_posts_are_gone_for_readers_but_shown_to_moderators(world, spaces, client_for):
    post = services.reply(thread=spaces.public_thread, by=world.chair, body="Rude words")
    services.set_post_hidden(post=post, by=world.secretariat, hidden=True, reason="Rude")

    reader = page_text(client_for(world.member).get(spaces.public_thread.get_absolute_url()))
    assert "Rude words" not in reader
    assert "This post has been hidden by a moderator." in reader
    moderator = page_text(client_for(world.secretariat).get(spaces.public_thread.get_absolute_url()))
    assert "Rude words" in moderator

    services.set_thread_hidden(thread=spaces.public_thread, by=world.secretariat, hidden=True, reason="Spam")
    assert client_for(world.member).get(spaces.public_thread.get_absolute_url()).status_code == 404
    assert client_for(world.secretariat).get(spaces.public_thread.get_absolute_url()).status_code == 200


# --- writing: who may do what ------------------------------------------------------------------------------


def _write(world, spaces, action):
    """A write request as (method, path, data), against the public thread or its first post."""
    thread = spaces.public_thread
    post = thread.posts.first()
    return {
        "start a discussion": ("/community/spaces/introductions/new/", {"title": "T", "body": "B"}),
        "reply": (f"/community/discussions/{thread.pk}/reply/", {"body": "A reply"}),
        "follow": (f"/community/discussions/{thread.pk}/follow/", {}),
        "lock": (f"/community/discussions/{thread.pk}/moderate/", {"action": "lock", "reason": "r"}),
        "hide a post": (f"/community/posts/{post.pk}/moderate/", {"action": "hide", "reason": "r"}),
        "edit a post": (f"/community/posts/{post.pk}/edit/", {"body": "Changed"}),
        "report a post": (f"/community/posts/{post.pk}/report/", {"reason": "Spam"}),
        "send a message": (f"/community/messages/new/?to={world.chair.pk}", {"subject": "S", "body": "B"}),
    }[action]


#: Who may do each write in the public space (its thread was started by the focal point).
WRITERS = {
    "start a discussion": {"member", "focal_point", "other_chair", "chair", "secretariat", "admin"},
    "reply": {"member", "focal_point", "other_chair", "chair", "secretariat", "admin"},
    "follow": {"outsider", "member", "focal_point", "other_chair", "chair", "secretariat", "admin"},
    "lock": {"secretariat", "admin"},
    "hide a post": {"secretariat", "admin"},
    "edit a post": {"focal_point", "secretariat", "admin"},
    "report a post": {"outsider", "member", "focal_point", "other_chair", "chair", "secretariat", "admin"},
    "send a message": {"member", "focal_point", "other_chair", "secretariat", "admin"},  # not to oneself
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", WRITERS)
def test_permission_matrix_of_the_write_views(world, spaces, client_for, role, action):
    path, data = _write(world, spaces, action)
    client = as_role(world, client_for, role)

    response = client.post(path, data)

    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    elif role in WRITERS[action]:
        assert response.status_code == 302, response.content.decode()[:500]
        assert "/accounts/login/" not in response["Location"]
    else:  # refused, or (messaging oneself) a form error
        assert response.status_code in (400, 403, 404)


def test_replying_in_a_locked_thread_is_refused_with_a_message(world, spaces, client_for):
    services.set_thread_locked(thread=spaces.public_thread, by=world.secretariat, locked=True)
    client = client_for(world.member)

    page = page_text(client.get(spaces.public_thread.get_absolute_url()))
    assert "This discussion is locked: it takes no new replies." in page
    assert "Post the reply" not in page
    response = client.post(f"/community/discussions/{spaces.public_thread.pk}/reply/", {"body": "Still?"})
    assert response.status_code == 400
    assert not Post.objects.filter(body="Still?").exists()


def test_a_reply_through_the_page_mentions_and_notifies(world, spaces, client_for):
    response = client_for(world.chair).post(
        f"/community/discussions/{spaces.public_thread.pk}/reply/", {"body": "Thanks @marco-member"}
    )

    assert response.status_code == 302
    member = client_for(world.member)
    assert "Notifications (1)" in page_text(member.get("/community/"))
    notifications = page_text(member.get("/community/notifications/"))
    assert "@chidi-chair mentioned you in “Hello from the NGO”" in notifications
    notification = Notification.objects.get(user=world.member)
    opened = member.post(f"/community/notifications/{notification.pk}/open/")
    assert opened["Location"].startswith(spaces.public_thread.get_absolute_url())
    assert "Notifications (0)" in page_text(member.get("/community/"))


def test_moderation_queue_and_log(world, spaces, client_for):
    post = spaces.public_thread.posts.get()
    client_for(world.member).post(f"/community/posts/{post.pk}/report/", {"reason": "Advertising"})
    secretariat = client_for(world.secretariat)

    queue = page_text(secretariat.get("/community/moderation/"))
    assert "Advertising" in queue
    secretariat.post(f"/community/posts/{post.pk}/moderate/", {"action": "hide", "reason": "Advert"})

    assert "No report is waiting." in page_text(secretariat.get("/community/moderation/"))
    log = page_text(secretariat.get("/community/moderation/log/"))
    assert "Sami Secretariat Hid a post Hello from the NGO Advert" in log
    assert Report.objects.get().resolved_at is not None
    assert client_for(world.member).get("/community/moderation/").status_code == 403


def test_preferences_page_shows_the_handle_and_saves_the_digest(world, spaces, client_for):
    client = client_for(world.member)

    assert "@marco-member" in page_text(client.get("/community/preferences/"))
    client.post("/community/preferences/", {"digest": "weekly"})
    assert world.member.notification_preference.digest == "weekly"


# --- direct messages ---------------------------------------------------------------------------------------


def test_the_organisation_page_offers_to_message_its_focal_points(world, client_for):
    page = client_for(world.member).get("/partners/another/").content.decode()

    assert f"/community/messages/new/?to={world.other_focal_point.pk}" in page


def test_no_page_the_sender_sees_reveals_the_recipients_e_mail_address(world, client_for):
    recipient = world.other_focal_point  # no full name: shown by handle
    sender = client_for(world.member)

    pages = [sender.get(f"/community/messages/new/?to={recipient.pk}")]
    response = sender.post(
        f"/community/messages/new/?to={recipient.pk}", {"subject": "Cotton", "body": "Shall we talk?"}
    )
    assert response.status_code == 302
    message = DirectMessage.objects.get()
    pages += [sender.get("/community/messages/sent/"), sender.get(message.get_absolute_url())]
    pages.append(sender.get("/api/v1/community/notifications"))

    for page in pages:
        assert recipient.email not in page.content.decode()
    assert "Send a message to @" in pages[0].content.decode()
    (email,) = mail.outbox
    assert world.member.email not in email.body + email.subject


def test_the_recipient_reads_and_replies_on_the_platform(world, client_for):
    message = services.send_message(
        sender=world.member, recipient=world.other_focal_point, subject="Cotton", body="Shall we talk?"
    )
    recipient = client_for(world.other_focal_point)

    assert "Cotton" in page_text(recipient.get("/community/messages/"))
    assert "Shall we talk?" in page_text(recipient.get(message.get_absolute_url()))
    response = recipient.post(
        f"/community/messages/new/?reply_to={message.pk}", {"subject": "Re: Cotton", "body": "Yes"}
    )
    assert response.status_code == 302
    reply = DirectMessage.objects.get(reply_to=message)
    assert reply.recipient == world.member
    assert client_for(world.chair).get(message.get_absolute_url()).status_code == 404


def test_the_twenty_first_message_in_an_hour_is_refused_with_a_clear_message(world, client_for):
    client = client_for(world.member)
    for i in range(services.MESSAGES_PER_HOUR):
        client.post(f"/community/messages/new/?to={world.chair.pk}", {"subject": f"#{i}", "body": "x"})

    response = client.post(f"/community/messages/new/?to={world.chair.pk}", {"subject": "more", "body": "x"})

    assert response.status_code == 400
    assert "You have sent 20 messages in the last hour" in page_text(response)
    assert DirectMessage.objects.count() == services.MESSAGES_PER_HOUR


# --- comments on library items -----------------------------------------------------------------------------


def test_library_items_show_comments_and_partners_add_them(world, client_for):
    from alliance87.library.tests.factories import make_item

    item = make_item(slug="global-estimates")
    member = client_for(world.member)

    response = member.post("/community/library/global-estimates/comments/", {"body": "Very **useful**"})
    assert response.status_code == 302
    page = member.get(item.get_absolute_url()).content.decode()
    assert "<strong>useful</strong>" in page
    assert "Add the comment" in page
    assert "Sign in to comment." in client_for(None).get(item.get_absolute_url()).content.decode()
    assert client_for(world.outsider).post(
        "/community/library/global-estimates/comments/", {"body": "x"}
    ).status_code in (403, 302)
    assert ItemComment.objects.count() == 1


def test_comments_on_a_restricted_item_are_not_reachable_by_others(world, client_for):
    from alliance87.library.models import Access
    from alliance87.library.tests.factories import make_item

    item = make_item(slug="draft", access=Access.BODY, access_body=world.supply_chains)

    assert (
        client_for(world.member).post("/community/library/draft/comments/", {"body": "x"}).status_code == 404
    )
    assert not ItemComment.objects.exists()
    assert "draft" in item.slug


# --- long lists: counted to a bound --------------------------------------------------------------------------


def _threads(world, spaces, n):
    now = timezone.now()
    Thread.objects.bulk_create(
        Thread(space=spaces.public, title=f"Kiln {i}", author=world.chair, last_activity_at=now)
        for i in range(n)
    )
    return world.secretariat, spaces.public.get_absolute_url()


def _posts(world, spaces, n):
    thread = spaces.public_thread
    Post.objects.bulk_create(Post(thread=thread, author=world.chair, body=f"Reply {i}") for i in range(n))
    return world.secretariat, thread.get_absolute_url()


def _notifications(world, spaces, n):
    Notification.objects.bulk_create(
        Notification(user=world.member, kind="reply", text=f"Reply {i}", link="/community/") for i in range(n)
    )
    return world.member, "/community/notifications/"


def _inbox(world, spaces, n):
    DirectMessage.objects.bulk_create(
        DirectMessage(sender=world.chair, recipient=world.member, subject=f"Hello {i}", body="Hi")
        for i in range(n)
    )
    return world.member, "/community/messages/"


def _sent(world, spaces, n):
    _inbox(world, spaces, n)
    return world.chair, "/community/messages/sent/"


def _moderation_log(world, spaces, n):
    ModerationLog.objects.bulk_create(
        ModerationLog(moderator=world.secretariat, action="hide_thread", thread=spaces.thread)
        for _ in range(n)
    )
    return world.secretariat, "/community/moderation/log/"


def _search(world, spaces, n):
    _threads(world, spaces, n)
    return world.secretariat, "/community/", {"q": "kiln"}


@pytest.mark.parametrize(
    "make, per_page",
    [
        (_threads, 30),
        (_posts, 50),
        (_notifications, 50),
        (_inbox, 50),
        (_sent, 50),
        (_moderation_log, 50),
        (_search, 30),
    ],
)
def test_a_long_community_list_is_counted_to_a_bound(world, spaces, client_for, monkeypatch, make, per_page):
    rows = 3 * per_page + 7
    who, url, *query = make(world, spaces, rows)
    rows += {_posts: 1}.get(make, 0)  # the thread's opening post
    client = client_for(who)

    assert_counted_to_a_bound(
        lambda **page: client.get(url, {**(query[0] if query else {}), **page}),
        monkeypatch,
        rows=rows,
        per_page=per_page,
        counted=per_page,
    )
