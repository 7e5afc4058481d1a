"""Templates follow the tiers that import-linter holds for Python: a page uses only templates of the tiers below.

The tiers are read from the `tiers` contract in pyproject.toml, so there is one map. An app above, or a sibling
domain, fills a page's slot instead (core.layout); linking to another app's page by its URL name stays allowed.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]
USES = re.compile(r"""\{%\s*(?:include|extends)\s+["']([^"']+)["']""")


def _tiers() -> list[set[str]]:
    """Each layer's apps, top first."""
    config = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text())
    contract = next(c for c in config["tool"]["importlinter"]["contracts"] if c["id"] == "tiers")
    layers = []
    for layer in contract["layers"]:
        names = re.split(r"\s*[|:]\s*", layer.strip())
        apps = {name.strip("()").removeprefix("alliance87.") for name in names}
        layers.append(apps)
    return layers


def _owner(template_name: str) -> str | None:
    """The app whose templates/ folder holds this template."""
    for app_dir in PACKAGE.iterdir():
        if (app_dir / "templates" / template_name).is_file():
            return app_dir.name
    return None


def _rank(app: str, layers: list[set[str]]) -> int:
    for index, apps in enumerate(layers):
        if app in apps:
            return index
    raise AssertionError(f"{app} is in no tier of the `tiers` contract")


def _uses() -> list[tuple[str, str, str]]:
    found = []
    for path in sorted(PACKAGE.glob("*/templates/**/*.html")):
        app = path.relative_to(PACKAGE).parts[0]
        for name in USES.findall(path.read_text()):
            owner = _owner(name)
            if owner and owner != app:
                found.append((app, str(path.relative_to(PACKAGE)), owner))
    return found


def test_the_tiers_contract_names_every_app_with_templates():
    layers = _tiers()
    for app_dir in PACKAGE.iterdir():
        if (app_dir / "templates").is_dir():
            _rank(app_dir.name, layers)


def test_a_template_uses_only_templates_of_the_tiers_below():
    layers = _tiers()
    upward = []
    for app, template, owner in _uses():
        if _rank(owner, layers) <= _rank(app, layers):
            upward.append(f"{template} uses a template of {owner}")
    assert not upward, "Fill a slot of the lower page instead (core.layout): " + "; ".join(upward)
