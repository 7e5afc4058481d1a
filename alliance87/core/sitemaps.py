"""sitemap.xml gathered from the apps: each app may have a `sitemaps` module with a `SITEMAPS` dict."""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from django.http import HttpRequest, HttpResponse
from django.urls import reverse


class NamedPagesSitemap(Sitemap):
    """Pages without an object behind them (lists, the home page), named by their URL names."""

    url_names: tuple[str, ...] = ()

    def items(self) -> list[str]:
        return list(self.url_names)

    def location(self, item: Any) -> str:
        return reverse(item)


def collect_sitemaps() -> dict[str, type[Sitemap] | Sitemap]:
    found: dict[str, type[Sitemap] | Sitemap] = {}
    for config in apps.get_app_configs():
        module_name = f"{config.name}.sitemaps"
        if (
            config.name.startswith("alliance87.")
            and config.name != "alliance87.core"
            and find_spec(module_name)
        ):
            found.update(getattr(import_module(module_name), "SITEMAPS", {}))
    return found


def sitemap_xml(request: HttpRequest) -> HttpResponse:
    """Every public page in every language, each naming its other languages (hreflang alternates).

    Each app lists only what a visitor without an account may see.
    """
    sitemaps: dict[str, type[Sitemap[Any]] | Sitemap[Any]] = {}
    for name, found in collect_sitemaps().items():
        instance = found() if isinstance(found, type) else found
        instance.i18n = instance.alternates = instance.x_default = True
        sitemaps[name] = instance
    return sitemap(request, sitemaps=sitemaps)


def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawlers may read the public pages; sign-in, account, API and admin pages are not for them."""
    private_pages = ["/accounts/", "/community/messages/", "/community/notifications/"]
    prefixes = ["", *(f"/{code}" for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE)]
    lines = [
        "User-agent: *",
        *(f"Disallow: {prefix}{page}" for page in private_pages for prefix in prefixes),
        "Disallow: /admin/",
        "Disallow: /api/",
        "Disallow: /i18n/",
        "Allow: /",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
