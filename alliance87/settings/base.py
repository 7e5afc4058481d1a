"""Settings shared by every profile; everything a deployment changes comes from the environment."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("ALLIANCE87_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    """Read a yes/no environment variable ("1", "true", "yes", "on" are yes)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def local_secret_key() -> str:
    """A per-checkout key kept in var/, so development needs no configuration and no secret is committed."""
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY") or local_secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", f"http://127.0.0.1:{os.environ.get('PORT', '8000')}").rstrip("/")

INSTALLED_APPS = [
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
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "alliance87.core",
    "alliance87.accounts",
    "alliance87.partners",
    "alliance87.countries",
    "alliance87.bodies",
    "alliance87.plans",
    "alliance87.library",
    "alliance87.news",
    "alliance87.community",
    "alliance87.meetings",
    "alliance87.home",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "alliance87.core.middleware.SecurityHeadersMiddleware",
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

DEFAULT_DATABASE_URL = f"sqlite:///{VAR_DIR / 'alliance87.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers and the task worker proceed while a request writes; IMMEDIATE avoids
        # "database is locked" on lock upgrades inside transactions.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
            "PRAGMA busy_timeout=5000; PRAGMA cache_size=-20000;"
        ),
        "transaction_mode": "IMMEDIATE",
    }

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
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
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

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Uploads: refuse large bodies early; apps check type and size of files themselves.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The largest file the library accepts (bytes); larger ones are refused with a message, not truncated.
LIBRARY_MAX_UPLOAD_BYTES = int(os.environ.get("LIBRARY_MAX_UPLOAD_BYTES", str(50 * 1024 * 1024)))

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

COUNTRIES_FIRST_BREAK = None
FORMS_URLFIELD_ASSUME_HTTPS = True
# Serve app static files straight from their apps when collectstatic has not run (demo, tests).
WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)

# Library search: empty means the database's own full-text index (FTS5 on SQLite, PostgreSQL FTS); "tantivy" for
# large libraries (see bench/README.md), with its index directory.
LIBRARY_SEARCH_BACKEND = os.environ.get("LIBRARY_SEARCH_BACKEND", "")
if os.environ.get("LIBRARY_SEARCH_INDEX_DIR"):
    LIBRARY_SEARCH_INDEX_DIR = os.environ["LIBRARY_SEARCH_INDEX_DIR"]


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
AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
LOGIN_URL = "account_login"
ACCOUNT_ADAPTER = "alliance87.accounts.adapter.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "alliance87.accounts.adapter.SocialAccountAdapter"
ACCOUNT_FORMS = {
    "login": "alliance87.accounts.forms.SignInForm",
    "reset_password_from_key": "alliance87.accounts.forms.ChoosePasswordForm",
}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# Every answer about an address is the same whether or not an account has it.
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Alliance 8.7] "
ACCOUNT_LOGOUT_REDIRECT_URL = "home:home"
ACCOUNT_SESSION_REMEMBER = None
# People hear by e-mail of every change to how they sign in (password, addresses, second factor).
ACCOUNT_EMAIL_NOTIFICATIONS = True
# Lockout: after 5 failed sign-ins to one address within 15 minutes, that address is refused for the rest of the
# window, right password or not (and any one client after 10 failures a minute).
# allauth's limits, plus those of the platform's own public forms, counted with the same helper
# (alliance87.core.ratelimits). "N/period/ip" counts per client, "key" per e-mail address, "user" per person.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/15m/key",
    "reset_password": "20/h/ip,3/h/key",
    "partner_application": "10/h/ip,3/d/key",
    "newsletter_subscribe": "20/h/ip,3/h/key",
    "event_registration": "30/h/user",
}
# Direct messages have their own limit, counted in the database by the community app (MESSAGES_PER_HOUR).
# Writes through the API (django-ninja throttles): per person (token or session), and per client when anonymous.
API_WRITE_RATE_PERSON = os.environ.get("API_WRITE_RATE_PERSON", "120/m")
API_WRITE_RATE_ANONYMOUS = os.environ.get("API_WRITE_RATE_ANONYMOUS", "20/h")
# Behind a proxy, the client is the address the proxy adds to X-Forwarded-For (count the proxies in front).
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
NINJA_NUM_PROXIES = ALLAUTH_TRUSTED_PROXY_COUNT
# Rate-limit counters live in a cache every process shares: the database by default (its table is created by
# `migrate`, see alliance87.core.apps).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "alliance87_cache",
    }
}

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
