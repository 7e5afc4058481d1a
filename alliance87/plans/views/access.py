"""Finding what a plan page shows: a plan this person may see (and may change, on a page that changes it), and
the records in it; anything else is not found (404), or refused (403) when they may see but not change it.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from .. import selectors
from ..models import Indicator, Plan, ReportingPeriod, ResultNode
from ..permissions import can_edit_plan, can_report_on_plan


def plan_or_404(request: HttpRequest, slug: str, *, edit: bool = False, report: bool = False) -> Plan:
    """The plan, or 404 if it does not exist or this person may not see it; 403 if they may not change it."""
    try:
        plan = selectors.visible_plan(request.user, slug)
    except Plan.DoesNotExist:
        raise Http404 from None
    if edit and not can_edit_plan(request.user, plan):
        raise PermissionDenied
    if report and not can_report_on_plan(request.user, plan):
        raise PermissionDenied
    return plan


def node_or_404(plan: Plan, pk: int) -> ResultNode:
    """The result with this id in this plan."""
    node = get_object_or_404(ResultNode, pk=pk, plan=plan)
    node.plan = plan
    return node


def indicator_or_404(plan: Plan, pk: int) -> Indicator:
    """The indicator with this id in this plan, with its periods and values as its page shows them."""
    try:
        return selectors.indicator_detail(plan=plan, pk=pk)
    except Indicator.DoesNotExist:
        raise Http404 from None


def period_or_404(plan: Plan, pk: int) -> ReportingPeriod:
    """The reporting period with this id in this plan, with its indicator and its reported value."""
    period = get_object_or_404(
        ReportingPeriod.objects.select_related("indicator__node", "actual"), pk=pk, indicator__node__plan=plan
    )
    period.indicator.node.plan = plan
    return period
