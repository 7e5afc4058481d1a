"""Finding the plan records a caller may see, for the framework and reporting routers.

A plan the caller may not see (a draft, to anyone but its editors and reporters) does not exist for them: every
lookup here answers 404 for everything in it, on reads and writes alike, as ``selectors.visible_plan`` does
for the plan itself.
"""

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from alliance87.accounts.api_auth import viewer
from alliance87.plans import selectors
from alliance87.plans.models import BudgetLine, Indicator, IndicatorValue, Plan, ReportingPeriod, ResultNode
from alliance87.plans.permissions import can_view_plan


def check_visible(request: HttpRequest, plan: Plan) -> None:
    """A plan the caller may not see does not exist for them."""
    if not can_view_plan(viewer(request), plan):
        raise Http404


def visible_node(request: HttpRequest, node_id: int) -> ResultNode:
    """The result with this id, with its plan."""
    node = get_object_or_404(ResultNode.objects.select_related("plan"), pk=node_id)
    check_visible(request, node.plan)
    return node


def visible_indicator(request: HttpRequest, indicator_id: int) -> Indicator:
    """The indicator with this id, with its periods and values as its detail shows them."""
    plan = get_object_or_404(Plan, nodes__indicators__pk=indicator_id)
    check_visible(request, plan)
    return selectors.indicator_detail(plan=plan, pk=indicator_id)


def visible_period(request: HttpRequest, period_id: int) -> ReportingPeriod:
    """The reporting period with this id, with its indicator's plan and its reported value."""
    period = get_object_or_404(
        ReportingPeriod.objects.select_related("indicator__node__plan", "actual"), pk=period_id
    )
    check_visible(request, period.indicator.node.plan)
    return period


def visible_value(request: HttpRequest, value_id: int) -> IndicatorValue:
    """The reported value with this id, with the plan it belongs to."""
    value = get_object_or_404(
        IndicatorValue.objects.select_related("period__indicator__node__plan"), pk=value_id
    )
    check_visible(request, value.period.indicator.node.plan)
    return value


def visible_budget_line(request: HttpRequest, line_id: int) -> BudgetLine:
    """The budget line with this id, with its plan, result and funder."""
    line = get_object_or_404(BudgetLine.objects.select_related("plan", "node", "funder"), pk=line_id)
    check_visible(request, line.plan)
    return line
