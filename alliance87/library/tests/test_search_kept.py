"""Searches and related items kept per query, access rule and data version: a new item is found by the next
search, and what one access rule finds never reaches another.

These tests commit for real (``transaction=True``): answers are only kept between committed data versions.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from alliance87.library.models import Access, Item, ItemKind
from alliance87.library.search import SearchQuery, record_change, related_items, search

pytestmark = pytest.mark.django_db(transaction=True)


def indexed(title: str, slug: str, access: str = Access.PUBLIC) -> Item:
    item = Item.objects.create(title=title, slug=slug, kind=ItemKind.REPORT, year=2020, access=access)
    record_change(item.pk)  # the index task runs at once in the tests, and raises the data version
    return item


def titles(query: str, user) -> set[str]:
    return {hit.title_html for hit in search(SearchQuery(text=query), user=user).hits}


def test_a_new_item_is_found_by_the_next_search(world):
    indexed("Bonded labour in brick kilns", "bonded-1")
    assert len(titles("bonded", world.member)) == 1
    assert len(titles("bonded", world.member)) == 1  # kept

    indexed("Bonded labour in agriculture", "bonded-2")

    assert len(titles("bonded", world.member)) == 2


def test_what_partners_find_never_reaches_anyone_else(world):
    world.ngo.is_partner = True
    world.ngo.save()
    indexed("Bonded labour briefing for partners", "bonded-partners", access=Access.PARTNERS)
    indexed("Bonded labour public report", "bonded-public")

    for _ in range(2):
        assert len(titles("bonded", world.member)) == 2
    assert len(titles("bonded", world.outsider)) == 1
    assert len(titles("bonded", AnonymousUser())) == 1
    assert len(titles("bonded", world.focal_point)) == 2  # the same rule as the member: the kept answer


def test_related_items_follow_the_access_rule_and_the_next_change(world):
    world.ngo.is_partner = True
    world.ngo.save()
    item = indexed("Bonded labour in brick kilns", "bonded-kilns")
    indexed("Bonded labour in brick kilns: partners' notes", "bonded-notes", access=Access.PARTNERS)

    assert [related.slug for related in related_items(item, user=world.member)] == ["bonded-notes"]
    assert related_items(item, user=world.outsider) == []

    indexed("Brick kilns and bonded labour, a survey", "bonded-survey")

    assert {related.slug for related in related_items(item, user=world.outsider)} == {"bonded-survey"}
