"""Mentions, follows and notifications, moderation, digests and direct messages, through the services."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from alliance87.community import notifications, services
from alliance87.community.models import (
    DigestFrequency,
    DirectMessage,
    Follow,
    Mention,
    ModerationAction,
    ModerationLog,
    Notification,
    NotificationKind,
    Report,
)
from alliance87.community.tasks import send_digests

from .conftest import fresh

pytestmark = pytest.mark.django_db


# --- mentions ----------------------------------------------------------------------------------------------


def test_a_mention_notifies_the_person_named(world, spaces):
    post = services.reply(
        thread=spaces.public_thread, by=world.chair, body="What do you think, @marco-member?"
    )

    assert Mention.objects.filter(post=post, user=world.member).exists()
    notification = Notification.objects.get(user=world.member, kind=NotificationKind.MENTION)
    assert notification.text == "@chidi-chair mentioned you in “Hello from the NGO”"
    assert notification.link == f"/community/discussions/{spaces.public_thread.pk}/#post-{post.pk}"


def test_a_mention_of_someone_who_cannot_read_the_space_notifies_nobody(world, spaces):
    post = services.reply(
        thread=spaces.thread, by=world.chair, body="Adding @fatima-focal and @sami-secretariat"
    )

    assert list(Mention.objects.filter(post=post).values_list("user", flat=True)) == [world.secretariat.pk]
    assert not Notification.objects.filter(user=world.focal_point).exists()
    assert Notification.objects.filter(user=world.secretariat, kind=NotificationKind.MENTION).count() == 1


def test_e_mail_addresses_and_unknown_handles_are_not_mentions(world, spaces):
    post = services.reply(
        thread=spaces.public_thread, by=world.chair, body="Write to member@example.org or @nobody-here"
    )

    assert not post.mentions.exists()


def test_people_without_a_handle_yet_can_be_mentioned(world, spaces):
    world.other_chair.full_name = "Ines Iom"
    world.other_chair.save()

    services.reply(thread=spaces.public_thread, by=world.chair, body="@ines-iom, welcome")

    assert Notification.objects.filter(user=world.other_chair, kind=NotificationKind.MENTION).exists()


def test_handles_are_unique_and_never_made_from_e_mail_addresses(world):
    world.focal_point.full_name = "Fatima Focal"
    world.focal_point.save()
    world.outsider.full_name = "Fatima Focal"
    world.outsider.save()
    world.admin.full_name = ""
    world.admin.save()

    assert services.profile_for(world.focal_point).handle == "fatima-focal"
    assert services.profile_for(world.outsider).handle == "fatima-focal-2"
    assert services.profile_for(world.admin).handle == f"member-{world.admin.pk}"


# --- follows and notifications -----------------------------------------------------------------------------


def test_authors_and_repliers_follow_and_followers_hear_of_replies(world, spaces):
    services.reply(thread=spaces.public_thread, by=world.chair, body="Welcome!")
    services.reply(thread=spaces.public_thread, by=world.member, body="Thanks!")

    assert set(Follow.objects.filter(thread=spaces.public_thread).values_list("user", flat=True)) == {
        world.focal_point.pk,
        world.chair.pk,
        world.member.pk,
    }
    assert Notification.objects.filter(user=world.focal_point, kind=NotificationKind.REPLY).count() == 2
    assert Notification.objects.filter(user=world.chair, kind=NotificationKind.REPLY).count() == 1
    assert not Notification.objects.filter(user=world.member).exists()


def test_an_unfollower_hears_nothing_more(world, spaces):
    services.unfollow(thread=spaces.public_thread, by=world.focal_point)

    services.reply(thread=spaces.public_thread, by=world.chair, body="Welcome!")

    assert not Notification.objects.filter(user=world.focal_point).exists()


def test_a_mentioned_follower_gets_one_notification_not_two(world, spaces):
    services.reply(thread=spaces.public_thread, by=world.chair, body="@fatima-focal welcome")

    assert Notification.objects.filter(user=world.focal_point).count() == 1


def test_marking_read_touches_only_ones_own_notifications(world, spaces):
    services.reply(thread=spaces.public_thread, by=world.chair, body="@fatima-focal @marco-member hi")

    assert notifications.mark_read(user=world.member) == 1

    assert notifications.unread(world.focal_point).count() == 1
    assert notifications.unread(world.member).count() == 0


# --- e-mail: immediately, daily, weekly --------------------------------------------------------------------


def test_immediately_sends_one_e_mail_per_notification(world, spaces):
    notifications.set_digest(user=world.member, digest=DigestFrequency.IMMEDIATELY)

    services.reply(thread=spaces.public_thread, by=world.chair, body="@marco-member look")

    assert [m.to for m in mail.outbox] == [[world.member.email]]
    assert "mentioned you" in mail.outbox[0].subject
    assert f"/community/discussions/{spaces.public_thread.pk}/#post-" in mail.outbox[0].body


def test_daily_digest_is_one_e_mail_and_running_it_twice_sends_nothing_new(world, spaces):
    services.reply(thread=spaces.public_thread, by=world.chair, body="First, @marco-member")
    services.reply(thread=spaces.public_thread, by=world.chair, body="Second")
    mail.outbox.clear()

    send_digests.enqueue("daily")
    send_digests.enqueue("daily")

    focal = [m for m in mail.outbox if m.to == [world.focal_point.email]]
    assert len(focal) == 1
    assert "2 new notifications" in focal[0].subject
    assert "chidi-chair replied" in focal[0].body
    assert len([m for m in mail.outbox if m.to == [world.member.email]]) == 1


def test_the_next_digest_holds_only_what_arrived_since_the_last(world, spaces):
    services.reply(thread=spaces.public_thread, by=world.chair, body="First")
    notifications.send_digests_now("daily")
    mail.outbox.clear()

    services.reply(thread=spaces.public_thread, by=world.member, body="Second")
    notifications.send_digests_now("daily")

    (digest,) = [m for m in mail.outbox if m.to == [world.focal_point.email]]
    assert "1 new notification" in digest.subject
    assert "marco-member replied" in digest.body
    assert "chidi-chair" not in digest.body


def test_weekly_and_never_people_are_left_out_of_the_daily_digest(world, spaces):
    notifications.set_digest(user=world.focal_point, digest=DigestFrequency.WEEKLY)
    notifications.set_digest(user=world.chair, digest=DigestFrequency.NEVER)
    services.reply(thread=spaces.public_thread, by=world.member, body="Hello")
    mail.outbox.clear()

    notifications.send_digests_now("daily")
    assert not mail.outbox

    call_command("send_digests", "weekly", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [m.to for m in mail.outbox] == [[world.focal_point.email]]


def test_read_notifications_are_not_e_mailed_in_a_digest(world, spaces):
    services.reply(thread=spaces.public_thread, by=world.chair, body="Hello")
    notifications.mark_read(user=world.focal_point)
    mail.outbox.clear()

    notifications.send_digests_now("daily")

    assert not mail.outbox


# --- moderation --------------------------------------------------------------------------------------------


def test_a_locked_thread_refuses_replies(world, spaces):
    services.set_thread_locked(thread=spaces.thread, by=world.chair, locked=True, reason="Decided")

    with pytest.raises(ValidationError, match="locked"):
        services.reply(thread=spaces.thread, by=world.secretariat, body="One more thing")
    assert ModerationLog.objects.get().action == ModerationAction.LOCK


def test_chairs_moderate_their_bodys_spaces_only(world, spaces):
    with pytest.raises(PermissionDenied):
        services.set_thread_locked(thread=spaces.public_thread, by=world.chair, locked=True)
    with pytest.raises(PermissionDenied):
        services.set_thread_locked(thread=spaces.thread, by=world.other_chair, locked=True)
    services.set_thread_locked(thread=spaces.public_thread, by=world.secretariat, locked=True)


def test_hiding_a_post_needs_a_reason_is_logged_and_resolves_its_reports(world, spaces):
    post = spaces.public_thread.posts.get()
    report = services.report_post(post=post, by=fresh(world.member), reason="Spam")

    with pytest.raises(ValidationError):
        services.set_post_hidden(post=post, by=world.secretariat, hidden=True)
    services.set_post_hidden(post=post, by=world.secretariat, hidden=True, reason="Spam, confirmed")

    report.refresh_from_db()
    assert report.resolved_by == world.secretariat
    entry = ModerationLog.objects.get()
    assert (entry.moderator, entry.action, entry.post, entry.reason) == (
        world.secretariat,
        ModerationAction.HIDE_POST,
        post,
        "Spam, confirmed",
    )


def test_a_report_notifies_the_moderators(world, spaces):
    post = services.reply(thread=spaces.thread, by=world.chair, body="Text")

    services.report_post(post=post, by=world.secretariat, reason="Off topic")

    assert Report.objects.filter(post=post).count() == 1
    assert Notification.objects.filter(user=world.chair, kind=NotificationKind.REPORT).exists()
    assert Notification.objects.filter(user=world.admin, kind=NotificationKind.REPORT).exists()
    assert not Notification.objects.filter(user=world.secretariat, kind=NotificationKind.REPORT).exists()


def test_authors_edit_their_own_posts_but_not_others_nor_in_a_locked_thread(world, spaces):
    post = spaces.public_thread.posts.get()
    services.edit_post(post=post, by=world.focal_point, body="Corrected")
    assert post.edited_at is not None

    with pytest.raises(PermissionDenied):
        services.edit_post(post=post, by=world.member, body="Not mine")
    services.set_thread_locked(thread=spaces.public_thread, by=world.secretariat, locked=True)
    post.thread.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.edit_post(post=post, by=world.focal_point, body="Again")


# --- direct messages ---------------------------------------------------------------------------------------


def test_a_message_e_mails_a_link_and_not_the_senders_address(world, spaces):
    message = services.send_message(
        sender=world.focal_point, recipient=world.chair, subject="Cotton", body="Shall we talk?"
    )

    (email,) = mail.outbox
    assert email.to == [world.chair.email]
    assert "Fatima Focal" in email.subject
    assert f"/community/messages/{message.pk}/" in email.body
    assert world.focal_point.email not in email.body + email.subject + str(email.reply_to) + str(
        email.extra_headers
    )


def test_messages_are_limited_to_twenty_an_hour(world):
    for i in range(services.MESSAGES_PER_HOUR):
        services.send_message(sender=world.focal_point, recipient=world.chair, subject=f"#{i}", body="x")

    with pytest.raises(ValidationError, match="20 messages in the last hour"):
        services.send_message(sender=world.focal_point, recipient=world.chair, subject="one more", body="x")

    DirectMessage.objects.update(created_at=timezone.now() - datetime.timedelta(hours=2))
    services.send_message(sender=world.focal_point, recipient=world.chair, subject="later", body="x")


def test_people_outside_the_partnership_neither_send_nor_receive_messages(world):
    with pytest.raises(PermissionDenied):
        services.send_message(sender=world.outsider, recipient=world.chair, subject="Hi", body="x")
    with pytest.raises(ValidationError):
        services.send_message(sender=world.chair, recipient=world.outsider, subject="Hi", body="x")
    with pytest.raises(ValidationError):
        services.send_message(sender=world.chair, recipient=world.chair, subject="Hi", body="x")


# --- comments on library items -----------------------------------------------------------------------------


def test_comments_follow_the_items_visibility(world, spaces):
    from alliance87.library.models import Access
    from alliance87.library.tests.factories import make_item

    item = make_item(access=Access.BODY, access_body=world.supply_chains, created_by=world.chair)

    with pytest.raises(PermissionDenied):
        services.comment_on_item(item=item, by=world.member, body="Interesting")
    services.comment_on_item(item=item, by=world.secretariat, body="Interesting")
    assert Notification.objects.filter(user=world.chair, kind=NotificationKind.COMMENT).exists()
