"""Library items a visitor may see, in sitemap.xml."""

import datetime

from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet

from .models import Item
from .selectors import visible_items


class ItemSitemap(Sitemap):
    changefreq = "monthly"

    def items(self) -> QuerySet[Item]:
        return visible_items(AnonymousUser()).order_by("pk")

    def lastmod(self, item: Item) -> datetime.datetime:
        return item.updated_at


SITEMAPS = {"library": ItemSitemap}
