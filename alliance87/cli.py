"""The `alliance87` command: Django's management commands, with `serve` for production serving."""

from __future__ import annotations

import os
import sys


def default_settings_module() -> str:
    """Production whenever a secret key is configured, development otherwise (`make demo`, a fresh checkout)."""
    return "alliance87.settings.production" if os.environ.get("SECRET_KEY") else "alliance87.settings.dev"


def ensure_data_dirs() -> None:
    """Create the directories the platform writes to; done when a command starts, never when settings load."""
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    try:
        paths = (settings.DATA_DIR, settings.MEDIA_ROOT, settings.STATIC_ROOT)
    except ImproperlyConfigured:
        return  # the command itself reports what is wrong with the settings
    for path in paths:
        path.mkdir(parents=True, exist_ok=True)


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", default_settings_module())
    from django.core.management import execute_from_command_line

    ensure_data_dirs()
    execute_from_command_line(["alliance87", *(argv if argv is not None else sys.argv[1:])])


if __name__ == "__main__":
    main()
