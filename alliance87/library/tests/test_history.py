"""A library item's History page, for those who may edit the item."""

from __future__ import annotations

import pytest

from alliance87.library.models import Access
from alliance87.library.tests.factories import make_item

pytestmark = pytest.mark.django_db


def test_an_editor_sees_the_changed_title_and_others_are_refused(world, client_for):
    item = make_item(title="Draft report", slug="report", access=Access.PUBLIC)
    item.title = "Final report"
    item.save()
    html = client_for(world.secretariat).get("/library/report/history/").content.decode()
    assert "<del>Draft report</del>" in html and "<ins>Final report</ins>" in html
    assert client_for(world.outsider).get("/library/report/history/").status_code == 403
    assert client_for(None).get("/library/report/history/").status_code == 302


def test_a_restricted_item_history_is_not_found_for_those_who_may_not_see_it(world, client_for):
    make_item(title="Minutes", slug="minutes", access=Access.BODY, access_body=world.migration)
    assert client_for(world.outsider).get("/library/minutes/history/").status_code == 404
