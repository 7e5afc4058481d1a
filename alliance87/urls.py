from django.contrib import admin
from django.urls import include, path

from alliance87.api.urls import api
from alliance87.library import oai

urlpatterns = [
    path("", include("alliance87.home.urls")),
    path("accounts/", include("alliance87.accounts.urls")),
    path("partners/", include("alliance87.partners.urls")),
    path("bodies/", include("alliance87.bodies.urls")),
    path("countries/", include("alliance87.countries.urls")),
    path("plans/", include("alliance87.plans.urls")),
    path("library/", include("alliance87.library.urls")),
    path("community/", include("alliance87.community.urls")),
    path("events/", include("alliance87.meetings.urls")),
    path("news/", include("alliance87.news.urls")),
    path("data/", include("alliance87.data.urls")),
    path("newsletter/", include("alliance87.news.newsletter_urls")),
    path("oai/", oai.endpoint, name="oai"),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

handler404 = "alliance87.core.views.not_found"
handler403 = "alliance87.core.views.forbidden"
handler500 = "alliance87.core.views.server_error"
