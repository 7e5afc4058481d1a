"""Discussions in public spaces, in sitemap.xml."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet

from .models import Thread
from .selectors import readable_spaces


class ThreadSitemap(Sitemap):
    changefreq = "daily"

    def items(self) -> QuerySet[Thread]:
        return Thread.objects.filter(space__in=readable_spaces(AnonymousUser()), is_hidden=False).order_by(
            "pk"
        )


SITEMAPS = {"community": ThreadSitemap}
