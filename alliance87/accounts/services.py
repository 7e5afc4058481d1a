"""Changes to accounts and API tokens."""

from __future__ import annotations

from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .models import ApiToken, User, hash_token


def create_account(*, email: str, full_name: str, is_demo: bool = False, password: str | None = None) -> User:
    """Create (or return the existing) account for an e-mail address; without a password it cannot sign in yet."""
    email = User.objects.normalize_email(email).lower()
    user = User.objects.filter(email__iexact=email).first()
    if user:
        return user
    user = User(email=email, username=email, full_name=full_name, is_demo=is_demo)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    return user


def set_password_path(user: User) -> str:
    """The path of the page where this person chooses a password (Django's reset-confirm view)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token})


@transaction.atomic
def issue_api_token(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token and return it with its raw value, which is never stored and shown only once."""
    raw = ApiToken.new_raw_token()
    token = ApiToken.objects.create(
        user=user, name=name.strip()[:100] or "API", prefix=raw[4:10], token_hash=hash_token(raw)
    )
    return token, raw


def user_for_api_token(raw: str) -> User | None:
    """The active user a bearer token belongs to, or None."""
    from django.utils import timezone

    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=hash_token(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
