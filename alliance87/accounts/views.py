"""The signed-in person's own account: profile facts and API tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alliance87.core.form_views import flash_outcome, handle_form

from . import services
from .forms import ApiTokenForm, AppointRoleForm
from .models import ApiToken, PlatformRole, PlatformRoleChange, User
from .roles import is_administrator
from .services import issue_api_token


@login_required
def account(request: HttpRequest) -> HttpResponse:
    new_token = None
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _token, new_token = issue_api_token(user=request.user, name=form.cleaned_data["name"])  # type: ignore[arg-type]
        messages.success(request, _("Token created. Copy it now: it will not be shown again."))
    tokens = ApiToken.objects.filter(user=request.user, revoked_at__isnull=True)  # type: ignore[misc]
    return render(request, "accounts/account.html", {"form": form, "tokens": tokens, "new_token": new_token})


@login_required
@require_POST
def revoke_token(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    token.revoke()
    messages.success(request, _("Token revoked."))
    return redirect("accounts:account")


def _administrator(request: HttpRequest) -> User:
    if not is_administrator(request.user):
        raise PermissionDenied
    return request.user  # type: ignore[return-value]


@login_required
def platform_roles(request: HttpRequest) -> HttpResponse:
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
def remove_platform_role(request: HttpRequest, pk: int, role: str) -> HttpResponse:
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
