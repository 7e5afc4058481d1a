"""Local development and `make demo`: the base settings, mail printed to the console."""

import os

from .base import *  # noqa: F403

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

# No collectstatic needed for the demo: WhiteNoise serves files from the apps (production uses the manifest).
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
