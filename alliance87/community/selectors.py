"""Reads of the community of practice, filtered by what the person may read, with related rows fetched."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import Count, Max, Q, QuerySet

from alliance87.accounts.models import User
from alliance87.accounts.roles import is_secretariat
from alliance87.accounts.types import Person, signed_in
from alliance87.bodies.models import RoleTerm
from alliance87.bodies.permissions import chaired_body_ids

from . import permissions
from .models import (
    DigestFrequency,
    DirectMessage,
    Follow,
    ItemComment,
    ModerationLog,
    Notification,
    NotificationPreference,
    Post,
    Report,
    Space,
    Thread,
)

if TYPE_CHECKING:
    from alliance87.library.models import Item

AUTHOR = ("author", "author__community_profile")


def readable_spaces(user: Person) -> QuerySet[Space]:
    return Space.objects.filter(permissions.readable_spaces_filter(user))


def spaces_overview(user: Person) -> QuerySet[Space]:
    """The spaces this person may read, with how many visible discussions each has and when it last moved."""
    visible = Q(threads__is_hidden=False)
    return (
        readable_spaces(user)
        .select_related("body", "country")
        .annotate(
            thread_count=Count("threads", filter=visible),
            last_activity_at=Max("threads__last_activity_at", filter=visible),
        )
        .order_by("position", "name")
    )


def space_detail(slug: str, user: Person) -> Space:
    """The space, or Space.DoesNotExist when it does not exist or this person may not read it."""
    return readable_spaces(user).select_related("body", "country").get(slug=slug)


def threads_of(space: Space, user: Person) -> QuerySet[Thread]:
    """A space's discussions, most recently active first; hidden ones only for its moderators."""
    threads = space.threads.select_related(*AUTHOR).annotate(post_count=Count("posts"))
    if not permissions.can_moderate_space(user, space):
        threads = threads.filter(is_hidden=False)
    return threads.order_by("-last_activity_at", "-pk")


def thread_detail(pk: int, user: Person) -> Thread:
    """The discussion with its space, or Thread.DoesNotExist when this person may not read it."""
    thread = Thread.objects.select_related("space", "space__body", "space__country", *AUTHOR).get(
        pk=pk, space__in=readable_spaces(user)
    )
    if thread.is_hidden and not permissions.can_moderate_space(user, thread.space):
        raise Thread.DoesNotExist
    return thread


def posts_of(thread: Thread) -> QuerySet[Post]:
    return thread.posts.select_related(*AUTHOR).order_by("created_at", "pk")


def is_following(thread: Thread, user: Person) -> bool:
    return signed_in(user) and Follow.objects.filter(thread=thread, user=user).exists()


def search_discussions(user: Person, query: str) -> QuerySet[Thread]:
    """Visible discussions whose title or a visible post contains the words (every word must appear)."""
    threads = Thread.objects.filter(space__in=readable_spaces(user), is_hidden=False)
    words = query.split()[:8]
    if not words:
        return threads.none()
    for word in words:
        threads = threads.filter(
            Q(title__icontains=word) | Q(posts__body__icontains=word, posts__is_hidden=False)
        )
    return (
        Thread.objects.filter(pk__in=threads.values("pk"))
        .select_related("space", *AUTHOR)
        .order_by("-last_activity_at", "-pk")
    )


def item_comments(item: Item, user: Person) -> list[ItemComment]:
    """Comments on a library item, oldest first; hidden ones only for those who moderate them."""
    comments = (
        ItemComment.objects.filter(item=item).select_related(*AUTHOR, "item").order_by("created_at", "pk")
    )
    if not _moderates_item(user, item):
        comments = comments.filter(is_hidden=False)
    return list(comments)


def _moderates_item(user: Person, item: Item) -> bool:
    return is_secretariat(user) or bool(item.access_body_id and item.access_body_id in chaired_body_ids(user))


def notifications_for(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user).order_by("-created_at", "-pk")


def unread_notification_count(user: Person) -> int:
    if not signed_in(user):
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def moderators_of(space: Space) -> list[User]:
    """The Secretariat and the current chairs of the space's body (and of its Action Group)."""
    query = Q(is_secretariat=True) | Q(is_superuser=True)
    if space.body_id:
        body_ids = [space.body_id] + ([space.body.parent_id] if space.body and space.body.parent_id else [])
        terms = RoleTerm.objects.current().chairing().filter(body_id__in=body_ids)
        query |= Q(pk__in=terms.filter(representative__isnull=False).values("representative_id"))
        query |= Q(
            organisation_memberships__is_focal_point=True,
            organisation_memberships__organisation_id__in=terms.values("organisation_id"),
        )
    return list(User.objects.filter(query, is_active=True).distinct())


def open_reports_for(user: Person) -> QuerySet[Report]:
    """Reports waiting for this moderator: all for the Secretariat, their bodies' spaces for chairs."""
    reports = Report.objects.filter(resolved_at__isnull=True).select_related(
        "post", "post__thread", "post__thread__space", "reported_by", *(f"post__{f}" for f in AUTHOR)
    )
    if not is_secretariat(user):
        reports = reports.filter(post__thread__space__body_id__in=chaired_body_ids(user))
    return reports.order_by("created_at")


def moderation_log_for(user: Person) -> QuerySet[ModerationLog]:
    log = ModerationLog.objects.select_related("moderator", "thread", "post__thread", "comment__item")
    if not is_secretariat(user):
        body_ids = chaired_body_ids(user)
        log = log.filter(
            Q(thread__space__body_id__in=body_ids)
            | Q(post__thread__space__body_id__in=body_ids)
            | Q(comment__item__access_body_id__in=body_ids)
        )
    return log.order_by("-created_at", "-pk")


def inbox(user: User) -> QuerySet[DirectMessage]:
    return DirectMessage.objects.filter(recipient=user).select_related("sender", "sender__community_profile")


def sent_messages(user: User) -> QuerySet[DirectMessage]:
    return DirectMessage.objects.filter(sender=user).select_related(
        "recipient", "recipient__community_profile"
    )


def message_detail(pk: int, user: Person) -> DirectMessage:
    """A message its sender or recipient may read; DirectMessage.DoesNotExist for anyone else."""
    return (
        DirectMessage.objects.select_related(
            "sender", "sender__community_profile", "recipient", "recipient__community_profile"
        )
        .filter(Q(sender=user) | Q(recipient=user))
        .get(pk=pk)
    )


def message_recipient(pk: int) -> User:
    """Someone who may receive messages (User.DoesNotExist otherwise)."""
    user = User.objects.select_related("community_profile").get(pk=pk, is_active=True)
    if not permissions.can_receive_messages(user):
        raise User.DoesNotExist
    return user


def email_refused(user_ids: Iterable[int]) -> set[int]:
    """Of these people, those who chose never to be e-mailed notifications (only to read them on the platform)."""
    return set(
        NotificationPreference.objects.filter(
            user_id__in=list(user_ids), digest=DigestFrequency.NEVER
        ).values_list("user_id", flat=True)
    )
