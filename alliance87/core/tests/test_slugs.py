"""unique_slug, tried on auth's Group so that core needs no domain model (its unique `name` stands for a slug)."""

from typing import Any

import pytest
from django.contrib.auth.models import Group

from alliance87.core.slugs import unique_slug

pytestmark = pytest.mark.django_db


def free_name(text: str, *, max_length: int = 60, **options: Any) -> str:
    return unique_slug(Group, text, max_length=max_length, field="name", **options)


def test_a_free_title_becomes_its_slug():
    assert free_name("Supply Chains & Due Diligence") == "supply-chains-due-diligence"


def test_a_taken_slug_gets_the_next_free_number():
    Group.objects.create(name="supply-chains")
    Group.objects.create(name="supply-chains-2")

    assert free_name("Supply chains") == "supply-chains-3"


def test_a_reserved_word_is_skipped_like_a_taken_slug():
    assert free_name("New", reserved=frozenset({"new"})) == "new-2"


def test_the_slug_is_cut_to_the_maximum_length_without_a_trailing_hyphen():
    assert free_name("abcd efgh", max_length=5) == "abcd"


def test_a_numbered_slug_keeps_within_the_maximum_length():
    Group.objects.create(name="abcdefghij")

    assert free_name("abcdefghij klm", max_length=10) == "abcdefgh-2"


def test_text_without_latin_letters_or_digits_falls_back():
    assert free_name("東京 — !!", fallback="plan") == "plan"


def test_the_fallback_is_numbered_when_taken():
    Group.objects.create(name="plan")

    assert free_name("", fallback="plan") == "plan-2"


def test_the_object_being_renamed_does_not_take_its_own_slug():
    group = Group.objects.create(name="migration")

    assert free_name("Migration", exclude_pk=group.pk) == "migration"
    assert free_name("Migration") == "migration-2"


def test_a_queryset_limits_which_rows_count():
    Group.objects.create(name="migration")

    assert unique_slug(Group.objects.exclude(name="migration"), "Migration", max_length=60, field="name") == (
        "migration"
    )
