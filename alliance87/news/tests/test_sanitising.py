"""Markdown in posts is sanitised: none of these known XSS payloads survives on the post page."""

from __future__ import annotations

import re

import pytest

from .conftest import make_post

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert('xss')</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    '<a href="javascript&#58;alert(1)">x</a>',
    '<iframe src="https://evil.example"></iframe>',
    "<svg onload=alert(1)><circle r=1></svg>",
    "<svg><script>alert(1)</script></svg>",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![img](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<p style="width: expression(alert(1))">x</p>',
    '<object data="evil.swf"></object>',
    '<embed src="evil.swf">',
    '<form action="https://evil.example"><input name=x></form>',
    "<body onload=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<a href="vbscript:msgbox(1)">x</a>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:/">',
    '<link rel=stylesheet href="https://evil.example/x.css">',
    '"><script>alert(1)</script>',
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
]

FORBIDDEN = [
    r"<script",
    r"<iframe",
    r"<svg",
    r"<object",
    r"<embed",
    r"<form",
    r"<meta",
    r"<base",
    r"<link rel=.?stylesheet.?\s+href=.?https://evil",
    r"<style",
    r"<details",
    r"<video",
    r"\son[a-z]+\s*=",
    r"javascript:",
    r"vbscript:",
    r"data:",
    r"expression\(",
    r"style=",
]


def _article(html: str) -> str:
    return html.split('<div class="prose">', 1)[1].split("</article>", 1)[0]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_does_not_survive_on_the_post_page(client, payload):
    post = make_post(body=f"Intro\n\n{payload}\n\nOutro", title="Safe", slug="safe")

    html = client.get(post.get_absolute_url()).content.decode()
    article = _article(html).lower()

    for pattern in FORBIDDEN:
        assert not re.search(pattern, article), f"{pattern!r} survived from {payload!r}:\n{article}"
    assert "intro" in article  # the text around survives (an unclosed <style> may swallow what follows)


def test_ordinary_markdown_still_renders(client):
    post = make_post(body="**Bold** and [a link](https://www.alliance87.org)", slug="md")
    article = _article(client.get(post.get_absolute_url()).content.decode())
    assert "<strong>Bold</strong>" in article
    assert 'href="https://www.alliance87.org"' in article


def test_title_and_summary_are_escaped(client):
    post = make_post(title="<script>alert(1)</script>", summary="<img src=x onerror=alert(1)>", slug="esc")
    html = client.get(post.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html and "<img src=x" not in html
