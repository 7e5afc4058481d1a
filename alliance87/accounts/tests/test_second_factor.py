"""Two-factor authentication: required of Secretariat officers and administrators where the settings say so."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from allauth.mfa.totp.internal.auth import app_settings as totp_settings

from alliance87.accounts.services import issue_api_token
from conftest import PASSWORD

pytestmark = pytest.mark.django_db

SECRETARIAT_PAGE = "/partners/applications/"


@pytest.fixture
def enforced(settings):
    """Production's rule: officers and administrators must have a second factor."""
    settings.MFA_REQUIRED_FOR_OFFICERS = True


def current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // totp_settings.TOTP_PERIOD))


def signed_in(client, user):
    """Signed in through the sign-in page, as a person is (allauth then knows when they last proved who they are)."""
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    return client


def reauthenticated(client):
    """Setting up a second factor asks for the password again (someone at an unattended screen cannot)."""
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    return client


def activate_totp(user) -> str:
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


@pytest.mark.parametrize("role", ["secretariat", "admin"])
def test_an_officer_without_a_second_factor_is_sent_to_set_one_up(world, client_for, enforced, role):
    client = client_for(getattr(world, role))

    response = client.get(SECRETARIAT_PAGE, follow=True)

    assert response.redirect_chain[0] == ("/accounts/2fa/", 302)
    content = response.content.decode()
    assert "protect their account with a second factor" in content
    assert "Authenticator" in content
    for page in ("/dashboard/", "/accounts/me/", "/admin/", "/plans/"):
        assert client.get(page)["Location"] == "/accounts/2fa/"


def test_the_set_up_pages_and_signing_out_stay_open_to_that_officer(world, client, enforced):
    signed_in(client, world.secretariat)

    assert client.get("/accounts/2fa/").status_code == 200
    assert client.get("/accounts/2fa/totp/activate/")["Location"].startswith("/accounts/reauthenticate/")
    reauthenticated(client)
    assert client.get("/accounts/2fa/totp/activate/").status_code == 200
    assert client.post("/accounts/logout/")["Location"] == "/"


def test_an_officer_sets_up_an_authenticator_app_and_reaches_secretariat_pages(world, client, enforced):
    signed_in(client, world.secretariat)
    assert client.get(SECRETARIAT_PAGE)["Location"] == "/accounts/2fa/"
    reauthenticated(client)
    page = client.get("/accounts/2fa/totp/activate/")
    secret = page.context["form"].secret

    response = client.post("/accounts/2fa/totp/activate/", {"code": current_code(secret)})

    assert response.status_code == 302
    assert Authenticator.objects.filter(user=world.secretariat, type=Authenticator.Type.TOTP).exists()
    assert client.get(SECRETARIAT_PAGE).status_code == 200


def test_an_officer_with_an_authenticator_signs_in_with_password_and_code(world, client, enforced):
    secret = activate_totp(world.secretariat)

    first = client.post("/accounts/login/", {"login": "secretariat@example.org", "password": PASSWORD})

    assert first["Location"] == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session
    wrong = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200 and "_auth_user_id" not in client.session
    right = client.post("/accounts/2fa/authenticate/", {"code": current_code(secret)})
    assert right.status_code == 302
    assert client.get(SECRETARIAT_PAGE).status_code == 200


def test_other_people_need_no_second_factor_but_may_add_one(world, client, enforced):
    signed_in(client, world.focal_point)

    assert client.get("/dashboard/").status_code == 200
    reauthenticated(client)
    assert client.get("/accounts/2fa/totp/activate/").status_code == 200


def test_the_api_refuses_an_officer_without_a_second_factor(world, client_for, enforced):
    _token, raw = issue_api_token(user=world.secretariat, name="script")
    client = client_for(None)

    by_token = client.get("/api/v1/applications", HTTP_AUTHORIZATION=f"Bearer {raw}")
    by_session = client_for(world.secretariat).get("/api/v1/applications")

    assert by_token.status_code == by_session.status_code == 403
    assert "second factor" in by_token.json()["detail"]


def test_without_the_requirement_officers_sign_in_with_their_password_alone(world, client):
    response = client.post("/accounts/login/", {"login": "secretariat@example.org", "password": PASSWORD})

    assert response["Location"] == "/dashboard/"
    assert client.get(SECRETARIAT_PAGE).status_code == 200


def _setting_under(profile: str, name: str) -> str:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": f"alliance87.settings.{profile}", "SECRET_KEY": "x" * 50}
    code = f"from django.conf import settings; print(settings.{name})"
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.strip()


def test_production_requires_the_second_factor_and_make_demo_does_not():
    assert _setting_under("production", "MFA_REQUIRED_FOR_OFFICERS") == "True"
    assert _setting_under("dev", "MFA_REQUIRED_FOR_OFFICERS") == "False"
