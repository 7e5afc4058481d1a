"""Plans a visitor may see, in sitemap.xml."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet

from .models import Plan
from .permissions import visible_plans


class PlanSitemap(Sitemap):
    changefreq = "weekly"

    def items(self) -> QuerySet[Plan]:
        return visible_plans(AnonymousUser()).order_by("pk")


SITEMAPS = {"plans": PlanSitemap}
