"""Common indicators: the list, and one indicator combined across the plans that measure it (page and CSV)."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alliance87.accounts.types import SignedInRequest
from alliance87.core.csv_export import csv_response
from alliance87.core.form_views import field_values, flash_outcome, handle_form

from ..forms import CommonIndicatorForm
from ..gaps import plain
from ..models import CommonIndicator
from ..permissions import can_manage_common_indicators
from . import combined, services


def common_indicator_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "plans/common/list.html",
        {
            "common_indicators": combined.common_indicators(request.user),
            "can_manage": can_manage_common_indicators(request.user),
        },
    )


def common_indicator(request: HttpRequest, slug: str) -> HttpResponse:
    common = get_object_or_404(CommonIndicator, slug=slug)
    return render(
        request,
        "plans/common/detail.html",
        {
            "common": common,
            "result": combined.combined_indicator(common, request.user),
            "can_manage": can_manage_common_indicators(request.user),
        },
    )


@login_required
def common_indicator_edit(request: SignedInRequest, slug: str | None = None) -> HttpResponse:
    """Create (no slug) or change a common indicator: the Secretariat's."""
    if not can_manage_common_indicators(request.user):
        raise PermissionDenied
    common = get_object_or_404(CommonIndicator, slug=slug) if slug else None
    form = CommonIndicatorForm(request.POST or None, instance=common)
    response = handle_form(
        request,
        form,
        lambda: services.save_common_indicator(
            by=request.user, fields=services.CommonIndicatorFields(**field_values(form)), common=common
        ),
        success=_("The common indicator has been saved."),
    )
    return response or render(request, "plans/common/form.html", {"form": form, "common": common})


@login_required
@require_POST
def common_indicator_delete(request: SignedInRequest, slug: str) -> HttpResponse:
    common = get_object_or_404(CommonIndicator, slug=slug)
    deleted = flash_outcome(
        request,
        lambda: services.delete_common_indicator(by=request.user, common=common),
        success=_("The common indicator has been deleted."),
    )
    return redirect("plans:common_indicators" if deleted else common)


def common_indicator_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """Long format: a row per plan and year, then a row per year with the combination."""
    common = get_object_or_404(CommonIndicator, slug=slug)
    result = combined.combined_indicator(common, request.user)
    rows = []
    for series in result.plans:
        for figure in series.figures.values():
            rows.append(
                [
                    "plan",
                    figure.year,
                    series.plan.title,
                    series.plan.owner_name,
                    plain(figure.value),
                    _number(figure.numerator),
                    _number(figure.denominator),
                    series.currency if common.measure == "currency" else "",
                    figure.source,
                    series.indicator.caveats,
                ]
            )
    for year in result.years:
        rows.append(
            [
                "combined",
                year.year,
                "",
                f"{year.reporting}/{year.linked}",
                _number(year.value),
                _number(year.combined.numerator),
                _number(year.combined.denominator),
                "",
                year.combined.reason,
                common.caveats,
            ]
        )
    header = [
        "row",
        "year",
        "plan",
        "owner_or_plans_reporting",
        "value",
        "numerator",
        "denominator",
        "currency",
        "source_or_rule",
        "caveats",
    ]
    return csv_response(f"{common.slug}-combined.csv", header, rows)


def _number(value: Decimal | None) -> Decimal | str:
    return "" if value is None else plain(value)  # type: ignore[return-value]


urlpatterns: list[URLPattern] = [
    path("common/", common_indicator_list, name="common_indicators"),
    path("common/new/", common_indicator_edit, name="common_indicator_create"),
    path("common/<slug:slug>/edit/", common_indicator_edit, name="common_indicator_edit"),
    path("common/<slug:slug>/delete/", common_indicator_delete, name="common_indicator_delete"),
    path("common/<slug:slug>/", common_indicator, name="common_indicator"),
    path("common/<slug:slug>/data.csv", common_indicator_csv, name="common_indicator_csv"),
]
