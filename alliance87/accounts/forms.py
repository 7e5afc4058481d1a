from typing import Any

from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.template import loader
from django.utils.translation import gettext_lazy as _

from alliance87.core.emails import enqueue_email

from .models import PlatformRole


class AppointRoleForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of their account"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=PlatformRole.choices)


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"), max_length=100, help_text=_("What the token is for, e.g. “reporting script”.")
    )


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's password reset, with the e-mail sent by the task worker like every other message."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        enqueue_email(subject=subject, body=body, to=[to_email])
