"""Checks every app's services share before they look at what a request asks for."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def check_fields(data: Mapping[str, Any], allowed: Iterable[str]) -> None:
    """Refuse data naming a field the service does not take, each such field named (not silently ignored)."""
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValidationError({field: _("Unknown field.") for field in sorted(unknown)})
