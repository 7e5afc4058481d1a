"""Pathfinder Country pages in sitemap.xml."""

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet

from .models import PathfinderCountry
from .selectors import pathfinder_countries


class CountrySitemap(Sitemap):
    changefreq = "weekly"

    def items(self) -> QuerySet[PathfinderCountry]:
        return pathfinder_countries()


SITEMAPS = {"countries": CountrySitemap}
