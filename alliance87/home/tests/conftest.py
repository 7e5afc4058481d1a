"""What the audience-cache tests share (`test_audience_cache*.py`): two people of one standing with names to spot,
signed-in clients, each client's own CSRF tokens, and the check that a visitor never gets a signed-in page."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import pytest
from django.middleware.csrf import _unmask_cipher_token  # type: ignore[attr-defined]
from django.test import Client

from alliance87.accounts.models import User
from alliance87.partners.models import OrganisationMembership
from conftest import make_user

HEADER = "X-Audience-Cache"


def page_tokens(page: str) -> set[str]:
    """The CSRF tokens of a page's forms."""
    return set(re.findall(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"', page))


def own_tokens_only(client: Client, page: str) -> bool:
    """The page has forms, and every CSRF token of them is made from this client's own secret."""
    secret = client.cookies["csrftoken"].value
    found = page_tokens(page)
    return bool(found) and {_unmask_cipher_token(token) for token in found} == {secret}


@pytest.fixture
def signed_in() -> Callable[[User], Client]:
    """A fresh browser signed in as the person (fresh: a client that once had a message keeps its spent cookie)."""

    def sign_in(user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def partnership(world):
    """The NGO is a partner; its plain member, Mireille Membrane, has a twin of the same standing, Tamsin Twinley
    (`world.twin`): two people of one audience, with names to spot on a page that must not show them."""
    world.ngo.is_partner = True
    world.ngo.save()
    member = world.member
    member.first_name, member.last_name, member.full_name = "Mireille", "Membrane", "Mireille Membrane"
    member.save()
    world.twin = make_user(
        "twin@example.org", first_name="Tamsin", last_name="Twinley", full_name="Tamsin Twinley"
    )
    OrganisationMembership.objects.create(user=world.twin, organisation=world.ngo)
    return world


@pytest.fixture
def visitors_never_get(signed_in) -> Callable[[User, Iterable[str]], None]:
    """`check(reader, paths)`: each page is kept for the signed-in reader, and a visitor never gets it (no audience
    header, no "Sign out", no placeholder) but the visitors' own page."""

    def check(reader: User, paths: Iterable[str]) -> None:
        paths = list(paths)
        client = signed_in(reader)
        for path in paths:
            client.get(path)
            assert client.get(path).headers.get(HEADER) == "hit", path
        for path in paths:
            page = Client().get(path)
            assert page.status_code == 200 and page.headers.get(HEADER) is None, path
            text = page.content.decode()
            assert "Sign out" not in text and "Sign in" in text and "\x00" not in text, path

    return check
