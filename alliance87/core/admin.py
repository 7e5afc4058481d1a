"""Django's admin is for administrators only; everybody else works in the platform's own pages."""

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


def administrators_only(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_active and user.is_superuser)


admin.site.has_permission = administrators_only  # type: ignore[method-assign]
admin.site.site_header = _("Alliance 8.7 — administration")
