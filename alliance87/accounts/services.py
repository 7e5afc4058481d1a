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

from .models import ApiToken, PlatformRole, PlatformRoleChange, TokenScope, User, hash_token
from .roles import is_administrator


@transaction.atomic
def create_account(
    *,
    email: str,
    full_name: str,
    is_demo: bool = False,
    password: str | None = None,
    email_verified: bool = False,
    language: str | None = None,
) -> User:
    """Create (or return the existing) account for an e-mail address; without a password it cannot sign in yet.

    The address becomes the account's primary address for sign-in; it counts as verified once the person follows
    a link sent to it (choosing their password does), or at once when the caller vouches for it (``email_verified``).
    A new account reads the platform (and its mail) in ``language`` when given; an existing one keeps its choice.
    """
    email = User.objects.normalize_email(email).lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User(email=email, username=email, full_name=full_name, is_demo=is_demo)
        if language:
            user.preferred_language = language
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


#: How precisely a token's last use is noted: a script calling many times a minute writes once a minute, not once a
#: call (the account page shows the day).
TOKEN_USE_NOTED_EVERY = datetime.timedelta(minutes=1)


@dataclass(frozen=True)
class TokenCheck:
    """What a bearer token turned out to be: its token when accepted, else why it was refused."""

    token: ApiToken | None
    refusal: str = ""


def check_api_token(raw: str) -> TokenCheck:
    """The token a raw bearer value names if it may act now (and note its use, at most once a minute), else a
    sentence saying why not."""
    token = ApiToken.objects.select_related("user").filter(token_hash=hash_token(raw)).first()
    if token is None or not token.user.is_active:
        return TokenCheck(None, _("This API token is not valid."))
    if token.revoked_at is not None:
        return TokenCheck(None, _("This API token has been revoked."))
    now = timezone.now()
    if token.expires_at <= now:
        return TokenCheck(None, _("This API token has expired; create a new one on your account page."))
    last = token.last_used_at
    if last is None or abs(now - last) >= TOKEN_USE_NOTED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return TokenCheck(token)


def user_for_api_token(raw: str) -> User | None:
    """The active user a bearer token belongs to, or None when it is unknown, revoked or expired."""
    token = check_api_token(raw).token
    return token.user if token else None


def holds_platform_role(user: User, role: str) -> bool:
    return user.is_superuser if role == PlatformRole.ADMINISTRATOR else user.is_secretariat


def _set_platform_role(user: User, role: str, value: bool) -> None:
    if role == PlatformRole.ADMINISTRATOR:
        # Django's admin site is part of the administrator's role.
        user.is_superuser = user.is_staff = value
        user.save(update_fields=["is_superuser", "is_staff"])
    else:
        user.is_secretariat = value
        user.save(update_fields=["is_secretariat"])


@transaction.atomic
def appoint_platform_role(*, email: str, role: str, by: User | None, note: str = "") -> User:
    """Give the person with this e-mail address a platform role; recorded in the role history.

    `by` is None only for the command line (`alliance87 createadmin`), which has no signed-in person.
    """
    if by is not None and not is_administrator(by):
        raise PermissionDenied(_("Only administrators appoint Secretariat officers and administrators."))
    if role not in PlatformRole.values:
        raise ValidationError({"role": _("Choose a role from the list.")})
    user = User.objects.select_for_update().filter(email__iexact=email.strip()).first()
    if user is None:
        raise ValidationError(
            {"email": _("No account uses this e-mail address. The person needs an account first.")}
        )
    if not user.is_active:
        raise ValidationError({"email": _("This account is deactivated.")})
    if holds_platform_role(user, role):
        raise ValidationError(
            {"email": _("%(person)s already holds this role.") % {"person": user.display_name}}
        )
    _set_platform_role(user, role, True)
    PlatformRoleChange.objects.create(user=user, role=role, granted=True, changed_by=by, note=note[:200])
    return user


@transaction.atomic
def remove_platform_role(*, user: User, role: str, by: User) -> User:
    """Take a platform role away; the last administrator cannot be removed (nobody could appoint another)."""
    if not is_administrator(by):
        raise PermissionDenied(_("Only administrators appoint Secretariat officers and administrators."))
    user = User.objects.select_for_update().get(pk=user.pk)
    if not holds_platform_role(user, role):
        raise ValidationError(
            {"role": _("%(person)s does not hold this role.") % {"person": user.display_name}}
        )
    if role == PlatformRole.ADMINISTRATOR:
        others = User.objects.filter(is_superuser=True, is_active=True).exclude(pk=user.pk)
        if not others.exists():
            raise ValidationError(
                {"role": _("The last administrator cannot be removed: appoint another first.")}
            )
    _set_platform_role(user, role, False)
    PlatformRoleChange.objects.create(user=user, role=role, granted=False, changed_by=by)
    return user


@transaction.atomic
def create_administrator(
    *, email: str, full_name: str = "", password: str | None = None
) -> tuple[User, bool]:
    """The first administrator (or another), from the command line; returns (user, whether it was created).

    An existing account is made an administrator; a new one signs in by e-mail with the password given, or
    chooses one through the link `set_password_path` makes.
    """
    email = User.objects.normalize_email(email.strip()).lower()
    created = not User.objects.filter(email__iexact=email).exists()
    # The operator vouches for the address they typed on the server, so it counts as verified for sign-in.
    user = create_account(email=email, full_name=full_name, password=password, email_verified=True)
    if password and not created:
        user.set_password(password)
        user.save(update_fields=["password"])
    if not user.is_superuser:
        appoint_platform_role(
            email=email, role=PlatformRole.ADMINISTRATOR, by=None, note="alliance87 createadmin"
        )
        user.refresh_from_db()
    return user, created
