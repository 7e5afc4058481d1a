from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The front page, the hub pages, each person's dashboard and the site's navigation.

    The one place that reads across every domain: it sits on top, and no app below imports it.
    """

    name = "alliance87.home"
    verbose_name = _("Home")

    def ready(self) -> None:
        from alliance87.core.audiencecache import register_audience
        from alliance87.core.layout import fill_slot

        from .audience import audience_of

        fill_slot("site-header", "home/includes/site_header.html")
        fill_slot("site-footer", "home/includes/site_footer.html")
        fill_slot("countries-list-end", "home/includes/country_profile_index.html")
        # Signed-in pages kept per audience: the facts every opted-in page's permissions rest on.
        register_audience(audience_of)
