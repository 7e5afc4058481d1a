"""Optional single sign-on through OpenID Connect, configured from the environment."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from alliance87.core.middleware import content_security_policy
from alliance87.settings.base import sso_apps_from_environment

ILO = {
    "SSO_PROVIDERS": "ilo",
    "SSO_ILO_SERVER_URL": "https://login.ilo.example/realms/staff",
    "SSO_ILO_CLIENT_ID": "alliance87",
    "SSO_ILO_CLIENT_SECRET": "s3cret",
    "SSO_ILO_NAME": "ILO staff",
    "SSO_ILO_EMAIL_DOMAINS": "ilo.org, ILO.example",
}


def test_no_provider_is_configured_unless_the_environment_names_one():
    assert sso_apps_from_environment({}) == []


def test_a_provider_is_read_from_its_variables():
    (app,) = sso_apps_from_environment(ILO)

    assert app == {
        "provider_id": "ilo",
        "name": "ILO staff",
        "client_id": "alliance87",
        "secret": "s3cret",
        "settings": {
            "server_url": "https://login.ilo.example/realms/staff",
            "verified_email": ["ilo.org", "ilo.example"],
        },
    }


def test_a_provider_without_its_secret_stops_the_start_with_the_missing_variable_named():
    incomplete = {k: v for k, v in ILO.items() if k != "SSO_ILO_CLIENT_SECRET"}

    with pytest.raises(ImproperlyConfigured, match="SSO_ILO_CLIENT_SECRET"):
        sso_apps_from_environment(incomplete)


@pytest.mark.django_db
def test_the_sign_in_page_offers_the_provider_and_may_post_to_it(client, settings):
    apps = sso_apps_from_environment(ILO)
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": apps, "OAUTH_PKCE_ENABLED": True}}
    settings.CSP_EXTRA_FORM_ACTION = ["https://login.ilo.example"]

    page = client.get("/accounts/login/").content.decode()

    assert "Sign in with ILO staff" in page
    assert 'href="/accounts/oidc/ilo/login/?process=login"' in page
    assert "form-action 'self' https://login.ilo.example" in content_security_policy()


@pytest.mark.django_db
def test_single_sign_on_opens_no_new_account(rf):
    from alliance87.accounts.adapter import AccountAdapter, SocialAccountAdapter

    request = rf.get("/")
    assert not SocialAccountAdapter(request).is_open_for_signup(request, sociallogin=None)
    assert not AccountAdapter(request).is_open_for_signup(request)
