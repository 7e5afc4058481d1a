"""Changes in the community of practice: discussions, replies with @mentions, follows, comments on library
items, moderation with its log, reports, and direct messages between partners.

Every function takes keyword arguments, runs in one transaction, checks who is acting and refuses with a
message a person can read.
"""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alliance87.accounts.models import User
from alliance87.accounts.types import signed_in
from alliance87.core.slugs import unique_slug

from . import permissions
from .models import (
    DirectMessage,
    Follow,
    ItemComment,
    Mention,
    ModerationAction,
    ModerationLog,
    NotificationKind,
    Post,
    Profile,
    Report,
    Space,
    Thread,
)
from .notifications import notify

if TYPE_CHECKING:
    from alliance87.library.models import Item

#: How many direct messages one person may send in an hour; more looks like spam and is refused.
MESSAGES_PER_HOUR = 20
MAX_BODY_LENGTH = 20_000

#: "@handle" not preceded by a word character, a dot or another "@" (so e-mail addresses are not mentions).
MENTION = re.compile(r"(?<![\w.@/])@([a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?)", re.IGNORECASE)


# --- profiles and mentions ---------------------------------------------------------------------------------


def _free_handle(user: User) -> str:
    """A free handle from the person's name; never from their e-mail address, which others must not learn."""
    name = user.full_name or user.get_full_name()
    return unique_slug(Profile, name, max_length=50, fallback=f"member-{user.pk}", field="handle")


def profile_for(user: User) -> Profile:
    """The person's community profile, created with a unique handle the first time it is needed."""
    try:
        return user.community_profile
    except Profile.DoesNotExist:
        pass
    handle = _free_handle(user)
    try:
        with transaction.atomic():
            return Profile.objects.create(user=user, handle=handle, is_demo=user.is_demo)
    except IntegrityError:  # created meanwhile by another request
        return Profile.objects.get(user=user)


def ensure_profiles() -> None:
    """Give a handle to everyone who has none yet, so that anyone can be mentioned."""
    for user in User.objects.filter(community_profile__isnull=True, is_active=True).order_by("pk"):
        profile_for(user)


def mentioned_users(body: str) -> list[User]:
    handles = {match.lower() for match in MENTION.findall(body or "")}
    if not handles:
        return []
    found = Profile.objects.filter(handle__in=handles).select_related("user")
    if len(found) < len(handles):
        ensure_profiles()
        found = Profile.objects.filter(handle__in=handles).select_related("user")
    return [profile.user for profile in found if profile.user.is_active]


def _record_mentions(post: Post, *, by: User) -> set[int]:
    """Mention and notify the people named in the post who may read it; returns their ids."""
    thread = post.thread
    already = set(Mention.objects.filter(post=post).values_list("user_id", flat=True))
    readers = [
        user
        for user in mentioned_users(post.body)
        if user.pk != by.pk and user.pk not in already and permissions.can_read_thread(user, thread)
    ]
    Mention.objects.bulk_create([Mention(post=post, user=user, is_demo=post.is_demo) for user in readers])
    author = profile_for(by)
    notify(
        users=readers,
        kind=NotificationKind.MENTION,
        text=lambda: (
            _("@%(handle)s mentioned you in “%(title)s”") % {"handle": author.handle, "title": thread.title}
        ),
        link=post.get_absolute_url(),
        is_demo=post.is_demo,
    )
    return {user.pk for user in readers}


# --- discussions -------------------------------------------------------------------------------------------


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write a message.")})
    if len(body) > MAX_BODY_LENGTH:
        raise ValidationError(
            {"body": _("Keep the message under %(limit)s characters.") % {"limit": MAX_BODY_LENGTH}}
        )
    return body


def _follow(thread: Thread, user: User) -> None:
    Follow.objects.get_or_create(thread=thread, user=user, defaults={"is_demo": thread.is_demo})


@transaction.atomic
def create_thread(*, space: Space, by: User, title: str, body: str, is_demo: bool = False) -> Thread:
    """Open a discussion with its first post; its author follows it."""
    if not permissions.can_write_in_space(by, space):
        raise PermissionDenied(_("You may not start a discussion in this space."))
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Give the discussion a title.")})
    body = _clean_body(body)
    thread = Thread.objects.create(
        space=space, title=title[:200], author=by, last_activity_at=timezone.now(), is_demo=is_demo
    )
    post = Post.objects.create(thread=thread, author=by, body=body, is_demo=is_demo)
    _follow(thread, by)
    _record_mentions(post, by=by)
    return thread


