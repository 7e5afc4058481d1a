"""A plan's budget: its lines by year and result, the chart of planned, committed and spent amounts, and the CSV."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alliance87.accounts.types import SignedInRequest
from alliance87.core.csv_export import csv_response
from alliance87.core.form_views import field_values, handle_form

from .. import charts, selectors, services
from ..forms import BudgetLineForm
from ..models import BudgetLine, ResultNode
from ..permissions import can_edit_plan
from .access import plan_or_404


def budget(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_or_404(request, slug)
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
    plan = plan_or_404(request, slug)
    summary = selectors.plan_budget_summary(plan)
    rows = [
        [
            totals.year if totals.year is not None else "total",
            summary.currency,
            totals.planned,
            totals.committed,
            totals.spent,
            totals.funding_gap,
        ]
        for totals in [*summary.years, summary.total]
    ]
    header = ["year", "currency", "planned", "committed", "spent", "funding_gap"]
    return csv_response(f"{plan.slug}-budget.csv", header, rows)


@login_required
def budget_line_edit(request: SignedInRequest, slug: str, pk: int | None = None) -> HttpResponse:
    plan = plan_or_404(request, slug, edit=True)
    line = get_object_or_404(BudgetLine, pk=pk, plan=plan) if pk else None
    nodes = ResultNode.objects.filter(plan=plan).select_related("plan").order_by("level", "position", "pk")
    form = BudgetLineForm(
        request.POST or None, instance=BudgetLine.objects.get(pk=line.pk) if line else None, nodes=nodes
    )
    response = handle_form(
        request,
        form,
        lambda: services.budget.save_budget_line(
            plan=plan,
            by=request.user,
            fields=services.budget.BudgetLineFields(**field_values(form)),
            line=line,
        ),
        success=_("The budget line has been saved."),
        to=reverse("plans:budget", kwargs={"slug": plan.slug}),
    )
    context = {"form": form, "plan": plan, "line": line}
    return response or render(request, "plans/budget_line_form.html", context)


@login_required
@require_POST
def budget_line_delete(request: SignedInRequest, slug: str, pk: int) -> HttpResponse:
    plan = plan_or_404(request, slug, edit=True)
    services.budget.delete_budget_line(line=get_object_or_404(BudgetLine, pk=pk, plan=plan), by=request.user)
    messages.success(request, _("The budget line has been removed."))
    return redirect("plans:budget", slug=plan.slug)
