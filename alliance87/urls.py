from allauth.account.decorators import secure_admin_login
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from alliance87.api.urls import api
from alliance87.bodies import urls as bodies_urls
from alliance87.core.files import public_media
from alliance87.core.languages import set_language
from alliance87.core.sitemaps import robots_txt, sitemap_xml
from alliance87.countries import urls as countries_urls
from alliance87.home import urls as home_urls
from alliance87.library import oai

# A body's and a country's pages gather many domains, so the home app (on top) serves them; they keep their
# addresses and names (`bodies:detail`, `countries:detail`) by joining those apps' namespaces here.
bodies_with_hub = (bodies_urls.urlpatterns + home_urls.body_pages, bodies_urls.app_name)
countries_with_hub = (countries_urls.urlpatterns + home_urls.country_pages, countries_urls.app_name)

# The Django admin signs people in through the platform's sign-in, second factor included.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

# Pages carry their language in the address (/fr/partners/, /es/partners/; English without a prefix), so a link
# shared is read in the language it was shared in. Machine addresses keep one address whatever the language: the API,
# OAI-PMH, the language switch, the admin, the sitemap, robots.txt and public media (and /healthz, answered by a
# middleware). Feeds, iCalendar files and downloads live with their pages and keep their unprefixed addresses too.
urlpatterns = [
    *i18n_patterns(
        path("", include("alliance87.home.urls")),
        path("accounts/", include("alliance87.accounts.urls")),
        path("accounts/", include("allauth.urls")),
        path("partners/", include("alliance87.partners.urls")),
        path("bodies/", include(bodies_with_hub)),
        path("countries/", include(countries_with_hub)),
        path("plans/", include("alliance87.plans.urls")),
        path("library/", include("alliance87.library.urls")),
        path("community/", include("alliance87.community.urls")),
        path("events/", include("alliance87.meetings.urls")),
        path("news/", include("alliance87.news.urls")),
        path("data/", include("alliance87.data.urls")),
        path("commitments/", include("alliance87.commitments.urls")),
        path("newsletter/", include("alliance87.news.newsletter_urls")),
        prefix_default_language=False,
    ),
    path("oai/", oai.endpoint, name="oai"),
    path("api/v1/", api.urls),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap_xml, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    path("media/<path:path>", public_media, name="public-media"),
]

handler404 = "alliance87.home.errors.not_found"
handler403 = "alliance87.home.errors.forbidden"
handler500 = "alliance87.home.errors.server_error"
