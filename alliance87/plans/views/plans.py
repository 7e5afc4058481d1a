"""Plan pages: the list, a plan's logframe with its verdicts, creating and editing plans, and their CSV downloads."""

from __future__ import annotations

import dataclasses
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from alliance87.accounts.types import SignedInRequest
from alliance87.bodies.models import Body
from alliance87.core.concurrency import posted_version
from alliance87.core.csv_export import csv_response
from alliance87.core.form_views import field_values, handle_form
from alliance87.core.history import Source, historical_ids, render_history
from alliance87.core.paginator import BoundedPaginator
from alliance87.countries.models import PathfinderCountry
from alliance87.library.permissions import visible_items

from .. import charts, selectors, services
from ..forms import PlanFilterForm, PlanForm
from ..models import BudgetLine, Indicator, IndicatorValue, Plan, ReportingPeriod, ResultNode
from ..permissions import can_edit_plan, can_report_on_plan
from .access import plan_or_404

PAGE_SIZE = 25


def plan_list(request: HttpRequest) -> HttpResponse:
    form = PlanFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    plans = selectors.in_reading_order(
        selectors.plan_list(
            request.user,
            owner_body=filters.get("owner_body"),
            owner_country=filters.get("owner_country"),
            status=filters.get("status", ""),
        )
    )
    # A page at a time: 500 plans drawn in one page took seconds and ~200 KB. Counted to a bound: "page 1 of N"
    # read every visible plan (5,000 at ten times the large data set).
    page = BoundedPaginator(plans, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "plans/list.html", {"plans": page.object_list, "page_obj": page, "form": form})


@login_required
def plan_create(request: SignedInRequest) -> HttpResponse:
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
        lambda: services.framework.create_plan(
            by=request.user,
            fields=services.framework.PlanFields(**field_values(form)),
        ),
        success=_("The plan has been created. Add its results next."),
        show_refusal=True,
    )
    return response or render(request, "plans/plan_form.html", {"form": form, "plan": None})


@login_required
def plan_edit(request: SignedInRequest, slug: str) -> HttpResponse:
    plan = plan_or_404(request, slug, edit=True)
    form = PlanForm(request.POST or None, instance=Plan.objects.get(pk=plan.pk), user=request.user)
    response = handle_form(
        request,
        form,
        lambda: services.framework.update_plan(
            plan=plan,
            by=request.user,
            fields=dataclasses.replace(services.framework.PlanFields.of(plan), **field_values(form)),
            version=posted_version(form),
        ),
        success=_("The plan has been saved."),
        show_refusal=True,
    )
    return response or render(request, "plans/plan_form.html", {"form": form, "plan": plan})


def plan_detail(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_or_404(request, slug)
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
    plan = plan_or_404(request, slug)
    verdicts = selectors.plan_verdict_summary(plan)
    rows = [[verdict.category.value, verdict.label, verdict.count] for verdict in verdicts]
    return csv_response(f"{plan.slug}-progress.csv", ["category", "label", "indicators"], rows)


def logframe_csv(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_or_404(request, slug)
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


@login_required
def plan_history(request: SignedInRequest, slug: str) -> HttpResponse:
    """Who changed the plan, its results, indicators, targets, values and budget, and when.

    For those who edit or report on the plan. Parts deleted since are still listed (their ids are read from the
    history, not from today's rows); a library document a reader may not open is not named.
    """
    plan = plan_or_404(request, slug)
    if not (can_edit_plan(request.user, plan) or can_report_on_plan(request.user, plan)):
        raise PermissionDenied
    nodes = historical_ids(ResultNode, Q(plan_id=plan.pk))
    indicators = historical_ids(Indicator, Q(node_id__in=nodes))
    periods = historical_ids(ReportingPeriod, Q(indicator_id__in=indicators))
    return render_history(
        request,
        subject=plan.title,
        back_url=plan.get_absolute_url(),
        sources=[
            Source(Plan, Q(id=plan.pk)),
            Source(ResultNode, Q(plan_id=plan.pk)),
            Source(Indicator, Q(id__in=indicators)),
            Source(ReportingPeriod, Q(id__in=periods)),
            Source(IndicatorValue, Q(period_id__in=periods)),
            Source(BudgetLine, Q(plan_id=plan.pk)),
        ],
        visible={"library.Item": visible_items(request.user)},
    )
