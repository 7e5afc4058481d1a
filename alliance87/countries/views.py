"""Pathfinder Countries: the list with its map, a page per country, and the Secretariat's edits."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from alliance87.core.forms import apply_validation_error
from alliance87.meetings import selectors as meeting_selectors
from alliance87.meetings.permissions import can_hold_events_for_country
from alliance87.news import selectors as news_selectors
from alliance87.plans import selectors as plan_selectors
from alliance87.plans.permissions import can_create_plan_for_country

from . import selectors, services
from .forms import PathfinderCountryForm, StatusFilterForm
from .models import PathfinderCountry
from .permissions import can_edit_countries


def country_list(request: HttpRequest) -> HttpResponse:
    form = StatusFilterForm(request.GET or None)
    status = form.cleaned_data.get("status", "") if form.is_valid() else ""
    countries = sorted(selectors.pathfinder_countries(status), key=lambda c: str(c.country.name))  # type: ignore[attr-defined]
    for pathfinder in countries:
        pathfinder.outline = selectors.country_outline(pathfinder.country.numeric)  # type: ignore[attr-defined]
    return render(
        request,
        "countries/list.html",
        {"countries": countries, "form": form, "can_edit": can_edit_countries(request.user)},
    )


def _get(code: str) -> PathfinderCountry:
    if len(code) != 2 or not code.isalpha():
        raise Http404
    try:
        return selectors.pathfinder_by_code(code)
    except PathfinderCountry.DoesNotExist:
        raise Http404 from None


def country_detail(request: HttpRequest, code: str) -> HttpResponse:
    pathfinder = _get(code)
    if code != code.lower():
        return redirect(pathfinder, permanent=True)
    return render(
        request,
        "countries/detail.html",
        {
            "pathfinder": pathfinder,
            "can_edit": can_edit_countries(request.user),
            "plans": plan_selectors.plan_list(request.user, owner_country=pathfinder),
            "can_create_plan": can_create_plan_for_country(request.user, pathfinder),
            **meeting_selectors.events_of_country(pathfinder),
            "can_create_event": can_hold_events_for_country(request.user, pathfinder),
            "news_posts": news_selectors.recent_posts(country=pathfinder),
            "news_filter": f"country={pathfinder.code.lower()}",
        },
    )


@login_required
def country_edit(request: HttpRequest, code: str | None = None) -> HttpResponse:
    if not can_edit_countries(request.user):
        raise PermissionDenied
    pathfinder = _get(code) if code else None
    form = PathfinderCountryForm(
        request.POST or None, instance=PathfinderCountry.objects.get(pk=pathfinder.pk) if pathfinder else None
    )
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.fields}
        try:
            saved = services.save_pathfinder_country(by=request.user, data=data, pathfinder=pathfinder)  # type: ignore[arg-type]
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The country record has been saved."))
            return redirect(saved)
    return render(request, "countries/form.html", {"form": form, "pathfinder": pathfinder})
