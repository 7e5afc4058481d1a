"""API schemas of news posts and newsletter subscriptions."""

import datetime
from typing import Any

from ninja import Field, Schema

from alliance87.bodies.schemas import BodyRef
from alliance87.core.api.fields import CountryCode, InputSchema
from alliance87.core.api.provenance import PROVENANCE_FIELD, ProvenanceOut
from alliance87.news import selectors
from alliance87.news.models import Language, Post, PostStatus


class VersionRef(Schema):
    slug: str
    language: Language
    title: str


class NewsPostOut(Schema):
    provenance: ProvenanceOut = PROVENANCE_FIELD
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


class NewsPostDetailOut(NewsPostOut):
    other_versions: list[VersionRef] = Field(description="The same story in other languages (published).")

    @staticmethod
    def resolve_other_versions(post: Post) -> list[Any]:
        return selectors.other_language_versions(post)


class NewsPostIn(InputSchema):
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


class NewsPostsQuery(Schema):
    tag: str = Field("", description="Slug of a tag.")
    body: str = Field("", description="Slug of a body.")
    country: CountryCode = ""
    language: Language | None = None


class SubscriptionIn(InputSchema):
    email: str
    language: Language = Language.ENGLISH


class SubscriptionOut(Schema):
    detail: str
