"""Role checks that need nothing beyond the account itself."""

from __future__ import annotations

from django.conf import settings

from .types import Person, signed_in


def is_administrator(user: Person) -> bool:
    return signed_in(user) and user.is_superuser


def is_secretariat(user: Person) -> bool:
    """Secretariat officers (and administrators) manage the partnership's structure."""
    return signed_in(user) and (user.is_secretariat or user.is_superuser)


def must_use_second_factor(user: Person) -> bool:
    """Officers and administrators sign in with a second factor wherever the settings require it."""
    return bool(
        settings.MFA_REQUIRED_FOR_OFFICERS
        and user
        and user.is_authenticated
        and (user.is_secretariat or user.is_superuser or user.is_staff)
    )


def lacks_required_second_factor(user: Person) -> bool:
    """True for an officer or administrator who has not yet set up an authenticator app or security key."""
    if not must_use_second_factor(user):
        return False
    from allauth.mfa.utils import is_mfa_enabled

    return not is_mfa_enabled(user)
