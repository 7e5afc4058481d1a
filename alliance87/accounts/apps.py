from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from .models import User


def on_password_reset(sender: Any, request: Any, user: User, **kwargs: Any) -> None:
    from .services import confirm_address_by_password_reset

    confirm_address_by_password_reset(user=user)


class AccountsConfig(AppConfig):
    name = "alliance87.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from allauth.account.signals import password_reset
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from .person import forget

        password_reset.connect(on_password_reset, dispatch_uid="alliance87.accounts.password_reset")
        # What a request learnt of its person is forgotten at any write (see alliance87.accounts.person).
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(forget, dispatch_uid=f"alliance87.accounts.person.forget.{id(signal)}")
