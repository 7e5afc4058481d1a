"""Changes to accounts and API tokens."""

from __future__ import annotations

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from .models import ApiToken, PlatformRole, PlatformRoleChange, User, hash_token
from .roles import is_administrator


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
    user = create_account(email=email, full_name=full_name, password=password)
    if password and not created:
        user.set_password(password)
        user.save(update_fields=["password"])
    if not user.is_superuser:
        appoint_platform_role(
            email=email, role=PlatformRole.ADMINISTRATOR, by=None, note="alliance87 createadmin"
        )
        user.refresh_from_db()
    return user, created
