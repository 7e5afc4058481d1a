"""Reads of news posts, with the tags, bodies and countries a list line shows fetched up front."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet

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


def published_posts() -> QuerySet[Post]:
    return Post.objects.filter(status=PostStatus.PUBLISHED)


def with_listing(posts: QuerySet[Post]) -> QuerySet[Post]:
    return posts.select_related("author").prefetch_related("tags", "bodies", "countries")


def post_list(user: Person, filters: PostFilters | None = None) -> QuerySet[Post]:
    """Published posts, newest first; writers also see drafts (at the top, undated)."""
    filters = filters or PostFilters()
    posts = Post.objects.all() if can_write_news(user) else published_posts()
    if filters.tag:
        posts = posts.filter(tags__slug=filters.tag)
    if filters.body:
        posts = posts.filter(bodies__slug=filters.body)
    if filters.country:
        posts = posts.filter(countries__country=filters.country.upper())
    if filters.language:
        posts = posts.filter(language=filters.language)
    return with_listing(posts.distinct()).order_by("status", "-published_at", "-pk")


def post_detail(slug: str, user: Person) -> Post:
    """One post with what its page shows; Post.DoesNotExist when missing or a draft this person may not read."""
    posts = Post.objects.all() if can_write_news(user) else published_posts()
    return with_listing(posts).select_related("translation_of").get(slug=slug)


def other_language_versions(post: Post) -> list[Post]:
    """The same story in other languages (published ones), whichever of them is the original."""
    original_id = post.translation_of_id or post.pk
    return list(
        published_posts()
        .filter(Q(pk=original_id) | Q(translation_of_id=original_id))
        .exclude(pk=post.pk)
        .order_by("language")
    )


def recent_posts(
    *, limit: int = 3, body: Body | None = None, country: PathfinderCountry | None = None, language: str = ""
) -> list[Post]:
    """The latest published posts, optionally about one body or country, for the home, body and country pages."""
    posts = published_posts()
    if body is not None:
        posts = posts.filter(bodies=body)
    if country is not None:
        posts = posts.filter(countries=country)
    if language:
        posts = posts.filter(language=language)
    return list(posts.select_related("author").order_by("-published_at", "-pk")[:limit])


def posts_published_between(*, start: datetime.date, end: datetime.date, language: str) -> list[Post]:
    """Published posts of a period in one language, oldest first, for a newsletter issue."""
    return list(
        published_posts()
        .filter(language=language, published_at__date__gte=start, published_at__date__lte=end)
        .order_by("published_at", "pk")
    )


def feed_posts(*, language: str = "", limit: int = 30) -> QuerySet[Post]:
    posts = published_posts().select_related("author").prefetch_related("tags")
    if language:
        posts = posts.filter(language=language)
    return posts.order_by("-published_at", "-pk")[:limit]


def tags_in_use() -> QuerySet[Tag]:
    return Tag.objects.filter(posts__status=PostStatus.PUBLISHED).distinct().order_by("name")


def communication_officers() -> QuerySet[CommunicationOfficer]:
    return CommunicationOfficer.objects.select_related("user", "added_by").order_by("user__email")
