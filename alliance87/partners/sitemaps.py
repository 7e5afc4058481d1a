"""Public partner pages in sitemap.xml."""

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet

from .models import Organisation
from .selectors import DirectoryFilters, directory


class OrganisationSitemap(Sitemap):
    changefreq = "weekly"

    def items(self) -> QuerySet[Organisation]:
        return directory(DirectoryFilters())


SITEMAPS = {"partners": OrganisationSitemap}
