"""Pathfinder Countries: the list with its map and the Secretariat's edits.

A country's own page gathers its plans, events and news, so it lives in the home app.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from alliance87.accounts.types import SignedInRequest
from alliance87.core.form_views import field_values
from alliance87.core.forms import apply_validation_error

from . import selectors, services
from .forms import PathfinderCountryForm, StatusFilterForm
from .models import PathfinderCountry
from .permissions import can_edit_countries


def country_list(request: HttpRequest) -> HttpResponse:
    form = StatusFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    as_of = filters.get("as_of") or timezone.localdate()
    countries = selectors.countries_on_map(
        filters.get("status", ""), step=filters.get("step", ""), as_of=as_of
    )
    return render(
        request,
        "countries/list.html",
        {
            "countries": countries,
            "form": form,
            "can_edit": can_edit_countries(request.user),
            "step_counts": selectors.step_counts(as_of),
            "as_of": as_of,
            "as_of_param": filters.get("as_of"),
        },
    )


def _get(code: str) -> PathfinderCountry:
    try:
        return selectors.pathfinder_by_code(code)
    except PathfinderCountry.DoesNotExist:
        raise Http404 from None


@login_required
def country_edit(request: SignedInRequest, code: str | None = None) -> HttpResponse:
    if not can_edit_countries(request.user):
        raise PermissionDenied
    pathfinder = _get(code) if code else None
    form = PathfinderCountryForm(
        request.POST or None, instance=PathfinderCountry.objects.get(pk=pathfinder.pk) if pathfinder else None
    )
    if request.method == "POST" and form.is_valid():
        values = services.PathfinderCountryInput.of(field_values(form))
        try:
            saved = services.save_pathfinder_country(by=request.user, values=values, pathfinder=pathfinder)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The country record has been saved."))
            return redirect(saved)
    return render(request, "countries/form.html", {"form": form, "pathfinder": pathfinder})
