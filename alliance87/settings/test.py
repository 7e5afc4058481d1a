"""The test suite: fast hashing, tasks run inline, mail kept in memory unless a test points it at SMTP."""

import os

from .base import *  # noqa: F403

SECRET_KEY = "test-only-secret-key-not-used-anywhere-else-0123456789"
SITE_URL = "http://127.0.0.1:8000"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "news_images": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
if DATABASES["default"]["ENGINE"] == "alliance87.core.sqlite":  # noqa: F405
    # In memory unless TEST_SQLITE_NAME names a file. Said as ":memory:", not "": pytest-django knows only Django's
    # own engine name as SQLite, and would give each xdist worker "test_<database path>_gw0", a file it cannot open.
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("TEST_SQLITE_NAME") or ":memory:"}  # noqa: F405

# Each view of a library item written at once (the batching has its own tests).
LIBRARY_VIEWS_BATCH = 1

# --- Sign-in (django-allauth) ------------------------------------------------------------------------------
# Most tests act as officers without a second factor; the tests of enforcement switch it on as production has it.
MFA_REQUIRED_FOR_OFFICERS = False
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
# Counters in memory, emptied before each test (conftest.py); test_rate_limits runs them on the database cache too.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": ""},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
    "audience": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "audience"},
}
