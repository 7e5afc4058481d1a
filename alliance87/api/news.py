"""News posts and newsletter subscriptions, over the same services and selectors as the pages."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from alliance87.bodies.models import Body
from alliance87.core.ratelimits import count_attempt
from alliance87.countries.models import PathfinderCountry
from alliance87.news import selectors, services, subscriptions
from alliance87.news.models import Language, Post, PostStatus

from .auth import OPTIONAL_CREDENTIALS, PERSON, READER, caller, viewer
from .errors import READ_ERRORS, WRITE_ERRORS, ErrorOut
from .pagination import LimitOffset
from .schemas import BodyRef, CountryCode, InputSchema, Patch

router = Router()

READER_ERRORS: dict[int, Any] = {401: ErrorOut, **READ_ERRORS}


class VersionRef(Schema):
    slug: str
    language: Language
    title: str


class PostOut(Schema):
    slug: str
    title: str
    summary: str
    body: str = Field(description="Markdown; the page shows it sanitised.")
    language: Language
    translation_of: str | None = Field(description="Slug of the original post when this is a translation.")
    status: PostStatus
    published_at: datetime.datetime | None
    author: str | None
    tags: list[str]
    bodies: list[BodyRef]
    countries: list[str] = Field(description="ISO 3166 alpha-2 codes of Pathfinder Countries.")
    image_url: str | None
    image_alt: str
    url: str = Field(description="The post's page.")

    @staticmethod
    def resolve_translation_of(post: Post) -> str | None:
        return post.translation_of.slug if post.translation_of else None

    @staticmethod
    def resolve_author(post: Post) -> str | None:
        return post.author.display_name if post.author else None

    @staticmethod
    def resolve_tags(post: Post) -> list[str]:
        return [tag.name for tag in post.tags.all()]

    @staticmethod
    def resolve_bodies(post: Post) -> list[Any]:
        return list(post.bodies.all())

    @staticmethod
    def resolve_countries(post: Post) -> list[str]:
        return [country.code for country in post.countries.all()]

    @staticmethod
    def resolve_image_url(post: Post) -> str | None:
        return post.image.url if post.image else None

    @staticmethod
    def resolve_url(post: Post) -> str:
        return post.get_absolute_url()


class PostDetailOut(PostOut):
    other_versions: list[VersionRef] = Field(description="The same story in other languages (published).")

    @staticmethod
    def resolve_other_versions(post: Post) -> list[Any]:
        return selectors.other_language_versions(post)


class PostIn(InputSchema):
    title: str
    slug: str = Field("", description="The post's address; empty: it follows the title.")
    summary: str
    body: str = Field(description="Markdown.")
    language: Language = Language.ENGLISH
    translation_of: str | None = Field(None, description="Slug of the original post this one translates.")
    status: PostStatus = PostStatus.DRAFT
    tags: list[str] = []
    bodies: list[str] = Field([], description="Slugs of bodies.")
    countries: list[CountryCode] = Field([], description="ISO 3166 alpha-2 codes of Pathfinder Countries.")


class PostsQuery(Schema):
    tag: str = Field("", description="Slug of a tag.")
    body: str = Field("", description="Slug of a body.")
    country: CountryCode = ""
    language: Language | None = None


class SubscriptionIn(InputSchema):
    email: str
    language: Language = Language.ENGLISH


class SubscriptionOut(Schema):
    detail: str


def _service_data(payload: dict[str, Any]) -> dict[str, Any]:
    """Slugs and codes → the records the services take; an unknown one is the client's mistake in that field."""
    data = dict(payload)
    if "translation_of" in data:
        slug = data["translation_of"]
        data["translation_of"] = Post.objects.filter(slug=slug).first() if slug else None
        if slug and data["translation_of"] is None:
            raise ValidationError({"translation_of": _("There is no post with this slug.")})
    if "bodies" in data:
        bodies = list(Body.objects.filter(slug__in=data["bodies"]))
        if len(bodies) != len(set(data["bodies"])):
            raise ValidationError({"bodies": _("Some of these bodies do not exist.")})
        data["bodies"] = bodies
    if "countries" in data:
        countries = list(PathfinderCountry.objects.filter(country__in=data["countries"]))
        if len(countries) != len(set(data["countries"])):
            raise ValidationError({"countries": _("Some of these countries are not Pathfinder Countries.")})
        data["countries"] = countries
    return data


@router.get(
    "/news",
    response={200: list[PostOut], **READER_ERRORS},
    auth=READER,
    openapi_extra=OPTIONAL_CREDENTIALS,
    tags=["news"],
)
@paginate(LimitOffset)
def list_posts(request: HttpRequest, filters: Query[PostsQuery]) -> QuerySet[Post]:
    """Published news posts, newest first (writers also get drafts), with the filters of the news page."""
    return selectors.post_list(
        viewer(request),
        selectors.PostFilters(
            tag=filters.tag, body=filters.body, country=filters.country, language=filters.language or ""
        ),
    ).select_related("translation_of")


@router.get(
    "/news/{slug}",
    response={200: PostDetailOut, **READER_ERRORS},
    auth=READER,
    openapi_extra=OPTIONAL_CREDENTIALS,
    tags=["news"],
)
def get_post(request: HttpRequest, slug: str) -> Post:
    """One post with its other-language versions; a draft only for the people who may write news."""
    return selectors.post_detail(slug, viewer(request))


@router.post("/news", auth=PERSON, response={201: PostDetailOut, **WRITE_ERRORS}, tags=["news"])
def create_post(request: HttpRequest, payload: PostIn) -> Status[Post]:
    """Write a news post (the Secretariat and communication officers). Images are added on the page."""
    post = services.create_post(by=caller(request), data=_service_data(payload.model_dump()))
    return Status(201, selectors.post_detail(post.slug, caller(request)))


@router.patch("/news/{slug}", auth=PERSON, response={200: PostDetailOut, **WRITE_ERRORS}, tags=["news"])
def update_post(request: HttpRequest, slug: str, payload: Patch[PostIn]) -> Post:
    """Change a post; send only what changes. Publishing sets its publication date."""
    post = get_object_or_404(Post, slug=slug)
    post = services.update_post(post=post, by=caller(request), data=_service_data(payload))
    return selectors.post_detail(post.slug, caller(request))


@router.post(
    "/newsletter/subscriptions",
    response={202: SubscriptionOut, **WRITE_ERRORS},
    tags=["newsletter"],
)
def subscribe(request: HttpRequest, payload: SubscriptionIn) -> Status[dict[str, str]]:
    """Ask for the newsletter (anyone): a confirmation e-mail goes to the address (double opt-in).

    The answer is the same whether or not the address is already subscribed. A few requests an hour per address
    and per client (429 past that).
    """
    count_attempt(request, action="newsletter_subscribe", key=payload.email)
    subscriptions.subscribe(email=payload.email, language=payload.language)
    return Status(
        202, {"detail": _("If the address is not subscribed yet, a confirmation e-mail is on its way.")}
    )
