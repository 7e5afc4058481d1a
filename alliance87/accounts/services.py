"""Changes to accounts and API tokens."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ApiToken, TokenScope, User, hash_token


@transaction.atomic
def create_account(
    *,
    email: str,
    full_name: str,
    is_demo: bool = False,
    password: str | None = None,
    email_verified: bool = False,
) -> User:
    """Create (or return the existing) account for an e-mail address; without a password it cannot sign in yet.

    The address becomes the account's primary address for sign-in; it counts as verified once the person follows
    a link sent to it (choosing their password does), or at once when the caller vouches for it (``email_verified``).
    """
    email = User.objects.normalize_email(email).lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User(email=email, username=email, full_name=full_name, is_demo=is_demo)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
    if email_verified:
        verify_account_address(user=user)
    elif not EmailAddress.objects.filter(user=user, email__iexact=user.email).exists():
        EmailAddress.objects.create(user=user, email=user.email.lower(), primary=True, verified=False)
    return user


def set_password_path(user: User) -> str:
    """The path of the page where this person chooses a password (the password-reset link of allauth)."""
    key = f"{user_pk_to_url_str(user)}-{default_token_generator.make_token(user)}"
    return reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"}).replace(
        "UID-KEY", key
    )


@transaction.atomic
def verify_account_address(*, user: User) -> EmailAddress:
    """Count the account's own address as verified (it received a link, or the caller vouches for it)."""
    address = EmailAddress.objects.filter(user=user, email__iexact=user.email).first()
    if address is None:
        return EmailAddress.objects.create(
            user=user,
            email=user.email.lower(),
            verified=True,
            primary=not EmailAddress.objects.filter(user=user, primary=True).exists(),
        )
    if not address.verified:
        address.verified = True
        address.save(update_fields=["verified"])
    return address


@transaction.atomic
def confirm_address_by_password_reset(*, user: User) -> None:
    """A reset link reached the account's address: it is verified, and the person's API tokens end.

    The reset may mean the password was known to someone else, so a token made with it must stop working too.
    """
    verify_account_address(user=user)
    revoke_all_api_tokens(user=user)


def revoke_all_api_tokens(*, user: User) -> int:
    """End every token of this person at once; the number of tokens ended."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())


@transaction.atomic
def issue_api_token(
    *,
    user: User,
    name: str,
    scope: str = TokenScope.WRITE,
    days: int | None = None,
) -> tuple[ApiToken, str]:
    """Create a token and return it with its raw value, which is never stored and shown only once."""
    days = settings.API_TOKEN_DEFAULT_DAYS if days is None else days
    if not 1 <= days <= settings.API_TOKEN_MAX_DAYS:
        raise ValidationError(
            {"days": _("A token lives between 1 and %(max)d days.") % {"max": settings.API_TOKEN_MAX_DAYS}}
        )
    if scope not in TokenScope.values:
        raise ValidationError({"scope": _("Choose read only, or read and write.")})
    raw = ApiToken.new_raw_token()
    token = ApiToken.objects.create(
        user=user,
        name=name.strip()[:100] or "API",
        prefix=raw[4:10],
        token_hash=hash_token(raw),
        scope=scope,
        expires_at=timezone.now() + datetime.timedelta(days=days),
    )
    return token, raw


@transaction.atomic
def revoke_api_token(*, token: ApiToken, by: User) -> ApiToken:
    """End one token; only its owner does."""
    if token.user_id != by.pk:
        raise PermissionDenied(_("Only the owner of a token revokes it."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


@dataclass(frozen=True)
class TokenCheck:
    """What a bearer token turned out to be: its token when accepted, else why it was refused."""

    token: ApiToken | None
    refusal: str = ""


def check_api_token(raw: str) -> TokenCheck:
    """The token a raw bearer value names if it may act now (and note its use), else a sentence saying why not."""
    token = ApiToken.objects.select_related("user").filter(token_hash=hash_token(raw)).first()
    if token is None or not token.user.is_active:
        return TokenCheck(None, _("This API token is not valid."))
    if token.revoked_at is not None:
        return TokenCheck(None, _("This API token has been revoked."))
    now = timezone.now()
    if token.expires_at <= now:
        return TokenCheck(None, _("This API token has expired; create a new one on your account page."))
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return TokenCheck(token)


def user_for_api_token(raw: str) -> User | None:
    """The active user a bearer token belongs to, or None when it is unknown, revoked or expired."""
    token = check_api_token(raw).token
    return token.user if token else None
