"""Choosing a new password by e-mail: the same answer for every address, a limit per address, tokens ended."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from alliance87.accounts.models import ApiToken
from alliance87.accounts.services import create_account, issue_api_token
from conftest import PASSWORD

pytestmark = pytest.mark.django_db

RESET = "/accounts/password/reset/"
NEW_PASSWORD = "a-brand-new-passphrase-8.7"


def reset_link(message) -> str:
    return urlsplit(re.search(r"https?://\S+/accounts/password/reset/key/\S+", message.body).group(0)).path


def choose_password(client, link: str, password: str = NEW_PASSWORD):
    form_page = client.get(link, follow=True)  # allauth moves the key into the session, then shows the form
    return client.post(form_page.redirect_chain[-1][0], {"password1": password, "password2": password})


def test_a_reset_for_a_known_and_an_unknown_address_answers_the_same(world, client):
    known = client.post(RESET, {"email": "focal@example.org"}, follow=True)
    unknown = client.post(RESET, {"email": "nobody@example.org"}, follow=True)

    assert known.redirect_chain == unknown.redirect_chain == [("/accounts/password/reset/done/", 302)]
    csrf = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')
    assert csrf.sub(b"", known.content) == csrf.sub(b"", unknown.content)
    assert "If an account exists for that address" in known.content.decode()


def test_the_known_address_gets_a_link_and_the_unknown_one_a_note_without_one(world, client):
    client.post(RESET, {"email": "focal@example.org"})
    client.post(RESET, {"email": "nobody@example.org"})

    to_focal, to_nobody = mail.outbox
    assert to_focal.to == ["focal@example.org"]
    assert to_focal.subject == "[Alliance 8.7] Choose your Alliance 8.7 password"
    assert "/accounts/password/reset/key/" in to_focal.body
    assert to_nobody.to == ["nobody@example.org"]
    assert "no account on the Alliance 8.7 platform has it" in to_nobody.body
    assert "/accounts/password/reset/key/" not in to_nobody.body


@pytest.mark.parametrize("email", ["not-an-address", ""])
def test_a_bad_address_is_shown_again_with_an_error(world, client, email):
    response = client.post(RESET, {"email": email})

    assert response.status_code == 200
    assert 'id="id_email_error"' in response.content.decode()
    assert mail.outbox == []


def test_one_address_gets_at_most_three_links_an_hour(world, client):
    for _attempt in range(5):
        response = client.post(RESET, {"email": "focal@example.org"})

    assert len(mail.outbox) == 3
    assert response.status_code in (200, 429)
    assert "/accounts/password/reset/done/" not in response.get("Location", "")


def test_choosing_a_new_password_ends_every_api_token_and_verifies_the_address(world, client):
    token, _raw = issue_api_token(user=world.focal_point, name="script")
    other, _raw = issue_api_token(user=world.member, name="not affected")
    EmailAddress.objects.filter(user=world.focal_point).update(verified=False)
    client.post(RESET, {"email": "focal@example.org"})

    response = choose_password(client, reset_link(mail.outbox[0]))

    assert response["Location"] == "/accounts/password/reset/key/done/"
    token.refresh_from_db()
    other.refresh_from_db()
    assert not token.is_active
    assert other.is_active
    assert EmailAddress.objects.get(user=world.focal_point).verified
    assert (
        client.post("/accounts/login/", {"login": "focal@example.org", "password": NEW_PASSWORD}).status_code
        == 302
    )
    assert mail.outbox[-1].to == ["focal@example.org"]  # told of the change, in case it was not them
    assert mail.outbox[-1].subject == "[Alliance 8.7] Password Reset"


def test_a_focal_point_without_a_password_chooses_one_from_the_approval_link(world, client):
    from alliance87.accounts.services import set_password_path

    user = create_account(email="new-focal@example.org", full_name="New Focal Point")

    response = choose_password(client, set_password_path(user))

    assert response.status_code == 302
    assert (
        client.post(
            "/accounts/login/", {"login": "new-focal@example.org", "password": NEW_PASSWORD}
        ).status_code
        == 302
    )


def test_a_link_mailed_before_the_move_to_allauth_still_works(world, client):
    user = world.member
    old_link = f"/accounts/password-reset/{urlsafe_base64_encode(force_bytes(user.pk))}/{default_token_generator.make_token(user)}/"

    response = client.get(old_link)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/password/reset/key/")
    assert choose_password(client, response["Location"]).status_code == 302


def test_a_forged_old_link_asks_for_a_new_one(world, client):
    response = client.get("/accounts/password-reset/MQ/bad-token/", follow=True)

    assert response.redirect_chain[-1][0] == "/accounts/password/reset/"
    assert "This link has expired or was already used" in response.content.decode()


def test_a_used_link_says_so(world, client):
    client.post(RESET, {"email": "member@example.org"})
    link = reset_link(mail.outbox[0])
    choose_password(client, link)
    client.logout()

    response = client.get(link, follow=True)

    assert "This link has expired or was already used" in response.content.decode()
    assert not ApiToken.objects.exists()
    assert PASSWORD  # the fixture's password is no longer the member's
