"""Production: HTTPS only, a real secret and address required, data outside the installed package.

`alliance87 check --deploy` is clean with these settings once SECRET_KEY, SITE_URL, ALLOWED_HOSTS and
ALLIANCE87_DATA_DIR are set. Every choice below can be changed from the environment (see the README).
"""

import os
import sys
import sysconfig
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATA_DIR, MEDIA_ROOT, STATIC_ROOT, env_bool

if not os.environ.get("SECRET_KEY"):
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment in production.")


def _inside_installation(path: Path) -> bool:
    """Whether a directory lies inside the virtualenv or the installed packages (lost when they are rebuilt)."""
    roots = {Path(sys.prefix), *(Path(p) for p in sysconfig.get_paths().values() if p)}
    resolved = path.resolve()
    return any(resolved == root.resolve() or root.resolve() in resolved.parents for root in roots)


for _name, _path in (
    ("ALLIANCE87_DATA_DIR", DATA_DIR),
    ("MEDIA_ROOT", MEDIA_ROOT),
    ("STATIC_ROOT", STATIC_ROOT),
):
    if _inside_installation(_path):
        raise ImproperlyConfigured(
            f"{_name} is {_path}, inside the Python installation ({sys.prefix}): uploads and the database would be "
            "lost when it is rebuilt. Set ALLIANCE87_DATA_DIR to an absolute directory outside it, "
            "e.g. /var/lib/alliance87."
        )

DEBUG = False
# Commands that must not run unawares on a live site (load_demo) look for this.
ALLIANCE87_PRODUCTION = True

# HTTPS. ALLIANCE87_PLAIN_HTTP=1 turns all of it off to try a server over plain http (never on a public address:
# `check --deploy` then warns). Behind a proxy, the proxy must send X-Forwarded-Proto and the original Host.
PLAIN_HTTP = env_bool("ALLIANCE87_PLAIN_HTTP", False)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not PLAIN_HTTP)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = not PLAIN_HTTP
CSRF_COOKIE_SECURE = not PLAIN_HTTP
# HSTS starts modest (one hour): raise SECURE_HSTS_SECONDS (e.g. to 31536000, a year) once HTTPS is known to work
# everywhere; include subdomains and preload only when every subdomain serves HTTPS — they are hard to undo.
SECURE_HSTS_SECONDS = 0 if PLAIN_HTTP else int(os.environ.get("SECURE_HSTS_SECONDS", "3600"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Off on purpose (see above), so the deployment check's reminders about them are silenced.
SILENCED_SYSTEM_CHECKS = [
    *([] if SECURE_HSTS_INCLUDE_SUBDOMAINS else ["security.W005"]),
    *([] if SECURE_HSTS_PRELOAD else ["security.W021"]),
]

# --- Uploaded files in an S3-compatible object store (django-storages) ----------------------------------------
# Several web servers and workers then share them. Library files stay private: a download is checked by the
# platform, then redirected to a link signed for MEDIA_DOWNLOAD_LINK_SECONDS. News images are public, under
# their own prefix (AWS_PUBLIC_LOCATION, "public" by default) with plain, non-expiring addresses: give that
# prefix public read access in the bucket's policy, or name a public ACL (AWS_PUBLIC_ACL=public-read) if the
# bucket uses ACLs. Without a bucket the files stay on local disk under MEDIA_ROOT.
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    _bucket = {
        "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
        "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
        "file_overwrite": False,
    }
    STORAGES = {
        **STORAGES,  # noqa: F405
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **_bucket,
                "default_acl": None,
                "querystring_auth": True,
                "querystring_expire": MEDIA_DOWNLOAD_LINK_SECONDS,  # noqa: F405
            },
        },
        "news_images": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **_bucket,
                "location": os.environ.get("AWS_PUBLIC_LOCATION", "public"),
                "default_acl": os.environ.get("AWS_PUBLIC_ACL") or None,
                "querystring_auth": False,
                "custom_domain": os.environ.get("AWS_S3_PUBLIC_DOMAIN") or None,
            },
        },
    }
