"""Plan pages: the list, the logframe, results, indicators with their verdict and chart, reporting, review, budgets."""

from __future__ import annotations

import csv
from typing import Any, Protocol

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alliance87.accounts.models import User
from alliance87.bodies.models import Body
from alliance87.core.form_views import field_values, flash_outcome, handle_form
from alliance87.core.forms import apply_validation_error
from alliance87.countries.models import PathfinderCountry
from alliance87.library.permissions import can_view_item

from . import charts, progress, selectors, services
from .csv_safety import safe_cell
from .forms import (
    BudgetLineForm,
    IndicatorForm,
    MoveForm,
    NodeForm,
    PeriodForm,
    PlanFilterForm,
    PlanForm,
    ReviewForm,
    ValueForm,
)
from .models import BudgetLine, Indicator, IndicatorValue, Plan, ReportingPeriod, ResultNode
from .permissions import can_edit_plan, can_report_on_plan, can_view_plan


def _plan(request: HttpRequest, slug: str, *, edit: bool = False, report: bool = False) -> Plan:
    """The plan, or 404 if it does not exist or this person may not see it; 403 if they may not change it."""
    try:
        plan = selectors.plan_detail(slug)
    except Plan.DoesNotExist:
        raise Http404 from None
    if not can_view_plan(request.user, plan):
        raise Http404
    if edit and not can_edit_plan(request.user, plan):
        raise PermissionDenied
    if report and not can_report_on_plan(request.user, plan):
        raise PermissionDenied
    return plan


def _node(plan: Plan, pk: int) -> ResultNode:
    node = get_object_or_404(ResultNode, pk=pk, plan=plan)
    node.plan = plan
    return node


def _indicator(plan: Plan, pk: int) -> Indicator:
    try:
        return selectors.indicator_detail(plan=plan, pk=pk)
    except Indicator.DoesNotExist:
        raise Http404 from None


def _period(plan: Plan, pk: int) -> ReportingPeriod:
    period = get_object_or_404(
        ReportingPeriod.objects.select_related("indicator__node", "actual"), pk=pk, indicator__node__plan=plan
    )
    period.indicator.node.plan = plan
    return period


