"""The community of practice over the API: spaces, discussions, posts and one's own notifications.

Reads take credentials optionally: a members-only or partners-only space, its discussions and posts do not
exist (404) for anyone who may not read them, on reads and writes alike. Posts are answered in Markdown as
written (``body``) and as sanitised HTML (``body_html``); hidden posts have neither.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from alliance87.accounts.api_auth import OPTIONAL_CREDENTIALS, PERSON, READER, caller, viewer
from alliance87.bodies.schemas import BodyRef
from alliance87.community import notifications, selectors, services
from alliance87.community.models import Notification, NotificationKind, Post, Space, Thread, Visibility
from alliance87.core.api.errors import AUTH_ERRORS, READ_ERRORS, READER_ERRORS, WRITE_ERRORS
from alliance87.core.api.fields import InputSchema
from alliance87.core.api.pagination import LimitOffset
from alliance87.core.text import render_markdown

router = Router(tags=["community"])


# --- schemas -----------------------------------------------------------------------------------------------


def _public_name(user: Any) -> str:
    from alliance87.community.templatetags.community_tags import public_name

    return public_name(user)


class SpaceOut(Schema):
    slug: str
    name: str
    description: str = Field(description="Markdown.")
    visibility: Visibility
    body: BodyRef | None
    country: str = Field(
        description="ISO 3166 alpha-2 code of the Pathfinder Country, if it is a country's space."
    )
    url: str

    @staticmethod
    def resolve_country(space: Space) -> str:
        return space.country.code if space.country else ""

    @staticmethod
    def resolve_url(space: Space) -> str:
        return space.get_absolute_url()


class ThreadOut(Schema):
    id: int
    space: str = Field(description="Slug of the space.")
    title: str
    author: str = Field(description="The author's public name (never an e-mail address).")
    is_locked: bool
    is_hidden: bool
    created_at: datetime.datetime
    last_activity_at: datetime.datetime
    url: str

    @staticmethod
    def resolve_space(thread: Thread) -> str:
        return thread.space.slug

    @staticmethod
    def resolve_author(thread: Thread) -> str:
        return _public_name(thread.author)

    @staticmethod
    def resolve_url(thread: Thread) -> str:
        return thread.get_absolute_url()


class PostOut(Schema):
    id: int
    author: str = Field(description="The author's public name (never an e-mail address).")
    body: str = Field(description="Markdown as written; empty when the post is hidden.")
    body_html: str = Field(description="The Markdown rendered and sanitised; empty when the post is hidden.")
    is_hidden: bool
    created_at: datetime.datetime
    edited_at: datetime.datetime | None

    @staticmethod
    def resolve_author(post: Post) -> str:
        return _public_name(post.author)

    @staticmethod
    def resolve_body(post: Post) -> str:
        return "" if post.is_hidden else post.body

    @staticmethod
    def resolve_body_html(post: Post) -> str:
        return "" if post.is_hidden else render_markdown(post.body)


class NotificationOut(Schema):
    id: int
    kind: NotificationKind
    text: str
    link: str = Field(description="A path on the platform.")
    created_at: datetime.datetime
    read_at: datetime.datetime | None


class ThreadIn(InputSchema):
    title: str
    body: str = Field(description="The first post, in Markdown; @handle mentions someone.")


class PostIn(InputSchema):
    body: str = Field(description="Markdown; @handle mentions someone.")


class MarkReadIn(InputSchema):
    ids: list[int] | None = Field(None, description="Notification ids; all unread ones when left out.")


class MarkedOut(Schema):
    marked: int


# --- helpers -----------------------------------------------------------------------------------------------


def _space(request: HttpRequest, slug: str) -> Space:
    try:
        return selectors.space_detail(slug, viewer(request))
    except Space.DoesNotExist:
        raise Http404 from None


def _thread(request: HttpRequest, thread_id: int) -> Thread:
    try:
        return selectors.thread_detail(thread_id, viewer(request))
    except Thread.DoesNotExist:
        raise Http404 from None


# --- endpoints ---------------------------------------------------------------------------------------------


@router.get(
    "/community/spaces",
    response={200: list[SpaceOut], **READER_ERRORS},
    auth=READER,
    openapi_extra=OPTIONAL_CREDENTIALS,
)
@paginate(LimitOffset)
def list_spaces(request: HttpRequest) -> QuerySet[Space]:
    """The discussion spaces you may read."""
    return selectors.spaces_overview(viewer(request))


@router.get(
    "/community/spaces/{slug}",
    response={200: SpaceOut, **READER_ERRORS},
    auth=READER,
    openapi_extra=OPTIONAL_CREDENTIALS,
)
def get_space(request: HttpRequest, slug: str) -> Space:
    return _space(request, slug)


@router.get(
    "/community/spaces/{slug}/threads",
    response={200: list[ThreadOut], **READER_ERRORS},
    auth=READER,
    openapi_extra=OPTIONAL_CREDENTIALS,
)
@paginate(LimitOffset)
def list_threads(request: HttpRequest, slug: str) -> QuerySet[Thread]:
    """A space's discussions, most recently active first."""
    space = _space(request, slug)
    return selectors.threads_of(space, viewer(request)).select_related("space")


@router.post("/community/spaces/{slug}/threads", auth=PERSON, response={201: ThreadOut, **WRITE_ERRORS})
def create_thread(request: HttpRequest, slug: str, payload: ThreadIn) -> Status[Thread]:
    """Start a discussion (partners who may read the space; members in a members-only space)."""
    thread = services.create_thread(
        space=_space(request, slug), by=caller(request), title=payload.title, body=payload.body
    )
    return Status(201, thread)


@router.get(
    "/community/threads/{thread_id}",
    response={200: ThreadOut, **READER_ERRORS},
    auth=READER,
    openapi_extra=OPTIONAL_CREDENTIALS,
)
def get_thread(request: HttpRequest, thread_id: int) -> Thread:
    return _thread(request, thread_id)


@router.get(
    "/community/threads/{thread_id}/posts",
    response={200: list[PostOut], **READER_ERRORS},
    auth=READER,
    openapi_extra=OPTIONAL_CREDENTIALS,
)
@paginate(LimitOffset)
def list_posts(request: HttpRequest, thread_id: int) -> QuerySet[Post]:
    """A discussion's posts, oldest first."""
    return selectors.posts_of(_thread(request, thread_id))


@router.post("/community/threads/{thread_id}/posts", auth=PERSON, response={201: PostOut, **WRITE_ERRORS})
def create_post(request: HttpRequest, thread_id: int, payload: PostIn) -> Status[Post]:
    """Reply in a discussion (refused with 400 when it is locked)."""
    post = services.reply(thread=_thread(request, thread_id), by=caller(request), body=payload.body)
    return Status(201, post)


@router.get(
    "/community/notifications",
    auth=PERSON,
    response={200: list[NotificationOut], **AUTH_ERRORS, **READ_ERRORS},
)
@paginate(LimitOffset)
def list_notifications(request: HttpRequest, unread: bool = False) -> QuerySet[Notification]:
    """Your own notifications, newest first (``?unread=true`` for the unread ones only)."""
    rows = selectors.notifications_for(caller(request))
    return rows.filter(read_at__isnull=True) if unread else rows


@router.post("/community/notifications/read", auth=PERSON, response={200: MarkedOut, **WRITE_ERRORS})
def mark_notifications_read(request: HttpRequest, payload: MarkReadIn) -> dict[str, int]:
    """Mark your notifications read: the ones named, or all."""
    return {"marked": notifications.mark_read(user=caller(request), notification_ids=payload.ids)}
