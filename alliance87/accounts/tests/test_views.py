"""Signing in and out, choosing a password, and personal API tokens."""

from __future__ import annotations

import pytest
from django.core import mail

from alliance87.accounts.models import ApiToken
from alliance87.accounts.services import issue_api_token
from conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_people_sign_in_with_their_e_mail_in_any_case(world, client):
    response = client.post("/accounts/sign-in/", {"username": "FOCAL@example.org", "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/dashboard/"


@pytest.mark.parametrize(
    "data",
    [
        {"username": "focal@example.org", "password": "wrong"},
        {"username": "nobody@example.org", "password": "x"},
        {"username": "", "password": ""},
        {"username": "focal@example.org"},
    ],
    ids=["wrong-password", "unknown-account", "empty", "no-password"],
)
def test_a_failed_sign_in_shows_the_form_again_with_an_error(world, client, data):
    response = client.post("/accounts/sign-in/", data)

    assert response.status_code == 200
    assert "error" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_deactivated_account_cannot_sign_in(world, client):
    world.member.is_active = False
    world.member.save()

    response = client.post("/accounts/sign-in/", {"username": "member@example.org", "password": PASSWORD})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_sign_out_is_a_post_and_ends_the_session(world, client_for):
    client = client_for(world.member)

    assert client.get("/accounts/sign-out/").status_code == 405
    client.post("/accounts/sign-out/")
    assert client.get("/dashboard/").status_code == 302


@pytest.mark.parametrize("email", ["not-an-address", ""])
def test_a_bad_password_reset_address_is_shown_again_with_an_error(world, client, email):
    response = client.post("/accounts/password-reset/", {"email": email})

    assert response.status_code == 200
    assert 'id="id_email_error"' in response.content.decode()
    assert mail.outbox == []


def test_a_password_reset_for_an_unknown_address_looks_the_same_and_sends_nothing(world, client):
    response = client.post("/accounts/password-reset/", {"email": "nobody@example.org"})

    assert response.status_code == 302
    assert mail.outbox == []


def test_a_password_reset_link_with_a_bad_token_says_so(world, client):
    response = client.get("/accounts/password-reset/MQ/bad-token/", follow=True)

    assert response.status_code == 200
    assert "This link has expired or was already used" in response.content.decode()


def test_a_person_creates_a_token_sees_it_once_and_revokes_it(world, client_for):
    client = client_for(world.member)

    response = client.post("/accounts/me/", {"name": "reporting script"})

    token = ApiToken.objects.get(user=world.member)
    content = response.content.decode()
    assert "Copy it now" in content
    assert "a87_" in content
    assert "a87_" not in client.get("/accounts/me/").content.decode()
    client.post(f"/accounts/me/tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert not token.is_active


@pytest.mark.parametrize("name", ["", "x" * 101], ids=["empty", "too-long"])
def test_a_bad_token_name_is_shown_again_with_the_error(world, client_for, name):
    response = client_for(world.member).post("/accounts/me/", {"name": name})

    assert response.status_code == 200
    assert 'id="id_name_error"' in response.content.decode()
    assert not ApiToken.objects.exists()


def test_nobody_revokes_another_persons_token(world, client_for):
    token, _raw = issue_api_token(user=world.focal_point, name="script")

    response = client_for(world.secretariat).post(f"/accounts/me/tokens/{token.pk}/revoke/")

    assert response.status_code == 404
    token.refresh_from_db()
    assert token.is_active


def test_revoking_an_unknown_token_is_not_found(world, client_for):
    assert client_for(world.member).post("/accounts/me/tokens/999999/revoke/").status_code == 404
