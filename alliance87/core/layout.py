"""The site's chrome: the header (with the navigation) and the footer that core's bare layout draws.

Core draws the frame of every page (head, skip link, messages, content) but knows no app. The app on top (home)
names the header and footer templates when Django starts, so every app's pages, which extend `core/base.html`,
get the site's navigation while core knows nothing of what it links to.
"""

from __future__ import annotations

_chrome: dict[str, str] = {}


def use_site_chrome(*, header: str, footer: str) -> None:
    """Name the templates core's layout includes as every page's header and footer (once, at start-up)."""
    _chrome.update(header=header, footer=footer)


def chrome_template(part: str) -> str:
    """The template registered for a part of the chrome ("header" or "footer"), or "" when none is."""
    return _chrome.get(part, "")
