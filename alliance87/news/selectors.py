"""Reads of news posts, with the tags, bodies and countries a list line shows fetched up front."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils.translation import get_language

from alliance87.accounts.types import Person
from alliance87.bodies.models import Body
from alliance87.countries.models import PathfinderCountry

from .models import CommunicationOfficer, Post, PostStatus, Tag
from .permissions import can_write_news


@dataclass(frozen=True)
class PostFilters:
    tag: str = ""  # tag slug
    body: str = ""  # body slug
    country: str = ""  # ISO 3166 alpha-2, either case
    language: str = ""


def current_language() -> str:
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def published_posts() -> QuerySet[Post]:
    return Post.objects.filter(status=PostStatus.PUBLISHED)


def one_per_story(posts: QuerySet[Post], language: str) -> QuerySet[Post]:
    """One post per story: the published version in `language` when there is one, else the original.

    A story is an original post and its translations (`translation_of`). A translation in another language than
    the reader's shows only when the original is not published and no version is in the reader's language; drafts
    (which writers see) are kept, as they count for no one else.

    Each test is a lookup by primary key or by the `translation_of` index, so a post costs the same however many
    posts there are (the story as `COALESCE(translation_of_id, id)` matched no index: every post of another
    language scanned all published posts).
    """
    published = published_posts()
    # An original: is one of its translations published in the reader's language?
    translated = Exists(published.filter(translation_of=OuterRef("pk"), language=language))
    # A translation: is its original published, or another translation of it in the reader's language?
    original_published = Exists(published.filter(pk=OuterRef("translation_of_id")))
    sibling_translated = Exists(
        published.filter(translation_of=OuterRef("translation_of_id"), language=language)
    )
    return posts.filter(
        Q(language=language)
        | ~Q(status=PostStatus.PUBLISHED)
        | (Q(translation_of__isnull=True) & ~translated)
        | (Q(translation_of__isnull=False) & ~original_published & ~sibling_translated)
    )


def with_listing(posts: QuerySet[Post]) -> QuerySet[Post]:
    return posts.select_related("author").prefetch_related("tags", "bodies", "countries")


def post_list(
    user: Person, filters: PostFilters | None = None, *, reader_language: str = ""
) -> QuerySet[Post]:
    """Published posts, newest first; writers also see drafts (at the top, undated).

    With `reader_language` (and no language asked for), one post per story, in that language where translated.
    """
    filters = filters or PostFilters()
    posts = Post.objects.all() if can_write_news(user) else published_posts()
    # Linked rows filter through subqueries: no join that repeats a post, so no DISTINCT over every column (its
    # count read every post's whole row: 250 ms at 50,000 posts).
    if filters.tag:
        posts = posts.filter(pk__in=Post.objects.filter(tags__slug=filters.tag).values("pk"))
    if filters.body:
        posts = posts.filter(pk__in=Post.objects.filter(bodies__slug=filters.body).values("pk"))
    if filters.country:
        posts = posts.filter(
            pk__in=Post.objects.filter(countries__country=filters.country.upper()).values("pk")
        )
    if filters.language:
        posts = posts.filter(language=filters.language)
    elif reader_language:
        posts = one_per_story(posts, reader_language)
    return with_listing(posts).order_by("status", "-published_at", "-pk")


def post_detail(slug: str, user: Person) -> Post:
    """One post with what its page shows; Post.DoesNotExist when missing or a draft this person may not read."""
    posts = Post.objects.all() if can_write_news(user) else published_posts()
    return with_listing(posts).select_related("translation_of").get(slug=slug)


def other_language_versions(post: Post) -> list[Post]:
    """The same story in other languages (published ones), whichever of them is the original."""
    original_id = post.translation_of_id or post.pk
    # Two indexed lookups in one query: "id = x OR translation_of_id = x" scanned every published post.
    versions = (
        published_posts()
        .filter(pk=original_id)
        .order_by()
        .union(published_posts().filter(translation_of_id=original_id).order_by())
        .order_by("language")
    )
    return [version for version in versions if version.pk != post.pk]


def recent_posts(
    *, limit: int = 3, body: Body | None = None, country: PathfinderCountry | None = None, language: str = ""
) -> list[Post]:
    """The latest stories, optionally about one body or country, for the home, body and country pages.

    One post per story, in `language` where translated (the reader's language when not given).
    """
    posts = one_per_story(published_posts(), language or current_language())
    order: Any = F("published_at").desc()
    # A body's or country's posts start from its link rows and are sorted (cost: its own posts); walking the date
    # index of every post looking for them read all posts when it had fewer than `limit`.
    if body is not None:
        posts = posts.filter(pk__in=Post.bodies.through.objects.filter(body=body).values("post_id"))
    if country is not None:
        posts = posts.filter(
            pk__in=Post.countries.through.objects.filter(pathfindercountry=country).values("post_id")
        )
    if body is not None or country is not None:
        order = Coalesce("published_at", "created_at").desc()  # the same order (published posts have a date)
    return list(posts.select_related("author").order_by(order, "-pk")[:limit])


def posts_published_between(*, start: datetime.date, end: datetime.date, language: str) -> list[Post]:
    """Published posts of a period in one language, oldest first, for a newsletter issue."""
    return list(
        published_posts()
        .filter(language=language, published_at__date__gte=start, published_at__date__lte=end)
        .order_by("published_at", "pk")
    )


def feed_posts(*, language: str = "", limit: int = 30) -> QuerySet[Post]:
    """A feed's posts: those in `language`, or without one, one per story (the original, or its English version)."""
    posts = published_posts().select_related("author").prefetch_related("tags")
    posts = posts.filter(language=language) if language else one_per_story(posts, settings.LANGUAGE_CODE)
    return posts.order_by("-published_at", "-pk")[:limit]


def tags_in_use() -> QuerySet[Tag]:
    """Tags of at least one published post: a lookup per tag (a join with DISTINCT read every tagged post)."""
    tagged = Post.tags.through.objects.filter(tag_id=OuterRef("pk"), post__status=PostStatus.PUBLISHED)
    return Tag.objects.filter(Exists(tagged)).order_by("name")


def communication_officers() -> QuerySet[CommunicationOfficer]:
    return CommunicationOfficer.objects.select_related("user", "added_by").order_by("user__email")
