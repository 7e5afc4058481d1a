"""Full-page screenshots of the main pages at 1280 and 360 px, in English and French, into var/screenshots/.

    make screenshots                      # a demo site of its own (var/screenshots/site/), then every page
    make screenshots ONLY=plan            # pages whose name contains "plan"
    .venv/bin/python scripts/screenshots.py --site http://127.0.0.1:8000 --widths 360 --languages es

Without --site the script migrates and loads the demo into its own data directory, serves it on a free port and
stops the server at the end, so it never touches `make demo`'s database. Pages behind sign-in are seen by a demo
account (its session is made directly in the database). Each file is named <width>-<language>-<page>.png; a page
wider than its window is reported, since no page may scroll sideways.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "screenshots"
SITE_DATA = OUT / "site"
CHROMIUM = "/usr/bin/chromium"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "alliance87.cli", *args]


def start_demo_site(env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    """Migrate, load the demo (both idempotent) and serve it; the address once it answers."""
    # Our own command line, not untrusted input.
    subprocess.run(command("migrate", "--noinput", "-v", "0"), env=env, check=True)  # noqa: S603
    subprocess.run(command("load_demo"), env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603
    port = free_port()
    log = (OUT / "server.log").open("wb")  # the server's request log, kept out of the summary
    server = subprocess.Popen(  # noqa: S603
        command("runserver", "--noreload", f"127.0.0.1:{port}"), env=env, stdout=log, stderr=subprocess.STDOUT
    )
    site = f"http://127.0.0.1:{port}"
    for _ in range(900):  # up to 90 s on a busy machine
        try:
            urllib.request.urlopen(f"{site}/healthz", timeout=1)  # noqa: S310 (our own local server)
            return server, site
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("the demo site did not start")


def session_cookie(email: str) -> dict[str, str]:
    """A signed-in session for a demo account, stored where the site reads sessions."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(email=email))
    return {"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value}


def open_context(
    browser: Browser, site: str, width: int, language: str, session: dict[str, str] | None
) -> BrowserContext:
    """A browser window of this width in this language, with a signed-in session if given, and one tab."""
    context = browser.new_context(viewport={"width": width, "height": 900}, locale=language, bypass_csp=True)
    cookies = [{"name": "django_language", "value": language}]
    if session:
        cookies.append(session)
    context.add_cookies([{**cookie, "url": site} for cookie in cookies])  # type: ignore[misc]
    context.new_page()
    return context


def address(path: str, language: str) -> str:
    """The page's address in a language: the language prefix when the site has one."""
    from django.urls import translate_url

    return translate_url(path, language)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", help="an already running site on the demo data (default: start one)")
    parser.add_argument("--widths", default="1280,360")
    parser.add_argument("--languages", default="en,fr")
    parser.add_argument("--only", default=os.environ.get("ONLY", ""), help="pages whose name contains this")
    args = parser.parse_args()

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "alliance87.settings.dev"}
    if not args.site:
        env["ALLIANCE87_DATA_DIR"] = str(SITE_DATA)
        env.pop("DATABASE_URL", None)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from playwright.sync_api import sync_playwright

    from tests.browser.main_pages import main_pages

    OUT.mkdir(parents=True, exist_ok=True)
    server, site = (None, args.site.rstrip("/")) if args.site else start_demo_site(env)
    pages = [page for page in main_pages() if args.only in page.name]
    too_wide: list[str] = []
    sessions = {page.who: session_cookie(page.who) for page in pages if page.who}  # before Playwright's loop
    started = time.monotonic()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            for language in args.languages.split(","):
                for width in (int(w) for w in args.widths.split(",")):
                    contexts: dict[str, BrowserContext] = {}
                    for page in pages:
                        if page.who not in contexts:
                            contexts[page.who] = open_context(
                                browser, site, width, language, sessions.get(page.who)
                            )
                        tab = contexts[page.who].pages[0]
                        tab.goto(site + address(page.path, language), wait_until="load")
                        name = f"{width}-{language}-{page.name}.png"
                        tab.screenshot(path=str(OUT / name), full_page=True)
                        scroll_width = tab.evaluate("document.documentElement.scrollWidth")
                        if scroll_width > width:
                            too_wide.append(f"{name}: {scroll_width} px")
                    for context in contexts.values():
                        context.close()
            browser.close()
    finally:
        if server:
            server.terminate()
            server.wait()
    count = len(pages) * len(args.languages.split(",")) * len(args.widths.split(","))
    print(f"{count} screenshots in {OUT.relative_to(ROOT)}/ ({time.monotonic() - started:.0f} s)")
    for line in too_wide:
        print(f"  wider than the window: {line}")


if __name__ == "__main__":
    main()