def csv_response(filename: str, header: list[str], rows: list[list[Any]]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response


# --- plans -------------------------------------------------------------------------------------------------


def plan_list(request: HttpRequest) -> HttpResponse:
    form = PlanFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    plans = selectors.plan_list(
        request.user,
        owner_body=filters.get("owner_body"),
        owner_country=filters.get("owner_country"),
        status=filters.get("status", ""),
    )
    return render(request, "plans/list.html", {"plans": plans, "form": form})


@login_required
def plan_create(request: HttpRequest) -> HttpResponse:
    initial: dict[str, Any] = {}
    body = Body.objects.filter(slug=request.GET.get("body", "")).first() if "body" in request.GET else None
    country_code = request.GET.get("country", "").upper()
    country = PathfinderCountry.objects.filter(country=country_code).first() if country_code else None
    if body:
        initial["owner_body"] = body
    if country:
        initial["owner_country"] = country
    form = PlanForm(request.POST or None, initial=initial, user=request.user)
    response = handle_form(
        request,
        form,
        lambda: services.create_plan(by=request.user, data=field_values(form)),  # type: ignore[arg-type]
        success=_("The plan has been created. Add its results next."),
        show_refusal=True,
    )
    return response or render(request, "plans/plan_form.html", {"form": form, "plan": None})


@login_required
def plan_edit(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _plan(request, slug, edit=True)
    form = PlanForm(request.POST or None, instance=Plan.objects.get(pk=plan.pk), user=request.user)
    response = handle_form(
        request,
        form,
        lambda: services.update_plan(plan=plan, by=request.user, data=field_values(form)),  # type: ignore[arg-type]
        success=_("The plan has been saved."),
        show_refusal=True,
    )
    return response or render(request, "plans/plan_form.html", {"form": form, "plan": plan})


def plan_detail(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _plan(request, slug)
    tree = selectors.plan_tree(plan)
    verdicts = selectors.plan_verdict_summary(plan, tree)
    return render(
        request,
        "plans/detail.html",
        {
            "plan": plan,
            "tree": tree,
            "verdicts": verdicts,
            "verdict_chart": _verdict_chart(verdicts),
            "can_edit": can_edit_plan(request.user, plan),
            "can_report": can_report_on_plan(request.user, plan),
        },
    )


def _verdict_chart(verdicts: list[selectors.VerdictCount]) -> charts.VerdictChart:
    return charts.verdict_chart(
        [(verdict.category.value, verdict.label, verdict.count) for verdict in verdicts]
    )


def verdicts_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """The plan page's "Progress at a glance": how many indicators fall in each progress category."""
    plan = _plan(request, slug)
    verdicts = selectors.plan_verdict_summary(plan)
    rows = [
        [safe_cell(cell) for cell in (verdict.category.value, verdict.label, verdict.count)]
        for verdict in verdicts
    ]
    return csv_response(f"{plan.slug}-progress.csv", ["category", "label", "indicators"], rows)


def logframe_csv(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _plan(request, slug)
    tree = selectors.plan_tree(plan)
    rows: list[list[Any]] = []
    for node in tree.nodes:
        partners = "; ".join(str(o) for o in node.responsible_organisations.all())
        base = [node.tier, node.code, node.title, partners, node.start_date or "", node.due_date or ""]
        base.append(node.get_status_display())
        if not node.indicator_list:  # type: ignore[attr-defined]
            rows.append([*base, *[""] * 13])
        for indicator in node.indicator_list:  # type: ignore[attr-defined]
            verdict = indicator.verdict
            rows.append(
                [
                    *base,
                    indicator.code,
                    indicator.title,
                    indicator.get_measure_display(),
                    indicator.unit,
                    indicator.baseline_value if indicator.baseline_value is not None else "",
                    indicator.baseline_year or "",
                    indicator.target_value if indicator.target_value is not None else "",
                    indicator.target_year or "",
                    verdict.latest_value if verdict.latest_value is not None else "",
                    verdict.latest_period_end.year if verdict.has_latest else "",
                    verdict.assessment.category.label,
                    indicator.source,
                    indicator.caveats,
                ]
            )
    header = [
        _("Tier"),
        _("Code"),
        _("Result"),
        _("Responsible partners"),
        _("Start"),
        _("Due"),
        _("Status"),
        _("Indicator code"),
        _("Indicator"),
        _("Measure"),
        _("Unit"),
        _("Baseline"),
        _("Baseline year"),
        _("Target"),
        _("Target year"),
        _("Latest approved value"),
        _("Year of latest value"),
        _("Progress"),
        _("Source"),
        _("Caveats"),
    ]
    return csv_response(f"{plan.slug}-logframe.csv", header, rows)


# --- results -----------------------------------------------------------------------------------------------


@login_required
def node_create(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _plan(request, slug, edit=True)
    parent = _node(plan, int(request.GET["parent"])) if request.GET.get("parent", "").isdigit() else None
    form = NodeForm(request.POST or None, user=request.user)
    response = handle_form(
        request,
        form,
        lambda: services.add_node(plan=plan, by=request.user, parent=parent, **field_values(form)),  # type: ignore[arg-type]
        success=_("The result has been added."),
        to=plan,
    )
    tier = plan.tier_name(parent.level + 1 if parent else 0)
    context = {"form": form, "plan": plan, "parent": parent, "tier": tier}
    return response or render(request, "plans/node_form.html", context)


@login_required
def node_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = _plan(request, slug, edit=True)
    node = _node(plan, pk)
    form = NodeForm(request.POST or None, instance=ResultNode.objects.get(pk=node.pk), user=request.user)
    response = handle_form(
        request,
        form,
        lambda: services.update_node(node=node, by=request.user, data=field_values(form)),  # type: ignore[arg-type]
        success=_("The result has been saved."),
        to=plan,
    )
    context = {"form": form, "plan": plan, "node": node, "tier": node.tier}
    return response or render(request, "plans/node_form.html", context)


@login_required
def node_move(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = _plan(request, slug, edit=True)
    node = _node(plan, pk)
    direction = request.POST.get("direction")
    if request.method == "POST" and direction in ("up", "down"):
        services.shift_node(node=node, by=request.user, offset=-1 if direction == "up" else 1)  # type: ignore[arg-type]
        return redirect(f"{plan.get_absolute_url()}#result-{node.pk}")
    nodes = ResultNode.objects.filter(plan=plan).select_related("plan").order_by("level", "position", "pk")
    form = MoveForm(
        request.POST or None, nodes=nodes, initial={"parent": node.parent, "position": node.position + 1}
    )
    response = handle_form(
        request,
        form,
        lambda: services.move_node(
            node=node,
            by=request.user,  # type: ignore[arg-type]
            new_parent=form.cleaned_data["parent"],
            position=form.cleaned_data["position"] - 1,
        ),
        success=_("The result has been moved."),
        to=f"{plan.get_absolute_url()}#result-{node.pk}",
    )
    return response or render(request, "plans/node_move.html", {"form": form, "plan": plan, "node": node})


@login_required
@require_POST
def node_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = _plan(request, slug, edit=True)
    services.delete_node(node=_node(plan, pk), by=request.user)  # type: ignore[arg-type]
    messages.success(request, _("The result and everything under it have been removed."))
    return redirect(plan)


# --- indicators, periods, values ---------------------------------------------------------------------------


@login_required
def indicator_create(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = _plan(request, slug, edit=True)
    node = _node(plan, pk)
    form = IndicatorForm(request.POST or None)
    response = handle_form(
        request,
        form,
        lambda: services.add_indicator(node=node, by=request.user, data=field_values(form)),  # type: ignore[arg-type]
        success=_("The indicator has been added. Set its reporting periods and targets next."),
    )
    context = {"form": form, "plan": plan, "node": node, "indicator": None}
    return response or render(request, "plans/indicator_form.html", context)


@login_required
def indicator_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = _plan(request, slug, edit=True)
    indicator = _indicator(plan, pk)
    form = IndicatorForm(request.POST or None, instance=Indicator.objects.get(pk=indicator.pk))
    response = handle_form(
        request,
        form,
        lambda: services.update_indicator(indicator=indicator, by=request.user, data=field_values(form)),  # type: ignore[arg-type]
        success=_("The indicator has been saved."),
        to=indicator,
    )
    context = {"form": form, "plan": plan, "node": indicator.node, "indicator": indicator}
    return response or render(request, "plans/indicator_form.html", context)


@login_required
@require_POST
def indicator_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = _plan(request, slug, edit=True)
    services.delete_indicator(indicator=_indicator(plan, pk), by=request.user)  # type: ignore[arg-type]
    messages.success(request, _("The indicator has been removed."))
    return redirect(plan)


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


def _figures(assessment: progress.Assessment) -> dict[str, str]:
    """The assessment's rates as percentages, and the method by name, for the indicator page."""
    methods = {
        progress.METHOD_WITH_TARGET: _(
            "Open SDG progress measure with a target: observed growth over required growth"
        ),
        progress.METHOD_WITHOUT_TARGET: _(
            "Open SDG progress measure without a target: growth a year in the desired direction"
        ),
    }

    def pct(number: float | None) -> str:
        return "" if number is None else f"{number:+.2%}"

    thresholds = assessment.thresholds
    if thresholds and assessment.method == progress.METHOD_WITH_TARGET:
        shown = ", ".join(f"{t:.0%}" for t in thresholds)
    elif thresholds:
        shown = ", ".join(pct(t) for t in thresholds)
    else:
        shown = ""
    return {
        "method": methods.get(assessment.method, _("Not assessed")),
        "observed": pct(assessment.observed_cagr),
        "required": pct(assessment.required_cagr),
        "ratio": "" if assessment.ratio is None else f"{assessment.ratio:.0%}",
        "thresholds": shown,
    }


def indicator_page(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = _plan(request, slug)
    indicator = _indicator(plan, pk)
    result = selectors.indicator_assessment(indicator, indicator.period_list)  # type: ignore[attr-defined]
    rows = []
    for period in indicator.period_list:  # type: ignore[attr-defined]
        actual = getattr(period, "actual", None)
        checks = (
            services.disaggregation_checks(indicator, actual) if actual and actual.value is not None else {}
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
            "chart": _chart(indicator, result),
            "rows": rows,
            "history": selectors.value_history(indicator) if can_report_on_plan(request.user, plan) else [],
            "can_edit": can_edit,
            "can_report": can_report_on_plan(request.user, plan),
            "review_form": ReviewForm(),
        },
    )


def indicator_csv(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = _plan(request, slug)
    indicator = _indicator(plan, pk)
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
        approved = actual if actual and actual.status == "approved" else None
        rows.append(
            [
                "period",
                period.end.year,
                period.start,
                period.end,
                period.target_value if period.target_value is not None else "",
                approved.value if approved and approved.value is not None else "",
                approved.status if approved else "",
                (approved.source if approved else "") or indicator.source,
            ]
        )
    if indicator.target_year and indicator.target_value is not None:
        rows.append(["final_target", indicator.target_year, "", "", indicator.target_value, "", "", ""])
    header = ["row", "year", "period_start", "period_end", "target", "approved_value", "status", "source"]
    return csv_response(f"{plan.slug}-indicator-{indicator.pk}.csv", header, rows)


@login_required
def period_edit(
    request: HttpRequest, slug: str, pk: int | None = None, indicator_pk: int | None = None
) -> HttpResponse:
    plan = _plan(request, slug, edit=True)
    period = _period(plan, pk) if pk else None
    indicator = period.indicator if period else _indicator(plan, indicator_pk)  # type: ignore[arg-type]
    form = PeriodForm(
        request.POST or None, instance=ReportingPeriod.objects.get(pk=period.pk) if period else None
    )
    response = handle_form(
        request,
        form,
        lambda: services.set_period(
            indicator=indicator,
            by=request.user,  # type: ignore[arg-type]
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
def period_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = _plan(request, slug, edit=True)
    period = _period(plan, pk)
    flash_outcome(
        request,
        lambda: services.delete_period(period=period, by=request.user),  # type: ignore[arg-type]
        success=_("The period has been removed."),
    )
    return redirect(period.indicator)


@login_required
def report_value(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = _plan(request, slug, report=True)
    period = _period(plan, pk)
    indicator = period.indicator
    current = getattr(period, "actual", None)
    form = ValueForm(
        request.POST or None,
        indicator=indicator,
        user=request.user,
        initial=ValueForm.initial_for(current, indicator),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.submit_value(
                period=period,
                by=request.user,  # type: ignore[arg-type]
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


# --- review ------------------------------------------------------------------------------------------------


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    pending = selectors.pending_values_for(request.user)
    return render(request, "plans/review.html", {"pending": pending, "review_form": ReviewForm()})


def _review_redirect(request: HttpRequest, value: IndicatorValue) -> HttpResponse:
    if request.POST.get("next") == "indicator":
        return redirect(value.period.indicator)
    return redirect("plans:review")


def _reviewed_value(pk: int) -> IndicatorValue:
    return get_object_or_404(IndicatorValue.objects.select_related("period__indicator__node__plan"), pk=pk)


class _Decision(Protocol):
    """A reviewer's decision on a submitted value: `services.approve_value` or `services.return_value`."""

    def __call__(
        self, *, value: IndicatorValue, by: User, comment: str, expected_version: int | None
    ) -> IndicatorValue: ...


def _review(request: HttpRequest, pk: int, decide: _Decision, *, success: str) -> HttpResponse:
    """Approve or return a value with the reviewer's comment, then go back to where the review was made."""
    value = _reviewed_value(pk)
    form = ReviewForm(request.POST)
    form.is_valid()
    flash_outcome(
        request,
        lambda: decide(
            value=value,
            by=request.user,  # type: ignore[arg-type]
            comment=form.cleaned_data.get("comment", ""),
            expected_version=form.cleaned_data.get("version"),
        ),
        success=success,
    )
    return _review_redirect(request, value)


@login_required
@require_POST
def approve_value(request: HttpRequest, pk: int) -> HttpResponse:
    success = _("The value has been approved and now counts in the progress verdict.")
    return _review(request, pk, services.approve_value, success=success)


@login_required
@require_POST
def return_value(request: HttpRequest, pk: int) -> HttpResponse:
    success = _("The value has been returned to the reporters with your comment.")
    return _review(request, pk, services.return_value, success=success)


# --- budget ------------------------------------------------------------------------------------------------


def budget(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _plan(request, slug)
    summary = selectors.plan_budget_summary(plan)
    return render(
        request,
        "plans/budget.html",
        {
            "plan": plan,
            "summary": summary,
            "budget_chart": _budget_chart(summary),
            "can_edit": can_edit_plan(request.user, plan),
        },
    )


def _budget_chart(summary: selectors.BudgetSummary) -> charts.GroupedBarChart:
    if not summary.years:
        return charts.budget_chart([])
    groups = [(str(totals.year), totals.planned, totals.committed, totals.spent) for totals in summary.years]
    total = summary.total
    return charts.budget_chart([*groups, (_("Total"), total.planned, total.committed, total.spent)])


def budget_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """The budget page's totals: planned, committed, spent and the funding gap per year, then in total."""
    plan = _plan(request, slug)
    summary = selectors.plan_budget_summary(plan)
    rows = [
        [
            safe_cell(cell)
            for cell in (
                totals.year if totals.year is not None else "total",
                summary.currency,
                totals.planned,
                totals.committed,
                totals.spent,
                totals.funding_gap,
            )
        ]
        for totals in [*summary.years, summary.total]
    ]
    header = ["year", "currency", "planned", "committed", "spent", "funding_gap"]
    return csv_response(f"{plan.slug}-budget.csv", header, rows)


@login_required
def budget_line_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    plan = _plan(request, slug, edit=True)
    line = get_object_or_404(BudgetLine, pk=pk, plan=plan) if pk else None
    nodes = ResultNode.objects.filter(plan=plan).select_related("plan").order_by("level", "position", "pk")
    form = BudgetLineForm(
        request.POST or None, instance=BudgetLine.objects.get(pk=line.pk) if line else None, nodes=nodes
    )
    response = handle_form(
        request,
        form,
        lambda: services.save_budget_line(plan=plan, by=request.user, data=field_values(form), line=line),  # type: ignore[arg-type]
        success=_("The budget line has been saved."),
        to=reverse("plans:budget", kwargs={"slug": plan.slug}),
    )
    context = {"form": form, "plan": plan, "line": line}
    return response or render(request, "plans/budget_line_form.html", context)


@login_required
@require_POST
def budget_line_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = _plan(request, slug, edit=True)
    services.delete_budget_line(line=get_object_or_404(BudgetLine, pk=pk, plan=plan), by=request.user)  # type: ignore[arg-type]
    messages.success(request, _("The budget line has been removed."))
    return redirect("plans:budget", slug=plan.slug)


urlpatterns: list[URLPattern] = [
    path("", plan_list, name="list"),
    path("new/", plan_create, name="create"),
    path("review/", review_queue, name="review"),
    path("values/<int:pk>/approve/", approve_value, name="approve_value"),
    path("values/<int:pk>/return/", return_value, name="return_value"),
    path("<slug:slug>/", plan_detail, name="detail"),
    path("<slug:slug>/edit/", plan_edit, name="edit"),
    path("<slug:slug>/logframe.csv", logframe_csv, name="logframe_csv"),
    path("<slug:slug>/verdicts.csv", verdicts_csv, name="verdicts_csv"),
    path("<slug:slug>/budget.csv", budget_csv, name="budget_csv"),
    path("<slug:slug>/results/new/", node_create, name="node_create"),
    path("<slug:slug>/results/<int:pk>/edit/", node_edit, name="node_edit"),
    path("<slug:slug>/results/<int:pk>/move/", node_move, name="node_move"),
    path("<slug:slug>/results/<int:pk>/delete/", node_delete, name="node_delete"),
    path("<slug:slug>/results/<int:pk>/indicators/new/", indicator_create, name="indicator_create"),
    path("<slug:slug>/indicators/<int:pk>/", indicator_page, name="indicator"),
    path("<slug:slug>/indicators/<int:pk>/edit/", indicator_edit, name="indicator_edit"),
    path("<slug:slug>/indicators/<int:pk>/delete/", indicator_delete, name="indicator_delete"),
    path("<slug:slug>/indicators/<int:pk>/data.csv", indicator_csv, name="indicator_csv"),
    path("<slug:slug>/indicators/<int:indicator_pk>/periods/new/", period_edit, name="period_create"),
    path("<slug:slug>/periods/<int:pk>/edit/", period_edit, name="period_edit"),
    path("<slug:slug>/periods/<int:pk>/delete/", period_delete, name="period_delete"),
    path("<slug:slug>/periods/<int:pk>/report/", report_value, name="report_value"),
    path("<slug:slug>/budget/", budget, name="budget"),
    path("<slug:slug>/budget/new/", budget_line_edit, name="budget_line_create"),
    path("<slug:slug>/budget/<int:pk>/edit/", budget_line_edit, name="budget_line_edit"),
    path("<slug:slug>/budget/<int:pk>/delete/", budget_line_delete, name="budget_line_delete"),
]
