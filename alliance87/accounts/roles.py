"""Role checks that need nothing beyond the account itself."""

from __future__ import annotations

from typing import Any


def is_administrator(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_superuser)


def is_secretariat(user: Any) -> bool:
    """Secretariat officers (and administrators) manage the partnership's structure."""
    return bool(
        user and user.is_authenticated and user.is_active and (user.is_secretariat or user.is_superuser)
    )
