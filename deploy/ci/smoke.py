"""Smoke test of the production topology through nginx, as a visitor, a member and an operator would see it.

Run by deploy/ci/topology.sh with the installed package's Python (standard library plus the package itself).
Environment: SITE_URL (https://host:port), CONNECT_HOST (where that host is reached), CA_FILE (the
certificate to trust), MAILDIR (aiosmtpd's mailbox), API_TOKEN (a focal point's token), MEMBER_EMAIL and
MEMBER_PASSWORD (a partner member), DATA_DIR.
"""

from __future__ import annotations

import email
import email.policy
import http.client
import json
import os
import re
import socket
import ssl
import sys
import time
import uuid
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from alliance87.library.samples import text_pdf

SITE_URL = os.environ["SITE_URL"].rstrip("/")
SITE = urlsplit(SITE_URL)
CONNECT_HOST = os.environ.get("CONNECT_HOST", "127.0.0.1")
CONTEXT = ssl.create_default_context(cafile=os.environ["CA_FILE"])


class Connection(http.client.HTTPSConnection):
    """HTTPS to the site's name (SNI, certificate check, Host header) at another address (no DNS needed)."""

    def connect(self) -> None:
        sock = socket.create_connection((CONNECT_HOST, self.port), self.timeout)
        self.sock = CONTEXT.wrap_socket(sock, server_hostname=self.host)


class Response:
    def __init__(self, status: int, headers: http.client.HTTPMessage, body: bytes) -> None:
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def json(self) -> dict:
        return json.loads(self.body)


class Browser:
    """A person's browser: keeps cookies, sends the CSRF token back, does not follow redirects."""

    def __init__(self, token: str = "") -> None:
        self.cookies: dict[str, str] = {}
        self.token = token

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict | None = None
    ) -> Response:
        connection = Connection(SITE.hostname, SITE.port or 443, timeout=60)
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        connection.request(method, path, body=body, headers=headers)
        raw = connection.getresponse()
        response = Response(raw.status, raw.headers, raw.read())
        connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post_form(self, path: str, fields: dict[str, str], *, form_page: str | None = None) -> Response:
        page = self.get(form_page or path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        assert token, f"no CSRF token on {form_page or path}"
        body = urlencode({**fields, "csrfmiddlewaretoken": token.group(1)}).encode()
        return self.request(
            "POST",
            path,
            body,
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": SITE_URL + (form_page or path),
                "Origin": SITE_URL,
            },
        )

    def post_json(self, path: str, payload: dict) -> Response:
        return self.request("POST", path, json.dumps(payload).encode(), {"Content-Type": "application/json"})

    def upload(self, path: str, name: str, content: bytes, content_type: str) -> Response:
        boundary = uuid.uuid4().hex
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
                f"Content-Type: {content_type}\r\n\r\n"
            ).encode()
            + content
            + f"\r\n--{boundary}--\r\n".encode()
        )
        return self.request("POST", path, body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})


def wait_for(what: str, check, timeout: float = 120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


RESULTS: list[tuple[str, str | None]] = []


def check(name: str):
    def run(function):
        try:
            function()
        except Exception as error:
            RESULTS.append((name, repr(error)))
            print(f"FAIL {name}: {error!r}", flush=True)
        else:
            RESULTS.append((name, None))
            print(f"ok   {name}", flush=True)
        return function

    return run


visitor = Browser()
member = Browser()
focal = Browser(token=os.environ["API_TOKEN"])
WORD = f"quokka{uuid.uuid4().hex[:8]}"  # appears only inside the PDF's text


@check("plain http is redirected to https")
def _():
    connection = http.client.HTTPConnection(CONNECT_HOST, int(os.environ["HTTP_PORT"]), timeout=10)
    connection.request("GET", "/partners/", headers={"Host": SITE.hostname})
    response = connection.getresponse()
    assert response.status == 301, response.status
    assert response.headers["Location"] == f"{SITE_URL}/partners/", response.headers["Location"]


@check("the home page is served through the proxy with HTTPS headers")
def _():
    response = visitor.get("/")
    assert response.status == 200, response.status
    assert "Alliance 8.7" in response.text
    assert response.headers["Strict-Transport-Security"].startswith("max-age=3600"), response.headers
    assert "preload" not in response.headers["Strict-Transport-Security"]
    assert response.headers["X-Request-ID"], "no request id"
    assert "Content-Security-Policy" in response.headers


@check("static files come from nginx, cached for a year")
def _():
    home = visitor.get("/").text
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', home)
    assert stylesheet, "no stylesheet link"
    assert re.search(r"\.[0-9a-f]{12}\.css$", stylesheet.group(1)), (
        f"not a hashed name: {stylesheet.group(1)}"
    )
    response = visitor.get(stylesheet.group(1))
    assert response.status == 200, response.status
    cache_control = ", ".join(response.headers.get_all("Cache-Control") or [])
    assert "immutable" in cache_control and "max-age=31536000" in cache_control, cache_control
    assert "X-Request-ID" not in response.headers  # nginx answered, not the app


@check("a public news image is served from disk by nginx")
def _():
    response = visitor.get("/media/news/smoke/pixel.png")
    assert response.status == 200, response.status
    assert response.body.startswith(b"\x89PNG")
    assert "X-Request-ID" not in response.headers


@check("health and readiness answer through the proxy")
def _():
    assert visitor.get("/healthz").json() == {"status": "ok"}
    ready = wait_for("readiness", lambda: (r := visitor.get("/readyz")).status == 200 and r.json(), 60)
    assert all(c["status"] == "ok" for c in ready["checks"].values()), ready


@check("sitemap.xml and robots.txt use the site's address")
def _():
    sitemap = visitor.get("/sitemap.xml")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap.text)
    assert sitemap.status == 200, sitemap.status
    assert f"{SITE_URL}/partners/" in locations, locations[:5]
    assert all(location.startswith(SITE_URL + "/") for location in locations), locations[:5]
    assert f"Sitemap: {SITE_URL}/sitemap.xml" in visitor.get("/robots.txt").text


