"""Settings shared by every profile; everything a deployment changes comes from the environment."""

from __future__ import annotations

import os
from email.utils import getaddresses
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = BASE_DIR.parent


def env_bool(name: str, default: bool = False) -> bool:
    """Read a yes/no environment variable ("1", "true", "yes", "on" are yes)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_path(name: str, default: Path) -> Path:
    """A directory named by the environment; it must be absolute, so it never depends on where a command runs."""
    value = os.environ.get(name)
    if not value:
        return default
    path = Path(value)
    if not path.is_absolute():
        raise ImproperlyConfigured(f"{name} must be an absolute path, not {value!r}.")
    return path


# Everything the platform writes (database file, uploads, collected static files, search index) lives under one
# directory. A checkout keeps it in `var/`; an installed package must be given one outside the virtualenv
# (production refuses to start otherwise), so that rebuilding the virtualenv loses nothing.
DATA_DIR = env_path("ALLIANCE87_DATA_DIR", env_path("ALLIANCE87_VAR_DIR", PROJECT_DIR / "var"))
VAR_DIR = DATA_DIR  # the older name, still read by the search backends

DEBUG = env_bool("DEBUG", False)
# Base settings carry no key: the dev and test profiles set a fixed, public one; production requires SECRET_KEY.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
# Old keys still accepted for signatures (sessions, password-reset links) after a rotation: comma-separated.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The address people reach the site at, used in e-mails, feeds and permanent identifiers. Production requires it
# (a deployment check fails without it); the dev profile falls back to the local server.
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")
#: Who publishes the plans' IATI files: by default the ILO, host of the Alliance 8.7 Secretariat ("Alliance 8.7:
#: description of the initiative"), under its registered IATI organisation identifier XM-DAC-41302.
IATI_REPORTING_ORG_REF = os.environ.get("IATI_REPORTING_ORG_REF", "XM-DAC-41302")
IATI_REPORTING_ORG_NAME = os.environ.get(
    "IATI_REPORTING_ORG_NAME", "International Labour Organization (Alliance 8.7 Secretariat)"
)
IATI_REPORTING_ORG_TYPE = os.environ.get(
    "IATI_REPORTING_ORG_TYPE", "40"
)  # IATI OrganisationType: multilateral
# Who receives error reports by e-mail: "Ana <ana@example.org>, ops@example.org".
ADMINS = [(name or address, address) for name, address in getaddresses(env_list("ADMINS")) if address]
MANAGERS = ADMINS

INSTALLED_APPS = [
    # First: it adds the translation fields before the admin and django-simple-history read the models.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_countries",
    "django.contrib.sitemaps",
    "django_tasks",
    "simple_history",
    # Before django_tasks_db: its `db_worker` command is replaced by one that survives a locked database.
    "alliance87.core",
    "django_tasks_db",
    "ninja",
    "alliance87.accounts",
    "alliance87.partners",
    "alliance87.countries",
    "alliance87.bodies",
    "alliance87.plans",
    "alliance87.library",
    "alliance87.news",
    "alliance87.community",
    "alliance87.meetings",
    "alliance87.data",
    "alliance87.commitments",
    "alliance87.home",
]

MIDDLEWARE = [
    # /healthz and /readyz answer before host checks and the HTTPS redirect (probes use plain http and an IP).
    "alliance87.core.health.HealthCheckMiddleware",
    # Then, so every log line of the request (and the response) carries its id.
    "log_request_id.middleware.RequestIDMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "alliance87.core.languages.ApiLanguageMiddleware",
    # After the language is known: a reader who chose a language follows unprefixed page links into it.
    "alliance87.core.languages.ChosenLanguageRedirectMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "alliance87.core.middleware.SecurityHeadersMiddleware",
    # Who made a change, for the historical records (alliance87.core.history): the request's person, which
    # AccountSecurityMiddleware sets from a bearer token on the API.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Innermost, so its refusals carry the headers and the layout: size, NUL bytes, surrogates, huge numbers.
    "alliance87.core.request_bounds.RequestBoundsMiddleware",
]

ROOT_URLCONF = "alliance87.urls"
WSGI_APPLICATION = "alliance87.wsgi.application"
ASGI_APPLICATION = "alliance87.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "alliance87.core.context_processors.platform",
                "alliance87.community.context_processors.notifications",
            ],
        },
    },
]

DEFAULT_DATABASE_URL = f"sqlite:///{DATA_DIR / 'alliance87.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
# How long a writer waits for SQLite's write lock before giving up (milliseconds): writers queue, not fail.
SQLITE_BUSY_TIMEOUT_MS = int(os.environ.get("SQLITE_BUSY_TIMEOUT_MS", "20000"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers and the task worker proceed while a request writes; IMMEDIATE avoids
        # "database is locked" on lock upgrades inside transactions.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
            f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}; PRAGMA cache_size=-20000;"
        ),
        "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000,
        "transaction_mode": "IMMEDIATE",
    }
    # Django's SQLite backend, keeping the query planner's statistics (alliance87/core/sqlite).
    DATABASES["default"]["ENGINE"] = "alliance87.core.sqlite"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_REDIRECT_URL = "home:dashboard"
LOGOUT_REDIRECT_URL = "home:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
# Content translation (core.content_translation): English is the original; FR/ES fall back to it, marked on pages.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "fr", "es")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env_path("STATIC_ROOT", DATA_DIR / "static")
MEDIA_URL = "/media/"
MEDIA_ROOT = env_path("MEDIA_ROOT", DATA_DIR / "media")
# Files on local disk are sent by the proxy after the app has checked who asks: the app answers with
# X-Accel-Redirect to this internal location (nginx `internal;`, mapped to MEDIA_ROOT). Empty: the app streams them.
ACCEL_REDIRECT_PREFIX = os.environ.get("ACCEL_REDIRECT_PREFIX", "")
# Folders of MEDIA_ROOT anyone may read (news images); the proxy serves them directly, the app when there is none.
# Everything else (library files) is sent only after a permission check.
PUBLIC_MEDIA_PREFIXES = ["news/"]
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # News images are public: with a bucket they get their own public, non-expiring addresses (production.py).
    "news_images": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# A download from a bucket is a redirect to a link signed for this many seconds (long enough to start it).
MEDIA_DOWNLOAD_LINK_SECONDS = int(os.environ.get("MEDIA_DOWNLOAD_LINK_SECONDS", "300"))

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Alliance 8.7 <no-reply@alliance87.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The domain in each message's Message-ID (the same on every delivery attempt).
EMAIL_MESSAGE_ID_DOMAIN = os.environ.get("EMAIL_MESSAGE_ID_DOMAIN", "alliance87.local")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Uploads: refuse large bodies early; apps check type and size of files themselves.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Data imports: the largest file read (bytes) and the most rows; aggregates of case-level data publish no cell
# below the threshold.
DATA_IMPORT_MAX_BYTES = int(os.environ.get("DATA_IMPORT_MAX_BYTES", str(20 * 1024 * 1024)))
DATA_IMPORT_MAX_ROWS = int(os.environ.get("DATA_IMPORT_MAX_ROWS", "200000"))
DATA_DISCLOSURE_THRESHOLD = int(os.environ.get("DATA_DISCLOSURE_THRESHOLD", "10"))
# The largest file the library accepts (bytes); larger ones are refused with a message, not truncated.
LIBRARY_MAX_UPLOAD_BYTES = int(os.environ.get("LIBRARY_MAX_UPLOAD_BYTES", str(50 * 1024 * 1024)))
# The largest request body of all (an upload with its form), answered 413 before it is read; bodies without a
# file (JSON, forms) stop at DATA_UPLOAD_MAX_MEMORY_SIZE.
REQUEST_BODY_MAX_BYTES = int(
    os.environ.get(
        "REQUEST_BODY_MAX_BYTES", str(max(LIBRARY_MAX_UPLOAD_BYTES, DATA_IMPORT_MAX_BYTES) + 1024 * 1024)
    )
)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Logs: one line per event with time, level, logger and the request's id (taken from the proxy's X-Request-ID
# or made up); LOG_FORMAT=json writes one JSON object per line for a log collector.
LOG_REQUEST_ID_HEADER = "HTTP_X_REQUEST_ID"
GENERATE_REQUEST_ID_IF_NOT_IN_HEADER = True
REQUEST_ID_RESPONSE_HEADER = "X-Request-ID"
NO_REQUEST_ID = "-"
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "log_request_id.filters.RequestIDFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(request_id)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        },
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["request_id"],
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Server errors also go by e-mail to ADMINS (when set; Django's handler sends nothing without them).
        "django.request": {"handlers": ["console", "mail_admins"], "level": "ERROR", "propagate": False},
    },
}

# Error reporting to Sentry (or a compatible service such as GlitchTip) when SENTRY_DSN is set. No personal data
# is sent: no cookies, no user details, no request bodies.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        release=os.environ.get("SENTRY_RELEASE") or None,
        send_default_pii=False,
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )

COUNTRIES_FIRST_BREAK = None
FORMS_URLFIELD_ASSUME_HTTPS = True
# Serve app static files straight from their apps when collectstatic has not run (demo, tests).
WHITENOISE_USE_FINDERS = True

# PDF text is read in a process of its own with these limits (a hostile PDF cannot eat the worker).
PDF_READER_MAX_MEMORY_BYTES = int(os.environ.get("PDF_READER_MAX_MEMORY_BYTES", str(768 * 1024 * 1024)))
PDF_READER_MAX_CPU_SECONDS = int(os.environ.get("PDF_READER_MAX_CPU_SECONDS", "60"))
PDF_READER_TIMEOUT_SECONDS = int(os.environ.get("PDF_READER_TIMEOUT_SECONDS", "90"))

# Background tasks: a task a worker started but did not finish within this many seconds (the worker died) is
# put back in the queue once, then marked failed; tasks are idempotent, so a re-run does no harm.
TASKS_RUNNING_TIMEOUT = int(os.environ.get("TASKS_RUNNING_TIMEOUT", "1800"))
# Finished task results older than this many days are pruned by the scheduler.
# /readyz fails when a due task has waited longer than this many seconds (no worker, or one that is stuck).
READY_MAX_TASK_WAIT = int(os.environ.get("READY_MAX_TASK_WAIT", "600"))
TASKS_KEEP_DAYS = int(os.environ.get("TASKS_KEEP_DAYS", "14"))
# E-mail that fails with a temporary error is retried with growing delays (seconds), then reported as failed.
EMAIL_RETRY_DELAYS = [60, 300, 900, 3600, 3 * 3600, 6 * 3600]

# The scheduler (`alliance87 scheduler`, one process) queues these tasks at these times (cron syntax, UTC). To add
# a job, add one line: name -> (cron with named weekdays, task path, keyword arguments).
SCHEDULE: dict[str, tuple[str, str, dict[str, Any]]] = {
    "digests-daily": ("0 6 * * *", "alliance87.community.tasks.send_digests", {"frequency": "daily"}),
    "digests-weekly": ("0 6 * * mon", "alliance87.community.tasks.send_digests", {"frequency": "weekly"}),
    "prune-task-results": ("30 3 * * *", "alliance87.core.tasks.prune_task_results", {}),
    "prune-search-changes": ("45 3 * * *", "alliance87.library.search.tasks.prune_index_changes", {}),
    "prune-sent-email": ("15 3 * * *", "alliance87.core.tasks.prune_sent_email", {}),
    "gap-counts": ("5 0 * * *", "alliance87.plans.tasks.refresh_stale_gap_counts", {}),
    "reporting-reminders": ("0 7 * * *", "alliance87.plans.tasks.send_reporting_reminders", {}),
    "commitment-reminders": ("10 7 * * *", "alliance87.commitments.tasks.send_commitment_reminders", {}),
    "completeness-digests": ("30 7 * * mon", "alliance87.home.tasks.send_completeness_digests", {}),
    "process-indicators": ("15 2 * * *", "alliance87.home.tasks.refresh_process_indicators", {}),
}
# Reported values are due this many days after their reporting period ends (plans/reminders.py).
REPORTING_DUE_DAYS = int(os.environ.get("REPORTING_DUE_DAYS", "30"))
# Partners report on each commitment deliverable once a year; the report on a year is due on this month-day of
# the next (commitments/status.py).
COMMITMENT_REPORTS_DUE = os.environ.get("COMMITMENT_REPORTS_DUE", "03-31")

# Library search: empty means the database's own full-text index (FTS5 on SQLite, PostgreSQL FTS); "tantivy" for
# large libraries on one server (see bench/README.md), with its index directory; "tantivy_service" for several web
# servers sharing one search service (`alliance87 search_service`) at LIBRARY_SEARCH_SERVICE_URL.
LIBRARY_SEARCH_BACKEND = os.environ.get("LIBRARY_SEARCH_BACKEND", "")
if os.environ.get("LIBRARY_SEARCH_INDEX_DIR"):
    LIBRARY_SEARCH_INDEX_DIR = os.environ["LIBRARY_SEARCH_INDEX_DIR"]
LIBRARY_SEARCH_SERVICE_URL = os.environ.get("LIBRARY_SEARCH_SERVICE_URL", "")
LIBRARY_SEARCH_SERVICE_TOKEN = os.environ.get("LIBRARY_SEARCH_SERVICE_TOKEN", "")

# --- Sign-in (django-allauth): e-mail accounts, verification, two-factor, single sign-on ----------------------
# Kept in one block so that changes to the settings' layout merge easily. The README's "Signing in" section
# documents the environment variables read here.
INSTALLED_APPS += [
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "allauth.account.middleware.AccountMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1,
    "alliance87.accounts.middleware.AccountSecurityMiddleware",
)
# After it (the person may be a token's owner): `request.person`, facts about them computed once per request.
MIDDLEWARE.insert(
    MIDDLEWARE.index("alliance87.accounts.middleware.AccountSecurityMiddleware") + 1,
    "alliance87.bodies.person.PersonMiddleware",
)
# Last, so every middleware above still runs for a page served from the cache.
MIDDLEWARE.append("alliance87.core.pagecache.PublicPageCacheMiddleware")
# Then signed-in people's pages kept per audience (after it: a visitor never reaches this one's cache).
MIDDLEWARE.append("alliance87.core.audiencecache.AudiencePageCacheMiddleware")
# And signed-in callers' API lists kept per audience, by session or personal API token (core.audienceapi).
MIDDLEWARE.append("alliance87.core.audienceapi.AudienceApiCacheMiddleware")
# Accounts, e-mail verification, rate limits of sign-in and of the public forms: their own module.
from .signin import *  # noqa: E402, F403

# Rate-limit counters live in a cache every process shares: the database by default (its table is created by
# `migrate`, see alliance87.core.apps).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "alliance87_cache",
    },
    # Signed-out visitors' public pages, per process, keyed by the data version (core.pagecache): a change made by
    # anyone shows on the next request, whichever process serves it. Bounded by the number of entries.
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "alliance87-pages",
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("PAGE_CACHE_ENTRIES", "1000"))},
    },
    # Signed-in people's pages and API lists kept per audience (core.audiencecache, core.audienceapi), and each
    # person's audience: bounded on their own, so that many audiences never evict the visitors' pages.
    "audience": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "alliance87-audience",
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("AUDIENCE_CACHE_ENTRIES", "1000"))},
    },
}
#: What is deployed (e.g. the commit), part of the page cache's keys so that no page rendered by other code is
#: served after a deploy; empty: the package's version and a digest of its files, computed once per process.
RELEASE = os.environ.get("RELEASE", "")
#: The public pages a signed-out visitor's copy of may be served from the page cache: pages with no side effect on
#: GET (a library item's page counts its views in library.use_counts). Empty turns the page cache off, as
#: PAGE_CACHE=off does.
PAGE_CACHE_VIEWS = (
    []
    if os.environ.get("PAGE_CACHE", "on").lower() in {"off", "0", "false"}
    else [
        "home:home",
        "home:about",
        "partners:directory",
        "partners:organisation",
        "bodies:list",
        "bodies:detail",
        "countries:list",
        "countries:detail",
        "plans:list",
        "plans:detail",
        "plans:indicator",
        "plans:gaps",
        "library:home",
        "library:search",
        "library:item",
        "meetings:calendar",
        "meetings:detail",
        "news:list",
        "news:detail",
        "community:home",
        "community:thread",
        "data:dashboard",
        "data:series-list",
        "data:series-detail",
        "data:area-list",
        "data:area-detail",
        "countries:region",
        "plans:budget",
        "plans:plan_gaps",
        "plans:common_indicators",
        "plans:common_indicator",
        "data:table-list",
        "data:table-detail",
    ]
)
# The API's public lists, cached for anonymous callers the same way (JSON, with an ETag for conditional requests).
PAGE_CACHE_API_VIEWS = (
    []
    if not PAGE_CACHE_VIEWS
    else [
        f"api-1.0.0:{name}"
        for name in (
            "list_organisations",
            "list_bodies",
            "list_role_terms",
            "list_countries",
            "list_path_steps",
            "list_plans",
            "list_nodes",
            "list_indicators",
            "list_common_indicators",
            "list_items",
            "list_collections",
            "list_spaces",
            "list_threads",
            "list_posts",
            "list_events",
            "list_agenda",
            "list_outcomes",
            "list_roadmap",
            "list_series",
            "list_observations",
            "list_areas",
            "list_tables",
        )
    ]
)
#: The pages a signed-in person's copy of may be served from the audience cache (core.audiencecache): kept per
#: audience (what the person's roles allow) and data version, the header's personal parts filled in for each person.
#: Only pages reviewed to show nothing else of the person, or whose personal parts are placeholders filled when served
#: (an event's registration box and participant list, a discussion's follow button and one's own posts' "Edit"
#: links). The dashboard and every page of one's own things stay out. Off with the page cache (PAGE_CACHE=off).
AUDIENCE_CACHE_VIEWS = (
    []
    if not PAGE_CACHE_VIEWS
    else [
        "home:home",
        "partners:directory",
        "bodies:detail",
        "plans:list",
        "library:home",
        "library:search",
        "library:item",
        "meetings:calendar",
        "meetings:detail",
        "meetings:decisions",
        "meetings:decision",
        "meetings:minutes",
        "news:list",
        "news:detail",
        "community:home",
        "community:space",
        "community:thread",
        # Structure and data pages (reviewed: rights follow the audience digest; a partner's page is its own
        # focal points' alone, partners.apps.organisation_audience).
        "home:about",
        "bodies:list",
        "countries:list",
        "countries:detail",
        "countries:region",
        "partners:organisation",
        "plans:detail",
        "plans:indicator",
        "plans:budget",
        "plans:gaps",
        "plans:plan_gaps",
        "plans:common_indicators",
        "plans:common_indicator",
        "data:dashboard",
        "data:series-list",
        "data:series-detail",
        "data:area-list",
        "data:area-detail",
        "data:table-list",
        "data:table-detail",
    ]
)
#: The API's lists a signed-in caller's answer may be kept for, per audience (core.audienceapi): the public lists,
#: each reviewed to show a caller nothing but what their roles allow (drafts, partners-only and members-only
#: rows all follow the facts of the audience; no list says which rows are the caller's own).
AUDIENCE_CACHE_API_VIEWS = list(PAGE_CACHE_API_VIEWS)

MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_TOTP_ISSUER = "Alliance 8.7"
MFA_PASSKEY_LOGIN_ENABLED = False
#: The one switch: Secretariat officers and administrators must set up a second factor before they reach any page
#: but the set-up itself. On everywhere but the development profile (`make demo`).
MFA_REQUIRED_FOR_OFFICERS = True

# Personal API tokens: how long a new token lives unless its owner chooses otherwise.
API_TOKEN_DEFAULT_DAYS = 90
API_TOKEN_MAX_DAYS = 365


def sso_apps_from_environment(environ: dict[str, str] | os._Environ[str]) -> list[dict[str, Any]]:
    """OpenID Connect identity providers named in ``SSO_PROVIDERS`` (e.g. ``ilo,undp``), each from its own variables.

    For a provider ``ilo``: ``SSO_ILO_SERVER_URL`` (the issuer), ``SSO_ILO_CLIENT_ID``, ``SSO_ILO_CLIENT_SECRET``,
    ``SSO_ILO_NAME`` (the button's label) and ``SSO_ILO_EMAIL_DOMAINS`` (the domains whose addresses this provider
    vouches for; only those sign in to an existing account of the same address).
    """
    apps = []
    for provider_id in [p.strip().lower() for p in environ.get("SSO_PROVIDERS", "").split(",") if p.strip()]:
        prefix = f"SSO_{provider_id.upper().replace('-', '_')}_"
        missing = [n for n in ("SERVER_URL", "CLIENT_ID", "CLIENT_SECRET") if not environ.get(prefix + n)]
        if missing:
            from django.core.exceptions import ImproperlyConfigured

            raise ImproperlyConfigured(
                f"Single sign-on '{provider_id}' needs {', '.join(prefix + n for n in missing)}."
            )
        domains = [
            d.strip().lower() for d in environ.get(prefix + "EMAIL_DOMAINS", "").split(",") if d.strip()
        ]
        apps.append(
            {
                "provider_id": provider_id,
                "name": environ.get(prefix + "NAME") or provider_id.upper(),
                "client_id": environ[prefix + "CLIENT_ID"],
                "secret": environ[prefix + "CLIENT_SECRET"],
                "settings": {"server_url": environ[prefix + "SERVER_URL"], "verified_email": domains},
            }
        )
    return apps


SSO_APPS = sso_apps_from_environment(os.environ)
SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": SSO_APPS, "OAUTH_PKCE_ENABLED": True}}
# Single sign-on signs people in to the account that already has their (verified) address; it opens no new ones.
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_QUERY_EMAIL = True
# Forms may post to the identity providers' sign-in pages (the Content-Security-Policy's form-action).
CSP_EXTRA_FORM_ACTION = sorted(
    {"{0.scheme}://{0.netloc}".format(urlsplit(app["settings"]["server_url"])) for app in SSO_APPS}
)
