"""Administrators appoint and remove Secretariat officers and administrators on a page, with history;
the first administrator comes from `alliance87 createadmin`."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from alliance87.accounts.models import PlatformRole, PlatformRoleChange, User

pytestmark = pytest.mark.django_db

URL = "/accounts/roles/"


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_administrator_appoints_a_secretariat_officer_and_the_history_shows_it(world):
    client = signed_in(world.admin)

    response = client.post(URL, {"email": world.member.email.upper(), "role": "secretariat"}, follow=True)

    world.member.refresh_from_db()
    assert world.member.is_secretariat
    page = response.content.decode()
    assert "Role appointed." in page
    change = PlatformRoleChange.objects.get()
    assert (change.user, change.role, change.granted, change.changed_by) == (
        world.member,
        PlatformRole.SECRETARIAT,
        True,
        world.admin,
    )
    assert world.member.display_name in page and "appointed" in page


def test_an_administrator_removes_a_secretariat_officer(world):
    client = signed_in(world.admin)

    client.post(f"/accounts/roles/{world.secretariat.pk}/secretariat/remove/")

    world.secretariat.refresh_from_db()
    assert not world.secretariat.is_secretariat
    assert PlatformRoleChange.objects.get().granted is False


def test_appointing_an_unknown_address_names_the_field(world):
    response = signed_in(world.admin).post(URL, {"email": "nobody@example.org", "role": "secretariat"})

    assert response.status_code == 400
    assert "No account uses this e-mail address" in response.content.decode()
    assert not PlatformRoleChange.objects.exists()


def test_the_last_administrator_cannot_be_removed(world):
    User.objects.filter(is_superuser=True).exclude(pk=world.admin.pk).update(is_superuser=False)

    response = signed_in(world.admin).post(
        f"/accounts/roles/{world.admin.pk}/administrator/remove/", follow=True
    )

    world.admin.refresh_from_db()
    assert world.admin.is_superuser
    assert "The last administrator cannot be removed" in response.content.decode()


def test_an_appointed_administrator_can_use_the_admin_site(world):
    signed_in(world.admin).post(URL, {"email": world.member.email, "role": "administrator"})

    assert signed_in(world.member).get("/admin/").status_code == 200


@pytest.mark.parametrize("who", ["secretariat", "chair", "member"])
def test_only_administrators_see_or_change_platform_roles(world, who):
    client = signed_in(getattr(world, who))

    assert client.get(URL).status_code == 403
    assert client.post(URL, {"email": world.outsider.email, "role": "administrator"}).status_code == 403
    assert client.post(f"/accounts/roles/{world.secretariat.pk}/secretariat/remove/").status_code == 403
    world.outsider.refresh_from_db()
    assert not world.outsider.is_superuser
    assert not PlatformRoleChange.objects.exists()


def test_visitors_are_sent_to_sign_in(world):
    response = Client().get(URL)

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_createadmin_makes_the_first_administrator_who_chooses_a_password_by_link(db, settings):
    settings.SITE_URL = "https://alliance87.example.org"
    out = StringIO()

    call_command("createadmin", "--email", "Ops@Example.org", "--name", "Ana Ops", stdout=out)

    user = User.objects.get(email="ops@example.org")
    assert user.is_superuser and user.is_staff and not user.has_usable_password()
    link = re.search(r"https://alliance87\.example\.org(/accounts/password/reset/key/\S+/)", out.getvalue())
    assert link
    client = Client()
    form = client.get(link.group(1), follow=True)
    new_password = "a-long-and-new-passphrase-87"
    client.post(form.redirect_chain[-1][0], {"password1": new_password, "password2": new_password})
    assert Client().login(username="ops@example.org", password=new_password)
    assert PlatformRoleChange.objects.get(user=user).changed_by is None


def test_createadmin_promotes_an_existing_account_once(world):
    call_command("createadmin", "--email", world.member.email, stdout=StringIO())
    call_command("createadmin", "--email", world.member.email, stdout=StringIO())

    world.member.refresh_from_db()
    assert world.member.is_superuser
    assert world.member.has_usable_password()
    assert PlatformRoleChange.objects.filter(user=world.member).count() == 1
