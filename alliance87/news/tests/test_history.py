"""A news post's History page, for those who write news."""

from __future__ import annotations

import pytest

from alliance87.news.tests.conftest import make_post

pytestmark = pytest.mark.django_db


def test_the_secretariat_sees_the_changed_title_and_readers_are_refused(world, client_for):
    post = make_post(title="Alliance 8.7 meets in Geneva", slug="geneva")
    post.title = "Alliance 8.7 met in Geneva"
    post.save()
    html = client_for(world.secretariat).get("/news/geneva/history/").content.decode()
    assert "<del>Alliance 8.7 meets in Geneva</del>" in html
    assert client_for(world.member).get("/news/geneva/history/").status_code == 403
