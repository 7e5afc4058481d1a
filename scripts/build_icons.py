"""Build the icon sprite (core/static/core/vendor/icons.svg) from the Lucide icons the templates use.

Lucide (ISC licence) is vendored, not loaded from a CDN: only the icons named below, as <symbol>s of one file
the templates reach through `{% icon "name" %}`. To add an icon, add its Lucide name here and run

    npm pack lucide-static@1.62.0 && tar xzf lucide-static-1.62.0.tgz
    .venv/bin/python scripts/build_icons.py package/

which rewrites the sprite and copies Lucide's licence beside it.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

ICONS = sorted(
    [
        "arrow-right",
        "book-open",
        "building-2",
        "calendar",
        "chart-column",
        "check",
        "chevron-down",
        "chevron-right",
        "circle-alert",
        "clock",
        "code",
        "download",
        "external-link",
        "file-text",
        "flag",
        "globe",
        "handshake",
        "inbox",
        "info",
        "landmark",
        "layout-dashboard",
        "log-in",
        "log-out",
        "mail",
        "map-pin",
        "menu",
        "message-square",
        "newspaper",
        "plus",
        "rss",
        "search",
        "target",
        "triangle-alert",
        "user",
        "users",
        "x",
    ]
)
OUT = Path(__file__).resolve().parent.parent / "alliance87" / "core" / "static" / "core" / "vendor"


def symbol(name: str, source: str) -> str:
    """The icon's drawing as a <symbol>; stroke and fill come from the page's CSS (class "icon")."""
    body = re.search(r"<svg[^>]*>(.*)</svg>", source, re.S)
    if not body:
        raise SystemExit(f"{name}: not an SVG")
    shapes = " ".join(line.strip() for line in body.group(1).strip().splitlines())
    return f'<symbol id="{name}" viewBox="0 0 24 24">{shapes}</symbol>'


def main(package: Path) -> None:
    version = re.search(r'"version":\s*"([^"]+)"', (package / "package.json").read_text())
    symbols = [symbol(name, (package / "icons" / f"{name}.svg").read_text()) for name in ICONS]
    header = f"<!-- Lucide icons {version.group(1) if version else ''}, ISC licence (icons-LICENSE.txt) -->"
    sprite = "\n".join([header, '<svg xmlns="http://www.w3.org/2000/svg">', *symbols, "</svg>", ""])
    (OUT / "icons.svg").write_text(sprite)
    shutil.copy(package / "LICENSE", OUT / "icons-LICENSE.txt")
    print(f"{len(symbols)} icons in {OUT / 'icons.svg'}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