@transaction.atomic
def reply(*, thread: Thread, by: User, body: str, is_demo: bool = False) -> Post:
    """Add a post; the author follows the thread, mentioned people and followers are notified."""
    thread = Thread.objects.select_for_update().select_related("space").get(pk=thread.pk)
    if not permissions.can_read_thread(by, thread) or not permissions.can_write_in_space(by, thread.space):
        raise PermissionDenied(_("You may not reply in this discussion."))
    if thread.is_locked:
        raise ValidationError(_("This discussion is locked: it takes no new replies."))
    if thread.is_hidden:
        raise ValidationError(_("This discussion has been hidden by a moderator: it takes no new replies."))
    post = Post.objects.create(thread=thread, author=by, body=_clean_body(body), is_demo=is_demo)
    thread.last_activity_at = post.created_at
    thread.save(update_fields=["last_activity_at", "updated_at"])
    _follow(thread, by)
    mentioned = _record_mentions(post, by=by)
    followers = [
        follow.user
        for follow in thread.follows.select_related("user").exclude(user=by).exclude(user_id__in=mentioned)
        if permissions.can_read_thread(follow.user, thread)
    ]
    author = profile_for(by)
    notify(
        users=followers,
        kind=NotificationKind.REPLY,
        text=lambda: (
            _("@%(handle)s replied in “%(title)s”") % {"handle": author.handle, "title": thread.title}
        ),
        link=post.get_absolute_url(),
        is_demo=is_demo,
    )
    return post


@transaction.atomic
def edit_post(*, post: Post, by: User, body: str) -> Post:
    """Change a post's text (its author while the discussion is open, or a moderator); new mentions notify."""
    if not permissions.can_edit_post(by, post):
        raise PermissionDenied(_("You may not edit this post."))
    post.body = _clean_body(body)
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "edited_at", "updated_at"])
    _record_mentions(post, by=by)
    return post


@transaction.atomic
def follow(*, thread: Thread, by: User) -> None:
    if not signed_in(by) or not permissions.can_read_thread(by, thread):
        raise PermissionDenied(_("You may not follow this discussion."))
    _follow(thread, by)


@transaction.atomic
def unfollow(*, thread: Thread, by: User) -> None:
    Follow.objects.filter(thread=thread, user=by).delete()


# --- moderation --------------------------------------------------------------------------------------------


def _check_moderator(by: User, space: Space) -> None:
    if not permissions.can_moderate_space(by, space):
        raise PermissionDenied(_("Only the Secretariat and the chairs of this space's body moderate it."))


def _log(by: User, action: ModerationAction, reason: str, **target: object) -> ModerationLog:
    return ModerationLog.objects.create(moderator=by, action=action, reason=(reason or "").strip(), **target)


@transaction.atomic
def set_post_hidden(*, post: Post, by: User, hidden: bool, reason: str = "") -> Post:
    """Hide a post from readers (or show it again); logged with the reason, open reports are resolved."""
    _check_moderator(by, post.thread.space)
    if hidden and not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the post is hidden; the log keeps the reason.")})
    post.is_hidden = hidden
    post.save(update_fields=["is_hidden", "updated_at"])
    _log(by, ModerationAction.HIDE_POST if hidden else ModerationAction.UNHIDE_POST, reason, post=post)
    if hidden:
        post.reports.filter(resolved_at__isnull=True).update(resolved_at=timezone.now(), resolved_by=by)
    return post


@transaction.atomic
def set_thread_hidden(*, thread: Thread, by: User, hidden: bool, reason: str = "") -> Thread:
    _check_moderator(by, thread.space)
    if hidden and not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the discussion is hidden; the log keeps the reason.")})
    thread.is_hidden = hidden
    thread.save(update_fields=["is_hidden", "updated_at"])
    action = ModerationAction.HIDE_THREAD if hidden else ModerationAction.UNHIDE_THREAD
    _log(by, action, reason, thread=thread)
    return thread


@transaction.atomic
def set_thread_locked(*, thread: Thread, by: User, locked: bool, reason: str = "") -> Thread:
    """Lock a discussion (no new replies) or open it again; logged."""
    _check_moderator(by, thread.space)
    thread.is_locked = locked
    thread.save(update_fields=["is_locked", "updated_at"])
    _log(by, ModerationAction.LOCK if locked else ModerationAction.UNLOCK, reason, thread=thread)
    return thread


