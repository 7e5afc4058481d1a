"""The language of a page is in its address: /partners/ (English), /fr/partners/, /es/partners/.

Django's ``i18n_patterns`` (in the root URLconf) serves each page under each prefix and the language switch
(``set_language``) sends the reader to the same page in the chosen language. This module adds what a reader and a
search engine expect around that: the addresses of a page in every language (``hreflang`` alternates), and a
redirect for someone who chose a language and then follows an unprefixed link (an old bookmark, a link typed by
hand) to the page in their language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import translate_url
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language


def site_language(language: str | None = None) -> str:
    """One of the platform's languages: `language` ("fr-CA" gives "fr"), else the active one, else the default."""
    try:
        return translation.get_supported_language_variant(
            (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0].lower()
        )
    except LookupError:
        return settings.LANGUAGE_CODE


@dataclass(frozen=True)
class Alternate:
    language: str
    name: str
    url: str


def page_in_each_language(request: HttpRequest) -> list[Alternate]:
    """The page's full address in each language, or nothing when the page has one address for all (the API)."""
    path = request.get_full_path()
    addresses = [
        (code, name, translate_url(path, code) if code != translation.get_language() else path)
        for code, name in settings.LANGUAGES
    ]
    if len({url for _code, _name, url in addresses}) < len(addresses):
        return []
    return [Alternate(code, str(name), request.build_absolute_uri(url)) for code, name, url in addresses]


class ChosenLanguageRedirectMiddleware:
    """Send a reader who chose French or Spanish from an unprefixed page address to that page in their language.

    Only a choice the reader made counts (the language cookie the switch sets), never the browser's
    Accept-Language: an English address shared by someone stays English for people who chose nothing.
    Only HTML pages move; the API, OAI-PMH, feeds, calendar files and downloads keep their address.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if (
            request.method not in ("GET", "HEAD")
            or response.status_code != 200
            or not response.get("Content-Type", "").startswith("text/html")
            or chosen == settings.LANGUAGE_CODE
            or chosen not in dict(settings.LANGUAGES)
            or translation.get_language_from_path(request.path_info)
        ):
            return response
        # Only pages move: feeds, calendar files and downloads keep their address for every reader.
        path = request.get_full_path()
        translated = translate_url(path, chosen)
        return HttpResponseRedirect(translated) if translated != path else response


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch, reading the page it came from in that page's language.

    Django translates the page's address while the switch's own (unprefixed, so English) language is active, and
    cannot read a French address then: switching from /fr/plans/ to English would stay on /fr/plans/.
    """
    came_from = request.POST.get("next", request.GET.get("next", ""))
    language = translation.get_language_from_path(urlsplit(came_from).path) or settings.LANGUAGE_CODE
    with translation.override(language):
        return django_set_language(request)


class ApiLanguageMiddleware:
    """The API keeps one address for every language, so it answers in the language the caller asks for.

    With language prefixes on the pages, Django gives every unprefixed address the default language; an API
    client has no prefix to send, so its language comes from the language cookie or Accept-Language.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith("/api/"):
            language = translation.get_language_from_request(request)
            translation.activate(language)
            request.LANGUAGE_CODE = language
        response = self.get_response(request)
        if request.path_info.startswith("/api/"):
            response.headers.setdefault("Content-Language", translation.get_language())
            patch_vary_headers(response, ("Accept-Language",))
        return response
