"""Indicators, their reporting periods and reported values: the indicator page with its verdict and chart, and the forms."""

from __future__ import annotations

import dataclasses
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alliance87.accounts.types import SignedInRequest
from alliance87.core import assessment as progress
from alliance87.core.concurrency import posted_version
from alliance87.core.csv_export import csv_response
from alliance87.core.form_views import field_values, flash_outcome, handle_form
from alliance87.core.formatting import format_percent
from alliance87.core.forms import apply_validation_error
from alliance87.library.permissions import can_view_item

from .. import charts, selectors, services
from ..forms import IndicatorForm, PeriodForm, ReviewForm, ValueForm
from ..models import Indicator, IndicatorValue, ReportingPeriod
from ..permissions import can_edit_plan, can_report_on_plan, can_see_review
from .access import indicator_or_404, node_or_404, period_or_404, plan_or_404


@login_required
def indicator_create(request: SignedInRequest, slug: str, pk: int) -> HttpResponse:
    plan = plan_or_404(request, slug, edit=True)
    node = node_or_404(plan, pk)
    form = IndicatorForm(request.POST or None)
    response = handle_form(
        request,
        form,
        lambda: services.indicators.add_indicator(
            node=node,
            by=request.user,
            fields=services.indicators.IndicatorFields(**field_values(form)),
        ),
        success=_("The indicator has been added. Set its reporting periods and targets next."),
    )
    context = {"form": form, "plan": plan, "node": node, "indicator": None}
    return response or render(request, "plans/indicator_form.html", context)


@login_required
def indicator_edit(request: SignedInRequest, slug: str, pk: int) -> HttpResponse:
    plan = plan_or_404(request, slug, edit=True)
    indicator = indicator_or_404(plan, pk)
    form = IndicatorForm(request.POST or None, instance=Indicator.objects.get(pk=indicator.pk))
    response = handle_form(
        request,
        form,
        lambda: services.indicators.update_indicator(
            indicator=indicator,
            by=request.user,
            fields=dataclasses.replace(
                services.indicators.IndicatorFields.of(indicator), **field_values(form)
            ),
            version=posted_version(form),
        ),
        success=_("The indicator has been saved."),
        to=indicator,
    )
    context = {"form": form, "plan": plan, "node": indicator.node, "indicator": indicator}
    return response or render(request, "plans/indicator_form.html", context)


@login_required
@require_POST
def indicator_delete(request: SignedInRequest, slug: str, pk: int) -> HttpResponse:
    plan = plan_or_404(request, slug, edit=True)
    indicator = indicator_or_404(plan, pk)
    removed = flash_outcome(
        request,
        lambda: services.indicators.delete_indicator(indicator=indicator, by=request.user),
        success=_("The indicator has been removed."),
    )
    return redirect(plan if removed else indicator)


def _chart(indicator: Indicator, result: selectors.IndicatorAssessment) -> charts.Chart:
    projection = result.projection
    line = None
    if projection and projection.slope is not None and result.series.with_baseline():
        first_year = result.series.with_baseline()[0][0]
        line = (
            (first_year, projection.intercept + projection.slope * first_year),  # type: ignore[operator]
            (projection.target_year, projection.projected_value),
        )
    return charts.indicator_chart(
        baseline=result.series.baseline,
        actuals=result.series.observations,
        targets=[
            (p.end.year, p.target_value)
            for p in indicator.period_list  # type: ignore[attr-defined]
            if p.target_value is not None
        ],
        final_target=(indicator.target_year, indicator.target_value)
        if indicator.target_year and indicator.target_value is not None
        else None,
        projection=line,  # type: ignore[arg-type]
    )


def _bounded(number: float | None, *, decimals: int, signed: bool) -> str:
    """A rate or share as a percentage in the reader's language; beyond ±1000 % only the bound (a runaway
    figure says more about a tiny base than about progress)."""
    if number is None:
        return ""
    if abs(number) > progress.MAX_GROWTH:
        return _("more than +1000%") if number > 0 else _("less than −1000%")
    text = format_percent(number * 100, decimals=decimals)
    return f"+{text}" if signed and not text.startswith(("-", "−")) else text


def _figures(assessment: progress.Assessment) -> dict[str, str]:
    """The assessment's rates as percentages, and the method by name, for the indicator page."""

    def pct(number: float | None) -> str:
        return _bounded(number, decimals=2, signed=True)

    def share(number: float | None) -> str:
        return _bounded(number, decimals=0, signed=False)

    thresholds = assessment.thresholds
    if thresholds and assessment.method in (progress.METHOD_WITH_TARGET, progress.METHOD_LINEAR):
        shown = ", ".join(share(t) for t in thresholds)
    elif thresholds:
        shown = ", ".join(pct(t) for t in thresholds)
    else:
        shown = ""
    return {
        "method": assessment.method_name,
        "observed": pct(assessment.observed_cagr),
        "required": pct(assessment.required_cagr),
        "ratio": share(assessment.ratio),
        "share_achieved": share(assessment.share_achieved),
        "share_elapsed": share(assessment.share_elapsed),
        "thresholds": shown,
    }


