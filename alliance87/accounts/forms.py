from typing import Any

from allauth.account.forms import LoginForm, ResetPasswordKeyForm
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from alliance87.core.forms import EmptyChoiceLabels

from .models import PlatformRole, TokenScope

LIFETIME_CHOICES = [
    (30, _("30 days")),
    (90, _("90 days")),
    (365, _("One year")),
]


class AppointRoleForm(EmptyChoiceLabels, forms.Form):
    email = forms.EmailField(label=_("E-mail address of their account"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=PlatformRole.choices)


class ApiTokenForm(EmptyChoiceLabels, forms.Form):
    name = forms.CharField(
        label=_("Token name"), max_length=100, help_text=_("What the token is for, e.g. “reporting script”.")
    )
    scope = forms.ChoiceField(
        label=_("What it may do"),
        choices=TokenScope.choices,
        initial=TokenScope.READ,
        widget=forms.RadioSelect,
        help_text=_("A read-only token reads what you may see and is refused on every change."),
    )
    days = forms.TypedChoiceField(
        label=_("Expires after"),
        choices=LIFETIME_CHOICES,
        coerce=int,
        initial=settings.API_TOKEN_DEFAULT_DAYS,
    )


class SignInForm(LoginForm):
    """allauth's sign-in form, in the platform's words and with the autocomplete hints browsers expect."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("E-mail address")
        self.fields["login"].widget.attrs.update({"autocomplete": "email", "placeholder": ""})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password", "placeholder": ""})
        self.fields["password"].help_text = ""


class ChoosePasswordForm(ResetPasswordKeyForm):
    """The form a password link opens, with the labels people know from the rest of the site."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password1"].label = _("New password")
        self.fields["password2"].label = _("New password confirmation")
        for name in ("password1", "password2"):
            self.fields[name].widget.attrs.update({"autocomplete": "new-password", "placeholder": ""})
