"""A country's profile counts the library items about it up to a bound, and says "more than" beyond it."""

from __future__ import annotations

import pytest

from alliance87.library import selectors as library_selectors
from alliance87.library.models import Access, ItemCountry
from alliance87.library.tests.factories import make_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def kenyan_items(world):
    for n in range(12):
        item = make_item(title=f"Kenyan report {n}", countries=["KE"])
        ItemCountry.objects.create(item=item, country="KE")
    hidden = make_item(title="Partners-only notes", countries=["KE"], access=Access.PARTNERS)
    ItemCountry.objects.create(item=hidden, country="KE")


def test_a_country_with_fewer_items_than_the_bound_shows_their_number(client, kenyan_items):
    page = client.get("/countries/ke/").content.decode()
    assert "All 12 library items about this country" in page  # the visitor's, not the partners-only one


def test_a_country_with_more_items_than_the_bound_says_more_than(client, kenyan_items, monkeypatch):
    monkeypatch.setattr(library_selectors, "COUNTED_ITEMS", 10)
    page = client.get("/countries/ke/").content.decode()
    assert "More than 10 library items about this country" in page
    assert "All 12" not in page


def test_the_bound_holds_for_a_regions_countries(world, kenyan_items, monkeypatch):
    from django.contrib.auth.models import AnonymousUser

    monkeypatch.setattr(library_selectors, "COUNTED_ITEMS", 10)
    newest, total, more = library_selectors.items_about_countries(AnonymousUser(), ["KE", "TZ"])
    assert (len(newest), total, more) == (8, 10, True)
    monkeypatch.setattr(library_selectors, "COUNTED_ITEMS", 12)
    assert library_selectors.items_about_countries(AnonymousUser(), ["KE", "TZ"])[1:] == (12, False)
