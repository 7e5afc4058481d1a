"""The community of practice over the API: spaces, discussions, posts and one's own notifications.

Reads take credentials optionally: a members-only or partners-only space, its discussions and posts do not
exist (404) for anyone who may not read them, on reads and writes alike. Posts are answered in Markdown as
written (``body``) and as sanitised HTML (``body_html``); hidden posts have neither.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Router, Status
from ninja.pagination import paginate

from alliance87.accounts.api_auth import OPTIONAL_CREDENTIALS, PERSON, READER, caller, viewer
from alliance87.community import notifications, selectors, services
from alliance87.community.models import Notification, Post, Space, Thread
from alliance87.community.schemas import (
    MarkedOut,
    MarkReadIn,
    NotificationOut,
    SpaceOut,
    ThreadIn,
    ThreadOut,
    ThreadPostIn,
    ThreadPostOut,
)
from alliance87.core.api.errors import AUTH_ERRORS, READ_ERRORS, READER_ERRORS, WRITE_ERRORS
from alliance87.core.api.pagination import LimitOffset

router = Router()


# --- schemas -----------------------------------------------------------------------------------------------


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
    "/spaces",
    response={200: list[SpaceOut], **READER_ERRORS},
    auth=READER,
    openapi_extra=OPTIONAL_CREDENTIALS,
)
@paginate(LimitOffset)
def list_spaces(request: HttpRequest) -> QuerySet[Space]:
    """The discussion spaces you may read."""
    return selectors.spaces_overview(viewer(request))


@router.get(
    "/spaces/{slug}",
    response={200: SpaceOut, **READER_ERRORS},
    auth=READER,
    openapi_extra=OPTIONAL_CREDENTIALS,
)
def get_space(request: HttpRequest, slug: str) -> Space:
    return _space(request, slug)


@router.get(
    "/spaces/{slug}/threads",
    response={200: list[ThreadOut], **READER_ERRORS},
    auth=READER,
    openapi_extra=OPTIONAL_CREDENTIALS,
)
@paginate(LimitOffset)
def list_threads(request: HttpRequest, slug: str) -> QuerySet[Thread]:
    """A space's discussions, most recently active first."""
    space = _space(request, slug)
    return selectors.threads_of(space, viewer(request)).select_related("space")


@router.post("/spaces/{slug}/threads", auth=PERSON, response={201: ThreadOut, **WRITE_ERRORS})
def create_thread(request: HttpRequest, slug: str, payload: ThreadIn) -> Status[Thread]:
    """Start a discussion (partners who may read the space; members in a members-only space)."""
    thread = services.create_thread(
        space=_space(request, slug), by=caller(request), title=payload.title, body=payload.body
    )
    return Status(201, thread)


@router.get(
    "/threads/{thread_id}",
    response={200: ThreadOut, **READER_ERRORS},
    auth=READER,
    openapi_extra=OPTIONAL_CREDENTIALS,
)
def get_thread(request: HttpRequest, thread_id: int) -> Thread:
    return _thread(request, thread_id)


@router.get(
    "/threads/{thread_id}/posts",
    response={200: list[ThreadPostOut], **READER_ERRORS},
    auth=READER,
    openapi_extra=OPTIONAL_CREDENTIALS,
)
@paginate(LimitOffset)
def list_posts(request: HttpRequest, thread_id: int) -> QuerySet[Post]:
    """A discussion's posts, oldest first."""
    return selectors.posts_of(_thread(request, thread_id))


@router.post("/threads/{thread_id}/posts", auth=PERSON, response={201: ThreadPostOut, **WRITE_ERRORS})
def create_post(request: HttpRequest, thread_id: int, payload: ThreadPostIn) -> Status[Post]:
    """Reply in a discussion (refused with 400 when it is locked)."""
    post = services.reply(thread=_thread(request, thread_id), by=caller(request), body=payload.body)
    return Status(201, post)


@router.get(
    "/notifications",
    auth=PERSON,
    response={200: list[NotificationOut], **AUTH_ERRORS, **READ_ERRORS},
)
@paginate(LimitOffset)
def list_notifications(request: HttpRequest, unread: bool = False) -> QuerySet[Notification]:
    """Your own notifications, newest first (``?unread=true`` for the unread ones only)."""
    rows = selectors.notifications_for(caller(request))
    return rows.filter(read_at__isnull=True) if unread else rows


@router.post("/notifications/read", auth=PERSON, response={200: MarkedOut, **WRITE_ERRORS})
def mark_notifications_read(request: HttpRequest, payload: MarkReadIn) -> dict[str, int]:
    """Mark your notifications read: the ones named, or all."""
    return {"marked": notifications.mark_read(user=caller(request), notification_ids=payload.ids)}
