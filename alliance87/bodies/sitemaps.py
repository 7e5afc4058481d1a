"""Body pages in sitemap.xml."""

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet

from .models import Body
from .selectors import bodies_overview


class BodySitemap(Sitemap):
    changefreq = "weekly"

    def items(self) -> QuerySet[Body]:
        return bodies_overview()


SITEMAPS = {"bodies": BodySitemap}
