"""People who sign in, and the tokens the API accepts for them."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from typing import ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from alliance87.core.models import DemoFlagged


class AccountManager(UserManager["User"]):
    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email__iexact=username)


class User(DemoFlagged, AbstractUser):
    """A person with an account; they sign in with their e-mail address.

    What a person may do follows from where they stand in the partnership: the Secretariat flag here,
    an organisation membership (partners app) and the role terms they represent (bodies app).
    Django's admin (`is_staff`) is for administrators only.
    """

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    is_secretariat = models.BooleanField(
        _("Secretariat officer"),
        default=False,
        help_text=_("Reviews applications and manages the partnership's structure in the platform's pages."),
    )
    preferred_language = models.CharField(_("preferred language"), max_length=8, default="en")

    objects: ClassVar[AccountManager] = AccountManager()

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["username"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name shown to other people; never the e-mail address, which the platform keeps private."""
        return self.full_name or self.get_full_name() or gettext("Member %(number)s") % {"number": self.pk}

    @property
    def is_administrator(self) -> bool:
        return self.is_active and self.is_superuser


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def default_token_expiry() -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=settings.API_TOKEN_DEFAULT_DAYS)


class TokenScope(models.TextChoices):
    READ = "read", _("Read only")
    WRITE = "write", _("Read and write")


class ApiToken(models.Model):
    """A personal API token; only its SHA-256 is stored, the token itself is shown once.

    It acts with its owner's permissions until it expires or is revoked (by its owner, or by a password reset);
    a read-only token is refused on every write.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=8, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), default=default_token_expiry)
    scope = models.CharField(_("scope"), max_length=8, choices=TokenScope.choices, default=TokenScope.WRITE)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def is_read_only(self) -> bool:
        return self.scope == TokenScope.READ

    @classmethod
    def new_raw_token(cls) -> str:
        return "a87_" + secrets.token_urlsafe(32)

    def revoke(self) -> None:
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])


class PlatformRole(models.TextChoices):
    """Roles over the whole platform, held by a person rather than through an organisation or a body."""

    SECRETARIAT = "secretariat", _("Secretariat officer")
    ADMINISTRATOR = "administrator", _("Administrator")


class PlatformRoleChange(models.Model):
    """The history of platform roles: who was appointed to or removed from which role, by whom and when."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="platform_role_changes")
    role = models.CharField(_("role"), max_length=20, choices=PlatformRole.choices)
    granted = models.BooleanField(_("appointed"), help_text=_("Appointed (yes) or removed (no)."))
    changed_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("changed by")
    )
    changed_at = models.DateTimeField(_("when"), auto_now_add=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("platform role change")
        verbose_name_plural = _("platform role changes")
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        verb = gettext("appointed") if self.granted else gettext("removed")
        return f"{self.user}: {self.get_role_display()} {verb}"
