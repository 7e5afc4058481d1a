"""The signed-in person's own account (profile facts, sign-in settings, API tokens), and links sent before allauth.

Signing in, out, passwords, e-mail addresses and two-factor authentication are django-allauth's pages
(/accounts/login/ and its neighbours), styled by the templates under templates/account, mfa and allauth.
"""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.tokens import default_token_generator as django_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alliance87.core.form_views import flash_outcome, handle_form
from alliance87.core.forms import apply_validation_error

from . import services
from .forms import ApiTokenForm, AppointRoleForm
from .models import ApiToken, PlatformRole, PlatformRoleChange, User
from .roles import is_administrator, must_use_second_factor
from .services import issue_api_token, revoke_api_token, set_password_path
from .types import SignedInRequest, signed_in


@login_required
def account(request: SignedInRequest) -> HttpResponse:
    from allauth.mfa.utils import is_mfa_enabled

    user: User = request.user
    new_token = None
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_token = issue_api_token(
                user=user,
                name=form.cleaned_data["name"],
                scope=form.cleaned_data["scope"],
                days=form.cleaned_data["days"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Token created. Copy it now: it will not be shown again."))
            form = ApiTokenForm()
    tokens = ApiToken.objects.filter(user=user, revoked_at__isnull=True).order_by("-created_at")
    return render(
        request,
        "accounts/account.html",
        {
            "form": form,
            "tokens": tokens,
            "new_token": new_token,
            "second_factor": is_mfa_enabled(user),
            "second_factor_required": must_use_second_factor(user),
            "addresses": EmailAddress.objects.filter(user=user).order_by("-primary", "email"),
            "single_sign_on": bool(settings.SSO_APPS),
        },
    )


@login_required
@require_POST
def revoke_token(request: SignedInRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    revoke_api_token(token=token, by=request.user)
    messages.success(request, _("Token revoked."))
    return redirect("accounts:account")


def _administrator(request: HttpRequest) -> User:
    user = request.user
    if not signed_in(user) or not is_administrator(user):
        raise PermissionDenied
    return user


@login_required
def platform_roles(request: SignedInRequest) -> HttpResponse:
    """Administrators appoint and remove Secretariat officers and administrators; every change is kept."""
    by = _administrator(request)
    form = AppointRoleForm(request.POST or None)
    done = handle_form(
        request,
        form,
        lambda: services.appoint_platform_role(
            email=form.cleaned_data["email"], role=form.cleaned_data["role"], by=by
        ),
        success=_("Role appointed."),
        to="accounts:platform_roles",
    )
    if done:
        return done
    holders = {
        PlatformRole.ADMINISTRATOR: User.objects.filter(is_superuser=True, is_active=True).order_by("email"),
        PlatformRole.SECRETARIAT: User.objects.filter(is_secretariat=True, is_active=True).order_by("email"),
    }
    history = PlatformRoleChange.objects.select_related("user", "changed_by")[:100]
    return render(
        request,
        "accounts/platform_roles.html",
        {
            "form": form,
            "groups": [(role, PlatformRole(role).label, people) for role, people in holders.items()],
            "history": history,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def remove_platform_role(request: SignedInRequest, pk: int, role: str) -> HttpResponse:
    by = _administrator(request)
    person = get_object_or_404(User, pk=pk)
    if role not in PlatformRole.values:
        raise Http404
    flash_outcome(
        request,
        lambda: services.remove_platform_role(user=person, role=role, by=by),
        success=_("Role removed."),
    )
    return redirect("accounts:platform_roles")


def sign_in_moved(request: HttpRequest) -> HttpResponse:
    """The old sign-in address, kept for bookmarks and links in mail already sent."""
    query = request.META.get("QUERY_STRING", "")
    return redirect(reverse("account_login") + (f"?{query}" if query else ""), permanent=True)


def legacy_password_link(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """A choose-your-password link mailed before the move to allauth: still valid for its three days.

    A valid link is exchanged for allauth's link to the same page; a spent or forged one asks for a new one.
    """
    try:
        user = User.objects.get(pk=force_str(urlsafe_base64_decode(uidb64)))
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        user = None
    if user is not None and django_token_generator.check_token(user, token):
        return redirect(set_password_path(user))
    messages.error(request, _("This link has expired or was already used. Ask for a new one."))
    return redirect("account_reset_password")
