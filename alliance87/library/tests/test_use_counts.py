"""Views of items are counted in memory and written in batches: nothing lost, one write per batch."""

from __future__ import annotations

import pytest
from django.test import override_settings

from alliance87.library import use_counts
from alliance87.library.models import MonthlyUse

from .factories import make_item

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_tally():
    use_counts.write_views()
    yield
    use_counts.write_views()


@override_settings(LIBRARY_VIEWS_BATCH=3, LIBRARY_VIEWS_MAX_AGE=3600)
def test_views_are_written_once_a_batch_is_full():
    first, second = make_item(slug="first"), make_item(slug="second")
    use_counts.count_view("first")
    use_counts.count_view("second")
    assert not MonthlyUse.objects.exists()
    assert use_counts.pending_views() == 2

    use_counts.count_view("first")

    assert use_counts.pending_views() == 0
    assert MonthlyUse.objects.get(item=first).views == 2
    assert MonthlyUse.objects.get(item=second).views == 1


@override_settings(LIBRARY_VIEWS_BATCH=1000, LIBRARY_VIEWS_MAX_AGE=0)
def test_views_are_written_once_the_oldest_is_too_old():
    item = make_item(slug="aged")
    use_counts.count_view("aged")
    assert MonthlyUse.objects.get(item=item).views == 1


@override_settings(LIBRARY_VIEWS_BATCH=1000, LIBRARY_VIEWS_MAX_AGE=3600)
def test_a_batch_adds_to_this_months_count_and_skips_items_deleted_meanwhile(client):
    item = make_item(slug="kept")
    gone = make_item(slug="gone")
    client.get("/library/kept/")
    use_counts.count_view("kept")
    use_counts.count_view("gone")
    gone.delete()

    assert use_counts.write_views() == 2
    assert use_counts.write_views() == 0
    use_counts.count_view("kept")
    use_counts.write_views()

    assert MonthlyUse.objects.get(item=item).views == 3
    assert MonthlyUse.objects.count() == 1