def indicator_page(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = plan_or_404(request, slug)
    indicator = indicator_or_404(plan, pk)
    result = selectors.indicator_assessment(indicator, indicator.period_list)  # type: ignore[attr-defined]
    rows = []
    sees_review = can_see_review(request.user, plan)
    for period in indicator.period_list:  # type: ignore[attr-defined]
        actual = getattr(period, "actual", None)
        if not sees_review:  # visitors and other partners see approved values only, without the review
            actual = selectors.public_value(actual)
        checks = (
            services.reporting.disaggregation_checks(indicator, actual)
            if actual and actual.value is not None
            else {}
        )
        evidence = actual.evidence_item if actual is not None and actual.evidence_item_id else None
        if evidence is not None and not can_view_item(request.user, evidence):
            evidence = None  # the page says a document is cited, not which
        rows.append({"period": period, "actual": actual, "checks": checks, "evidence_item": evidence})
    can_edit = can_edit_plan(request.user, plan)
    return render(
        request,
        "plans/indicator.html",
        {
            "plan": plan,
            "indicator": indicator,
            "result": result,
            "assessment": result.assessment,
            "figures": _figures(result.assessment),
            "projection": result.projection,
            "method_name": progress.METHOD_NAME,
            "method_url": progress.METHOD_URL,
            "chart": _chart(indicator, result),
            "rows": rows,
            "history": selectors.value_history(indicator) if can_report_on_plan(request.user, plan) else [],
            "can_edit": can_edit,
            "can_report": can_report_on_plan(request.user, plan),
            "review_form": ReviewForm(),
        },
    )


def indicator_csv(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = plan_or_404(request, slug)
    indicator = indicator_or_404(plan, pk)
    rows: list[list[Any]] = []
    if indicator.baseline_year and indicator.baseline_value is not None:
        rows.append(
            [
                "baseline",
                indicator.baseline_year,
                "",
                "",
                "",
                indicator.baseline_value,
                "",
                indicator.baseline_comment,
            ]
        )
    for period in indicator.period_list:  # type: ignore[attr-defined]
        actual = getattr(period, "actual", None)
        # The approved version only: the last approved one while a correction is reviewed, never the review.
        approved = actual.published if actual is not None else None
        rows.append(
            [
                "period",
                period.end.year,
                period.start,
                period.end,
                period.target_value if period.target_value is not None else "",
                approved.value if approved and approved.value is not None else "",
                "approved" if approved else "",
                (approved.source if approved else "") or indicator.source,
            ]
        )
    if indicator.target_year and indicator.target_value is not None:
        rows.append(["final_target", indicator.target_year, "", "", indicator.target_value, "", "", ""])
    header = ["row", "year", "period_start", "period_end", "target", "approved_value", "status", "source"]
    return csv_response(f"{plan.slug}-indicator-{indicator.pk}.csv", header, rows)


@login_required
def period_edit(
    request: SignedInRequest, slug: str, pk: int | None = None, indicator_pk: int | None = None
) -> HttpResponse:
    plan = plan_or_404(request, slug, edit=True)
    period = period_or_404(plan, pk) if pk else None
    indicator = period.indicator if period else indicator_or_404(plan, indicator_pk)  # type: ignore[arg-type]
    form = PeriodForm(
        request.POST or None, instance=ReportingPeriod.objects.get(pk=period.pk) if period else None
    )
    response = handle_form(
        request,
        form,
        lambda: services.indicators.set_period(
            indicator=indicator,
            by=request.user,
            period=period,
            **field_values(form),
        ),
        success=_("The period has been saved."),
        to=indicator,
    )
    context = {"form": form, "plan": plan, "indicator": indicator, "period": period}
    return response or render(request, "plans/period_form.html", context)


@login_required
@require_POST
def period_delete(request: SignedInRequest, slug: str, pk: int) -> HttpResponse:
    plan = plan_or_404(request, slug, edit=True)
    period = period_or_404(plan, pk)
    flash_outcome(
        request,
        lambda: services.indicators.delete_period(period=period, by=request.user),
        success=_("The period has been removed."),
    )
    return redirect(period.indicator)


@login_required
def report_value(request: SignedInRequest, slug: str, pk: int) -> HttpResponse:
    plan = plan_or_404(request, slug, report=True)
    period = period_or_404(plan, pk)
    indicator = period.indicator
    current = getattr(period, "actual", None)
    form = ValueForm(
        request.POST or None,
        indicator=indicator,
        user=request.user,
        initial=ValueForm.initial_for(current, indicator, request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.reporting.submit_value(
                period=period,
                by=request.user,
                value=data.get("value"),
                numerator=data.get("numerator"),
                denominator=data.get("denominator"),
                text_value=data.get("text_value", ""),
                disaggregated=form.disaggregated(),
                source=data["source"],
                comment=data["comment"],
                evidence_url=data["evidence_url"],
                evidence_item=data.get("evidence_item"),
                expected_version=data["version"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
            if getattr(error, "code", None) == "stale":
                current = IndicatorValue.objects.select_related("submitted_by").filter(period=period).first()
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The value has been submitted for approval."))
            return redirect(indicator)
    return render(
        request,
        "plans/report_form.html",
        {"form": form, "plan": plan, "indicator": indicator, "period": period, "current": current},
    )
