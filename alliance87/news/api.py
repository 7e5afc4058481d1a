"""News posts and newsletter subscriptions, over the same services and selectors as the pages."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from alliance87.accounts.api_auth import OPTIONAL_CREDENTIALS, PERSON, READER, caller, viewer
from alliance87.bodies.models import Body
from alliance87.core.api.errors import READER_ERRORS, WRITE_ERRORS
from alliance87.core.api.fields import Patch
from alliance87.core.api.pagination import LimitOffset
from alliance87.core.ratelimits import count_attempt
from alliance87.countries.models import PathfinderCountry
from alliance87.news import selectors, services, subscriptions
from alliance87.news.models import Post
from alliance87.news.schemas import (
    NewsPostDetailOut,
    NewsPostIn,
    NewsPostOut,
    NewsPostsQuery,
    SubscriptionIn,
    SubscriptionOut,
)

router = Router()


def _post_input(payload: dict[str, Any]) -> services.PostInput:
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
    return services.PostInput.of(data)


@router.get(
    "/news",
    response={200: list[NewsPostOut], **READER_ERRORS},
    auth=READER,
    openapi_extra=OPTIONAL_CREDENTIALS,
)
@paginate(LimitOffset)
def list_posts(request: HttpRequest, filters: Query[NewsPostsQuery]) -> QuerySet[Post]:
    """Published news posts, newest first (writers also get drafts), with the filters of the news page."""
    return selectors.post_list(
        viewer(request),
        selectors.PostFilters(
            tag=filters.tag, body=filters.body, country=filters.country, language=filters.language or ""
        ),
    ).select_related("translation_of")


@router.get(
    "/news/{slug}",
    response={200: NewsPostDetailOut, **READER_ERRORS},
    auth=READER,
    openapi_extra=OPTIONAL_CREDENTIALS,
)
def get_post(request: HttpRequest, slug: str) -> Post:
    """One post with its other-language versions; a draft only for the people who may write news."""
    return selectors.post_detail(slug, viewer(request))


@router.post("/news", auth=PERSON, response={201: NewsPostDetailOut, **WRITE_ERRORS})
def create_post(request: HttpRequest, payload: NewsPostIn) -> Status[Post]:
    """Write a news post (the Secretariat and communication officers). Images are added on the page."""
    post = services.create_post(by=caller(request), values=_post_input(payload.model_dump()))
    return Status(201, selectors.post_detail(post.slug, caller(request)))


@router.patch("/news/{slug}", auth=PERSON, response={200: NewsPostDetailOut, **WRITE_ERRORS})
def update_post(request: HttpRequest, slug: str, payload: Patch[NewsPostIn]) -> Post:
    """Change a post; send only what changes. Publishing sets its publication date."""
    post = get_object_or_404(Post, slug=slug)
    post = services.update_post(post=post, by=caller(request), values=_post_input(payload))
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
