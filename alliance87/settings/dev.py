"""Local development and `make demo`: the base settings, mail printed to the console."""

import os

from .base import *  # noqa: F403

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
