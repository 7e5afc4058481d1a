"""What every page promises about security: headers, CSRF, languages, and a clean deployment check."""

from __future__ import annotations

import pytest
from django.test import Client

from alliance87.partners.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/partners/", "/bodies/gcg/", "/partners/nope/"])
def test_pages_carry_the_security_headers(world, client, path):
    response = client.get(path)

    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "'unsafe-inline'" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_pages_contain_no_inline_script_the_policy_would_block(world, client):
    content = client.get("/").content.decode()

    assert "<script>" not in content
    assert " onclick=" not in content


def test_a_post_without_the_csrf_token_is_refused(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.focal_point)

    response = client.post(
        "/partners/freedom-fund-example/edit/",
        {"name": "Hijacked", "type": "civil_society"},
    )

    assert response.status_code == 403
    assert Organisation.objects.get(pk=world.ngo.pk).name == "Freedom Fund Example"


def test_a_post_with_the_csrf_token_from_the_form_is_accepted(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.focal_point)
    client.get("/partners/freedom-fund-example/edit/")
    token = client.cookies["csrftoken"].value

    response = client.post(
        "/partners/freedom-fund-example/edit/",
        {
            "name": "Freedom Fund Example",
            "type": "civil_society",
            "description": "Ok",
            "csrfmiddlewaretoken": token,
        },
    )

    assert response.status_code == 302


def test_an_anonymous_application_without_the_csrf_token_is_refused(world):
    response = Client(enforce_csrf_checks=True).post("/partners/apply/", {"organisation_name": "Spam"})

    assert response.status_code == 403


def test_choosing_french_shows_pages_in_french(world, client):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/partners/"})

    assert response.status_code == 302 and response["Location"] == "/fr/partners/"
    page = client.get("/partners/", follow=True)
    assert '<html lang="fr">' in page.content.decode()
    assert '<option value="fr" lang="fr" selected>' in page.content.decode()


def test_an_unknown_language_is_ignored(world, client):
    client.post("/i18n/setlang/", {"language": "xx", "next": "/"})

    assert '<html lang="en">' in client.get("/").content.decode()


def test_the_language_switch_does_not_redirect_to_other_sites(world, client):
    response = client.post("/i18n/setlang/", {"language": "es", "next": "https://evil.example.com/"})

    assert response.status_code == 302
    assert "evil.example.com" not in response["Location"]
