"""The site's navigation comes from home and reaches every app's pages through core's bare layout."""

from __future__ import annotations

import re

import pytest
from django.template.loader import render_to_string

from alliance87.core import layout


def _nav_links(html: str) -> list[str]:
    nav = re.search(r'<nav aria-label="Main" class="main-nav"[^>]*>(.*?)</nav>', html, re.S)
    assert nav, "the page has no main navigation"
    return re.findall(r">([^<]+)</a>", nav.group(1))


@pytest.mark.parametrize(
    "path", ["/partners/", "/bodies/gcg/", "/countries/fj/", "/plans/", "/library/", "/news/"]
)
def test_every_section_shows_the_site_navigation_and_marks_where_the_reader_is(world, client, path):
    html = client.get(path).content.decode()
    assert _nav_links(html) == [
        "Partners",
        "Bodies",
        "Pathfinder Countries",
        "Plans",
        "Data",
        "Library",
        "Events",
        "News",
        "Community",
        "Join",
    ]
    current = re.findall(r'<a href="([^"]+)" aria-current="page">', html)
    assert current == ["/" + path.strip("/").split("/")[0] + "/"]
    assert "About this platform" in html


def test_the_footer_leads_to_the_commitments_register_and_the_meetings_decisions(world, client):
    html = client.get("/").content.decode()
    assert '<a href="/commitments/">Commitments register</a>' in html
    assert '<a href="/events/decisions/">Decisions</a>' in html


def test_a_signed_in_reader_sees_their_unread_notification_count(world, client_for):
    html = client_for(world.member).get("/partners/").content.decode()
    assert "Notifications (0)" in html


def test_an_error_page_keeps_the_navigation_and_leads_home(db, client):
    response = client.get("/bodies/no-such-body/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in html
    assert "Partners" in _nav_links(html)
    assert '<a href="/">Go to the home page</a>' in html


def test_core_layout_alone_draws_a_bare_page_without_navigation(monkeypatch, rf):
    monkeypatch.setattr(layout, "_slots", {})
    html = render_to_string("core/base.html", request=rf.get("/"))
    assert "<main" in html
    assert "main-nav" not in html
    assert "site-footer" not in html
