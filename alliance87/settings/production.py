"""Production: HTTPS only, a real secret required, strict cookies; `alliance87 check --deploy` is clean."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool

if not os.environ.get("SECRET_KEY"):
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment in production.")

DEBUG = False
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

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
