"""The parts of a discussion's page that are the reader's own: whether they follow it, and the "Edit" link on their
own posts.

A signed-in person's discussion page is kept for everyone with the same audience (`core.audiencecache`): what the
audience may do (reply, report, moderate) is in the kept page; these parts are placeholders in it, filled for each
person when it is served.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject

from alliance87.accounts.types import signed_in
from alliance87.core.audiencecache import personal

from . import selectors, services
from .models import Post, Thread

FOLLOW = "thread-follow"
OWN_POST = "own-post"


def _follow_html(request: HttpRequest, thread_id: int) -> str:
    user = request.user
    if not signed_in(user):
        return ""
    services.profile_for(user)  # whoever reads a discussion gets a handle, so that others can @mention them
    return render_to_string(
        "community/includes/follow_form.html",
        {
            "thread_id": thread_id,
            "is_following": selectors.is_following(Thread(pk=thread_id), user),
            "csrf_token": SimpleLazyObject(lambda: get_token(request)),  # only where a form is shown
        },
    )


def _own_post_html(request: HttpRequest, post_id: int, author_id: int | None, number: int) -> str:
    if author_id is None or not signed_in(request.user) or request.user.pk != author_id:
        return ""
    return render_to_string("community/includes/own_post_edit.html", {"post_id": post_id, "number": number})


def follow_part(request: HttpRequest, thread: Thread) -> str:
    """The "Follow this discussion" or "Stop following" button of the person reading."""
    return personal(request, FOLLOW, lambda: _follow_html(request, thread.pk), key=str(thread.pk))


def own_post_part(request: HttpRequest, post: Post, number: int) -> str:
    """The "Edit" link of a post, for its author only (where the audience may write and the post is visible)."""
    return personal(
        request,
        OWN_POST,
        lambda: _own_post_html(request, post.pk, post.author_id, number),
        key=f"{post.pk}.{post.author_id or 0}.{number}",
    )


def fill_follow(request: HttpRequest, key: str) -> str:
    """`follow_part` for the person a kept page is served to (`core.audiencecache.register_keyed_personal`)."""
    return _follow_html(request, int(key))


def fill_own_post(request: HttpRequest, key: str) -> str:
    """`own_post_part` for the person a kept page is served to: the author id is in the key, no query."""
    post_id, author_id, number = (int(part) for part in key.split("."))
    return _own_post_html(request, post_id, author_id or None, number)