@check("a member signs in through the proxy (Host, CSRF and secure cookies)")
def _():
    response = member.post_form(
        "/accounts/login/",
        {"login": os.environ["MEMBER_EMAIL"], "password": os.environ["MEMBER_PASSWORD"]},
    )
    assert response.status == 302, (response.status, response.text[:500])
    assert "sessionid" in member.cookies


UPLOADED: dict[str, str] = {}


@check("a focal point adds a partners-only item with a PDF through the API")
def _():
    created = focal.post_json(
        "/api/v1/library/items",
        {"kind": "report", "title": "Topology smoke report", "year": 2026, "access": "partners"},
    )
    assert created.status == 201, (created.status, created.text)
    slug = created.json()["slug"]
    pdf = text_pdf([f"The {WORD} survey covers recruitment fees in three corridors."])
    uploaded = focal.upload(f"/api/v1/library/items/{slug}/files", "smoke.pdf", pdf, "application/pdf")
    assert uploaded.status == 201, (uploaded.status, uploaded.text)
    UPLOADED.update(slug=slug, file_id=str(uploaded.json()["id"]))


@check("the PDF's text is extracted by the worker and found by search")
def _():
    def found():
        response = focal.get(f"/api/v1/library/search?q={WORD}")
        assert response.status == 200, (response.status, response.text)
        hits = response.json()
        return (
            hits
            if any(hit.get("slug") == UPLOADED["slug"] for hit in hits.get("results", hits.get("hits", [])))
            else None
        )

    wait_for("the uploaded PDF in search results", found, 180)
    assert visitor.get(f"/api/v1/library/search?q={WORD}").text.count(UPLOADED["slug"]) == 0


@check("the restricted file is refused to a visitor and sent to a member by nginx")
def _():
    path = f"/library/files/{UPLOADED['file_id']}/download/"
    refused = visitor.get(path)
    assert refused.status == 404, refused.status
    served = member.get(path)
    assert served.status == 200, served.status
    assert served.body.startswith(b"%PDF"), served.body[:20]
    assert 'filename="smoke.pdf"' in served.headers["Content-Disposition"]
    assert "no-store" in served.headers["Cache-Control"]


@check("the internal file location cannot be reached directly")
def _():
    stored = list((Path(os.environ["DATA_DIR"]) / "media" / "library").rglob("smoke*.pdf"))
    assert stored, "the upload is not under ALLIANCE87_DATA_DIR/media"
    name = stored[0].relative_to(Path(os.environ["DATA_DIR"]) / "media").as_posix()
    assert visitor.get(f"/protected-media/{name}").status == 404
    assert visitor.get(f"/media/{name}").status == 404


@check("a password-reset e-mail reaches the SMTP server with links on SITE_URL")
def _():
    requested = visitor.post_form("/accounts/password/reset/", {"email": os.environ["MEMBER_EMAIL"]})
    assert requested.status == 302, requested.status

    def delivered():
        for path in Path(os.environ["MAILDIR"]).glob("*/*"):  # new/ and cur/ of the Maildir
            try:
                message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            except FileNotFoundError:  # moved from new/ to cur/ meanwhile
                continue
            if message["To"] == os.environ["MEMBER_EMAIL"]:
                return message
        return None

    message = wait_for("the password-reset e-mail", delivered, 120)
    body = message.get_body(preferencelist=("plain",)).get_content()
    links = re.findall(r"https?://\S+", body)
    assert links and all(
        link.rstrip("/.") == SITE_URL or link.startswith(SITE_URL + "/") for link in links
    ), links
    reset = next(link for link in links if "/accounts/password/reset/key/" in link)
    opened = visitor.get(urlsplit(reset).path)
    assert opened.status == 302 and opened.headers["Location"].endswith("set-password/"), (
        opened.status,
        opened.headers.get("Location"),
    )


failed = [name for name, error in RESULTS if error]
print(f"smoke: {len(RESULTS) - len(failed)} passed, {len(failed)} failed", flush=True)
sys.exit(1 if failed else 0)
