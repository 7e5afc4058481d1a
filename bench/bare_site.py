"""A bare Django project in one module: the yardstick `bench/pages.py` serves next to the platform.

One page: a Django template rendering a list of 20 rows, behind the middleware `startproject` gives (security,
common, CSRF, clickjacking; no database). Settings, URLs and the WSGI application are all here:

    DJANGO_SETTINGS_MODULE=bare_site gunicorn --chdir bench bare_site:application
"""

from __future__ import annotations

from django.core.wsgi import get_wsgi_application
from django.shortcuts import render
from django.urls import path

DEBUG = False
SECRET_KEY = "bench-only-bare-django-page"
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = __name__
INSTALLED_APPS: list[str] = []
DATABASES: dict[str, dict[str, str]] = {}
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
TEMPLATE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><main><h1>{{ title }}</h1>
<table>{% for row in rows %}<tr><td><a href="/rows/{{ row.id }}/">{{ row.name }}</a></td>
<td>{{ row.kind }}</td><td>{{ row.country }}</td></tr>{% endfor %}</table>
</main></body></html>"""
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {"loaders": [("django.template.loaders.locmem.Loader", {"page.html": TEMPLATE})]},
    }
]
USE_TZ = True

ROWS = [
    {"id": n, "name": f"Organisation {n}", "kind": "Civil society", "country": "France"} for n in range(20)
]


def page(request):
    return render(request, "page.html", {"title": "Bare Django page", "rows": ROWS})


urlpatterns = [path("", page)]

application = get_wsgi_application()
