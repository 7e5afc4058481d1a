"""The public surface (every page URL and every API operation) changes only on purpose.

Links, bookmarks, search engines and API clients rely on these addresses, and a moved module must not move them.
The snapshot lists every URL pattern the resolver knows (route and name) and every operation of the OpenAPI
document (method, path, operation id and tags), one per line, in the order the resolver tries them (an earlier
pattern shadows a later one) and the document lists them. Django's admin is one line: its pages are
generated from the models each app registers, for staff only, and would change with every registration.
"""

import difflib
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.urls import LocalePrefixPattern, URLPattern, URLResolver, get_resolver

from alliance87.api.urls import api

SNAPSHOT = Path(__file__).with_name("public_surface.txt")
ADMIN_PREFIX = "/admin/"
UPDATE_COMMAND = "UPDATE_PUBLIC_SURFACE=1 .venv/bin/pytest alliance87/tests/test_public_surface.py"
HOW_TO_UPDATE = (
    "The public surface changed (lines starting with - are gone, + are new). If the change is deliberate,\n"
    f"regenerate the snapshot with\n    {UPDATE_COMMAND}\nand commit alliance87/tests/{SNAPSHOT.name} "
    "with it, saying why in the commit message. Otherwise put the address back: people and clients rely on it."
)
HEADER = (
    "# The public surface of the platform, checked by test_public_surface.py: every URL pattern (route, name)\n"
    "# and every API operation (method, path, operation id, tags), in the order they are matched and listed.\n"
    "# Change it only on purpose:\n"
    f"#     {UPDATE_COMMAND}\n"
)


def url_patterns(
    patterns: Sequence[URLPattern | URLResolver], prefix: str = "", namespace: str = ""
) -> Iterator[str]:
    """``route  name`` for every pattern, with the routes and namespaces of the includes around it."""
    for entry in patterns:
        if isinstance(entry.pattern, LocalePrefixPattern):
            # Pages in every language: /partners/ (English), /fr/partners/, /es/partners/.
            others = "|".join(
                f"{code}/" for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE
            )
            yield from url_patterns(entry.url_patterns, f"{prefix}[{others}]", namespace)
        elif prefix + str(entry.pattern) == ADMIN_PREFIX:
            yield f"{ADMIN_PREFIX}...  admin:* (Django's admin, generated from the registered models)"
        elif isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from url_patterns(entry.url_patterns, prefix + str(entry.pattern), inner)
        else:
            name = f"{namespace}{entry.name}" if entry.name else "(no name)"
            yield f"{prefix}{entry.pattern}  {name}"


def api_operations(document: dict[str, Any]) -> Iterator[str]:
    """``METHOD path  operation id  tags`` for every operation of the OpenAPI document."""
    for path, item in document["paths"].items():
        for method, operation in item.items():
            tags = ", ".join(operation.get("tags", []))
            yield f"{method.upper()} {path}  {operation['operationId']}  {tags}"


def public_surface() -> str:
    urls = url_patterns(get_resolver().url_patterns, "/")
    operations = api_operations(api.get_openapi_schema())
    return "\n".join([HEADER, "# URL patterns", *urls, "", "# API operations", *operations, ""])


def test_public_surface_matches_the_committed_snapshot() -> None:
    current = public_surface()
    if os.environ.get("UPDATE_PUBLIC_SURFACE"):
        SNAPSHOT.write_text(current, encoding="utf-8")
    committed = SNAPSHOT.read_text(encoding="utf-8") if SNAPSHOT.exists() else ""
    if current != committed:
        diff = "\n".join(
            difflib.unified_diff(
                committed.splitlines(), current.splitlines(), "committed", "now", lineterm="", n=0
            )
        )
        raise AssertionError(f"{HOW_TO_UPDATE}\n\n{diff}")
