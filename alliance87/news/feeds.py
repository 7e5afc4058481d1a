"""RSS 2.0 and Atom feeds of published posts (Django's syndication framework); `?lang=fr` for one language."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from django.utils.translation import gettext as _

from . import selectors
from .models import Language, Post


class NewsRssFeed(Feed):
    feed_type: type[SyndicationFeed] = Rss201rev2Feed
    url_name = "news:feed_rss"

    def get_object(self, request: HttpRequest, *args: object, **kwargs: object) -> str:
        language = request.GET.get("lang", "")
        return language if language in Language.values else ""

    def title(self, language: str) -> str:
        if language:
            return _("Alliance 8.7 news (%(language)s)") % {"language": Language(language).label}
        return _("Alliance 8.7 news")

    def link(self, language: str) -> str:
        url = settings.SITE_URL + reverse("news:list")
        return f"{url}?language={language}" if language else url

    def description(self, language: str) -> str:
        return _("News from Alliance 8.7, the global partnership for SDG Target 8.7.")

    def feed_url(self, language: str) -> str:
        url = settings.SITE_URL + reverse(self.url_name)
        return f"{url}?lang={language}" if language else url

    def items(self, language: str) -> QuerySet[Post]:
        return selectors.feed_posts(language=language)

    def item_title(self, item: Post) -> str:
        return item.title

    def item_description(self, item: Post) -> str:
        return item.summary

    def item_link(self, item: Post) -> str:
        return settings.SITE_URL + item.get_absolute_url()

    def item_guid(self, item: Post) -> str:
        return settings.SITE_URL + item.get_absolute_url()

    item_guid_is_permalink = True

    def item_pubdate(self, item: Post) -> datetime.datetime | None:
        return item.published_at

    def item_updateddate(self, item: Post) -> datetime.datetime:
        return item.updated_at

    def item_author_name(self, item: Post) -> str | None:
        return item.author.display_name if item.author else None

    def item_categories(self, item: Post) -> list[str]:
        return [tag.name for tag in item.tags.all()]

    def item_extra_kwargs(self, item: Post) -> dict[str, str]:
        return {"language": item.language}


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    url_name = "news:feed_atom"

    def subtitle(self, language: str) -> str:
        return self.description(language)
