"""API schemas of community spaces, threads, their posts and one's notifications."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from ninja import Field, Schema

from alliance87.bodies.schemas import BodyRef
from alliance87.community.models import NotificationKind, Post, Space, Thread, Visibility
from alliance87.core.api.fields import InputSchema
from alliance87.core.api.provenance import PROVENANCE_FIELD, ProvenanceOut
from alliance87.core.text import render_markdown

if TYPE_CHECKING:
    from alliance87.accounts.models import User


def _public_name(user: User | None) -> str:
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
    provenance: ProvenanceOut = PROVENANCE_FIELD
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


class ThreadPostOut(Schema):
    provenance: ProvenanceOut = PROVENANCE_FIELD
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


class ThreadPostIn(InputSchema):
    body: str = Field(description="Markdown; @handle mentions someone.")


class MarkReadIn(InputSchema):
    ids: list[int] | None = Field(None, description="Notification ids; all unread ones when left out.")


class MarkedOut(Schema):
    marked: int
