"""Published news in sitemap.xml."""

import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet

from .models import Post
from .selectors import published_posts


class PostSitemap(Sitemap):
    changefreq = "never"

    def items(self) -> QuerySet[Post]:
        return published_posts().order_by("-published_at", "pk")

    def lastmod(self, post: Post) -> datetime.datetime | None:
        return post.published_at


SITEMAPS = {"news": PostSitemap}
