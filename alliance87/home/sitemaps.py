"""The platform's fixed public pages in sitemap.xml."""

from alliance87.core.sitemaps import NamedPagesSitemap


class PublicPagesSitemap(NamedPagesSitemap):
    changefreq = "daily"
    url_names = (
        "home:home",
        "home:about",
        "partners:directory",
        "bodies:list",
        "countries:list",
        "plans:list",
        "commitments:register",
        "library:home",
        "meetings:calendar",
        "meetings:decisions",
        "news:list",
        "community:home",
    )


SITEMAPS = {"pages": PublicPagesSitemap}
