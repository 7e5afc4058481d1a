"""Local development and `make demo`: the base settings, mail printed to the console."""

import os

from .base import *  # noqa: F403

# A fixed, public key: development signs nothing that matters. Production refuses to start without its own.
SECRET_KEY = os.environ.get("SECRET_KEY") or "django-insecure-alliance87-development-key-not-for-production"
SITE_URL = SITE_URL or f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"  # noqa: F405
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

# No collectstatic needed for the demo: WhiteNoise serves files from the apps (production uses the manifest).
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Sign-in (django-allauth) ------------------------------------------------------------------------------
# The demo accounts sign in with their password alone; production (and base) require officers to use a second
# factor. WebAuthn security keys also work on http://127.0.0.1 here.
MFA_REQUIRED_FOR_OFFICERS = False
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
