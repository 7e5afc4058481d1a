"""The language of a page is in its address; machine addresses keep one address whatever the language."""

from __future__ import annotations

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "lang", "heading"),
    [
        ("/partners/", "en", "Partner directory"),
        ("/fr/partners/", "fr", "Annuaire des partenaires"),
        ("/es/partners/", "es", "Directorio de socios"),
    ],
)
def test_the_address_says_the_language_of_the_page(
    client: Client, path: str, lang: str, heading: str
) -> None:
    page = client.get(path, HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert f'<html lang="{lang}">' in page
    assert f"<h1>{heading}</h1>" in page


def test_links_on_a_french_page_stay_in_french(client: Client) -> None:
    page = client.get("/fr/partners/").content.decode()

    assert 'href="/fr/plans/"' in page
    assert 'href="/plans/"' not in page


def test_each_page_names_its_addresses_in_every_language(client: Client) -> None:
    page = client.get("/fr/partners/?kind=ngo").content.decode()

    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', page))
    assert alternates == {
        "en": "http://testserver/partners/?kind=ngo",
        "fr": "http://testserver/fr/partners/?kind=ngo",
        "es": "http://testserver/es/partners/?kind=ngo",
        "x-default": "http://testserver/partners/?kind=ngo",
    }


def test_the_language_switch_keeps_the_page_and_its_query(client: Client) -> None:
    to_french = client.post("/i18n/setlang/", {"language": "fr", "next": "/plans/?status=in_implementation"})
    back = client.post("/i18n/setlang/", {"language": "en", "next": "/fr/plans/?status=in_implementation"})

    assert to_french.status_code == 302 and to_french["Location"] == "/fr/plans/?status=in_implementation"
    assert back.status_code == 302 and back["Location"] == "/plans/?status=in_implementation"


def test_a_reader_who_chose_french_follows_old_addresses_into_french(client: Client) -> None:
    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})

    response = client.get("/partners/?kind=ngo")

    assert response.status_code == 302 and response["Location"] == "/fr/partners/?kind=ngo"


def test_the_browsers_language_alone_does_not_move_an_english_address(client: Client) -> None:
    response = client.get("/partners/", HTTP_ACCEPT_LANGUAGE="es")

    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/openapi.json",
        "/oai/?verb=Identify",
        "/sitemap.xml",
        "/robots.txt",
        "/healthz",
        "/news/feed.rss",
        "/news/feed.atom",
        "/events/feed.ics",
    ],
)
def test_machine_addresses_keep_theirs_whatever_the_language(client: Client, path: str) -> None:
    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})

    response = client.get(path)

    assert response.status_code == 200, path


@pytest.mark.parametrize("path", ["/fr/api/v1/openapi.json", "/fr/oai/?verb=Identify", "/es/sitemap.xml"])
def test_machine_addresses_have_no_language_prefix(client: Client, path: str) -> None:
    assert client.get(path).status_code == 404
