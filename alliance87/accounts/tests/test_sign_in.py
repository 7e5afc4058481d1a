"""Signing in and out with django-allauth: e-mail sign-in, lockout, verification, and answers that reveal nothing."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from alliance87.accounts.services import create_account
from conftest import PASSWORD

pytestmark = pytest.mark.django_db

SIGN_IN = "/accounts/login/"


def sign_in(client, email, password=PASSWORD):
    return client.post(SIGN_IN, {"login": email, "password": password})


def visible_text(response) -> str:
    """The page as a person reads it: without the CSRF token and the address they typed."""
    html = response.content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    return re.sub(r'value="[^"]*@[^"]*"', "", html)


def test_people_sign_in_with_their_e_mail_in_any_case_and_land_on_the_dashboard(world, client):
    response = sign_in(client, "FOCAL@example.org")

    assert response.status_code == 302
    assert response["Location"] == "/dashboard/"
    assert client.get("/dashboard/").status_code == 200


@pytest.mark.parametrize(
    "data",
    [
        {"login": "focal@example.org", "password": "wrong"},
        {"login": "nobody@example.org", "password": "x"},
        {"login": "", "password": ""},
        {"login": "focal@example.org"},
    ],
    ids=["wrong-password", "unknown-account", "empty", "no-password"],
)
def test_a_failed_sign_in_shows_the_form_again_with_an_error(world, client, data):
    response = client.post(SIGN_IN, data)

    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_wrong_password_and_an_unknown_address_get_the_same_answer(world, client):
    known = sign_in(client, "focal@example.org", "wrong-password")
    unknown = sign_in(client, "nobody@example.org", "wrong-password")

    assert known.status_code == unknown.status_code == 200
    assert visible_text(known) == visible_text(unknown)


def test_after_five_wrong_passwords_the_account_is_locked_even_for_the_right_one(world, client):
    for _attempt in range(5):
        assert sign_in(client, "admin@example.org", "guess").status_code == 200

    response = sign_in(client, "admin@example.org")

    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another account is not affected by the lockout of the first.
    assert sign_in(client, "member@example.org").status_code == 302


def test_an_unknown_address_is_locked_out_the_same_way(world, client):
    for _attempt in range(5):
        sign_in(client, "nobody@example.org", "guess")

    assert "Too many failed login attempts" in sign_in(client, "nobody@example.org").content.decode()


def test_one_client_guessing_many_addresses_is_slowed_down(world, client):
    for number in range(10):
        sign_in(client, f"guess{number}@example.org", "guess")

    response = sign_in(client, "member@example.org")

    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)


def test_a_deactivated_account_cannot_sign_in(world, client):
    world.member.is_active = False
    world.member.save()

    sign_in(client, "member@example.org")

    assert "_auth_user_id" not in client.session


def test_sign_out_is_a_post_and_ends_the_session(world, client_for):
    client = client_for(world.member)

    assert client.get("/accounts/logout/").status_code == 200  # a page asking to confirm, nothing ended
    assert client.get("/dashboard/").status_code == 200
    response = client.post("/accounts/logout/")
    assert response["Location"] == "/"
    assert client.get("/dashboard/").status_code == 302


def test_an_account_whose_address_is_not_verified_gets_a_link_before_it_signs_in(world, client):
    user = create_account(email="new@example.org", full_name="New Person", password=PASSWORD)

    response = sign_in(client, "new@example.org")

    assert "_auth_user_id" not in client.session
    assert response["Location"] == "/accounts/confirm-email/"
    assert mail.outbox[-1].to == ["new@example.org"]
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", mail.outbox[-1].body).group(0)
    client.post(urlsplit(link).path)
    assert EmailAddress.objects.get(user=user).verified
    assert sign_in(client, "new@example.org").status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_nobody_signs_up_alone(world, client):
    response = client.get("/accounts/signup/")

    assert "Accounts are opened on approval" in response.content.decode()
    client.post("/accounts/signup/", {"email": "me@example.org", "password1": "a-long-password-87"})
    assert not EmailAddress.objects.filter(email="me@example.org").exists()


def test_the_old_sign_in_address_leads_to_the_new_one(world, client):
    response = client.get("/accounts/sign-in/?next=/plans/")

    assert response.status_code == 301
    assert response["Location"] == "/accounts/login/?next=/plans/"


def test_the_django_admin_signs_people_in_through_the_platform(world, client):
    response = client.get("/admin/login/?next=/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_pages_for_signed_in_people_send_others_to_sign_in(world, client):
    response = client.get("/accounts/me/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/accounts/me/"