@transaction.atomic
def report_post(*, post: Post, by: User, reason: str) -> Report:
    """Ask the moderators to look at a post; each of them is notified."""
    from .selectors import moderators_of

    if not signed_in(by) or not permissions.can_read_thread(by, post.thread):
        raise PermissionDenied(_("You may not report this post."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say what is wrong with the post.")})
    if Report.objects.filter(post=post, reported_by=by, resolved_at__isnull=True).exists():
        raise ValidationError(_("You have already reported this post; a moderator will look at it."))
    report = Report.objects.create(post=post, reported_by=by, reason=reason[:2000])
    title = post.thread.title
    notify(
        users=[user for user in moderators_of(post.thread.space) if user.pk != by.pk],
        kind=NotificationKind.REPORT,
        text=lambda: _("A post in “%(title)s” was reported") % {"title": title},
        link=post.get_absolute_url(),
    )
    return report


@transaction.atomic
def dismiss_report(*, report: Report, by: User, reason: str = "") -> Report:
    """Close a report without hiding the post; logged."""
    _check_moderator(by, report.post.thread.space)
    report.resolved_at = timezone.now()
    report.resolved_by = by
    report.save(update_fields=["resolved_at", "resolved_by", "updated_at"])
    _log(by, ModerationAction.DISMISS_REPORT, reason, post=report.post)
    return report


# --- comments on library items -----------------------------------------------------------------------------


@transaction.atomic
def comment_on_item(*, item: Item, by: User, body: str, is_demo: bool = False) -> ItemComment:
    """Comment on a library item; whoever added the item is told, if they may still see it."""
    if not permissions.can_comment_on_item(by, item):
        raise PermissionDenied(_("You may not comment on this item."))
    comment = ItemComment.objects.create(item=item, author=by, body=_clean_body(body), is_demo=is_demo)
    creator = item.created_by
    if creator and creator.pk != by.pk and permissions.can_view_item(creator, item):
        author = profile_for(by)
        notify(
            users=[creator],
            kind=NotificationKind.COMMENT,
            text=lambda: (
                _("@%(handle)s commented on “%(title)s”") % {"handle": author.handle, "title": item.title}
            ),
            link=f"{item.get_absolute_url()}#comment-{comment.pk}",
            is_demo=is_demo,
        )
    return comment


@transaction.atomic
def set_comment_hidden(*, comment: ItemComment, by: User, hidden: bool, reason: str = "") -> ItemComment:
    if not permissions.can_moderate_comment(by, comment):
        raise PermissionDenied(_("You may not moderate this comment."))
    comment.is_hidden = hidden
    comment.save(update_fields=["is_hidden", "updated_at"])
    action = ModerationAction.HIDE_COMMENT if hidden else ModerationAction.UNHIDE_COMMENT
    _log(by, action, reason, comment=comment)
    return comment


# --- direct messages ---------------------------------------------------------------------------------------


@transaction.atomic
def send_message(
    *,
    sender: User,
    recipient: User,
    subject: str,
    body: str,
    reply_to: DirectMessage | None = None,
    is_demo: bool = False,
) -> DirectMessage:
    """Send a partner a message; they are e-mailed a link to read it here, without the sender's address."""
    from alliance87.core.emails import queue_email

    if not permissions.can_send_messages(sender):
        raise PermissionDenied(_("Only people of partner organisations send messages."))
    if recipient.pk == sender.pk:
        raise ValidationError({"recipient": _("You cannot send a message to yourself.")})
    if not permissions.can_receive_messages(recipient):
        raise ValidationError({"recipient": _("This person cannot receive messages.")})
    if reply_to is not None and sender.pk not in (reply_to.sender_id, reply_to.recipient_id):
        raise PermissionDenied(_("You may not reply to this message."))
    since = timezone.now() - datetime.timedelta(hours=1)
    if DirectMessage.objects.filter(sender=sender, created_at__gte=since).count() >= MESSAGES_PER_HOUR:
        raise ValidationError(
            _(
                "You have sent %(limit)s messages in the last hour, the most allowed. "
                "Please wait a while before sending more."
            )
            % {"limit": MESSAGES_PER_HOUR}
        )
    subject = (subject or "").strip()
    if not subject:
        raise ValidationError({"subject": _("Give the message a subject.")})
    message = DirectMessage.objects.create(
        sender=sender,
        recipient=recipient,
        subject=subject[:200],
        body=_clean_body(body),
        reply_to=reply_to,
        is_demo=is_demo,
    )
    queue_email(
        template="community/email/message",
        to=[recipient.email],
        context={"message": message, "sender_name": public_name(sender), "recipient": recipient},
        language=recipient.preferred_language,
    )
    return message


@transaction.atomic
def mark_message_read(*, message: DirectMessage, by: User) -> None:
    if message.recipient_id == by.pk and message.read_at is None:
        message.read_at = timezone.now()
        message.save(update_fields=["read_at"])


def public_name(user: User | None) -> str:
    """How a person is named to others in the community: their name, else their handle; never an address."""
    if user is None:
        return _("a former member")
    name = user.full_name or user.get_full_name()
    return name or f"@{profile_for(user).handle}"
