"""Reads of plans: lists, the results framework as a tree, indicator series and verdicts, budgets, review queues.

Query counts stay constant whatever the size of a plan: the tree is fetched as flat lists and assembled here.
The rules that turn numbers into a verdict or a total are in progress.py; this module only feeds them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, QuerySet
from django.utils.translation import gettext as _

from alliance87.accounts.models import User
from alliance87.bodies.models import Body
from alliance87.countries.models import PathfinderCountry
from alliance87.partners.models import Organisation

from . import progress, verdicts
from .models import (
    BudgetLine,
    Indicator,
    IndicatorValue,
    IndicatorVerdict,
    Plan,
    ReportingPeriod,
    ResultNode,
    ValueChange,
    ValueStatus,
)
from .permissions import can_view_plan, editable_plans_filter, visible_plans

# --- plans -------------------------------------------------------------------------------------------------


def plan_list(
    user: Any,
    *,
    owner_body: Body | None = None,
    owner_country: PathfinderCountry | None = None,
    status: str = "",
) -> QuerySet[Plan]:
    """The plans this person may see, optionally of one body or country or in one status, owners fetched."""
    plans = visible_plans(user)
    if owner_body is not None:
        plans = plans.filter(owner_body=owner_body)
    if owner_country is not None:
        plans = plans.filter(owner_country=owner_country)
    if status:
        plans = plans.filter(status=status)
    return plans.select_related("owner_body", "owner_country").prefetch_related(
        Prefetch("responsible_organisations", queryset=Organisation.objects.order_by("name"))
    )


def plan_detail(slug: str) -> Plan:
    """A plan with its owner and responsible organisations (raises Plan.DoesNotExist)."""
    return (
        Plan.objects.select_related("owner_body", "owner_country", "owner_country__focal_institution")
        .prefetch_related(
            Prefetch("responsible_organisations", queryset=Organisation.objects.order_by("name"))
        )
        .get(slug=slug)
    )


def node_by_id(node_id: int | None, *, field: str) -> ResultNode | None:
    """The result a request names by id, with its plan (a service checks it belongs to the right plan).

    For the API of plans and of the apps that link results (events' roadmaps): an unknown id is the client's
    mistake in that field.
    """
    if node_id is None:
        return None
    node = ResultNode.objects.select_related("plan").filter(pk=node_id).first()
    if node is None:
        raise ValidationError({field: _("There is no result with the id %(id)s.") % {"id": node_id}})
    return node


def visible_plan(user: User | AnonymousUser, slug: str) -> Plan:
    """The plan with this slug, as ``plan_detail`` gives it, if this person may see it.

    A plan they may not see (a draft, to anyone but its editors and reporters) does not exist for them: it
    raises Plan.DoesNotExist like a slug no plan has, so that the pages and the API both answer 404.
    """
    plan = plan_detail(slug)
    if not can_view_plan(user, plan):
        raise Plan.DoesNotExist(f"No plan {slug!r} that this person may see.")
    return plan


# --- indicator series and verdicts -------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorAssessment:
    series: verdicts.IndicatorSeries
    assessment: progress.Assessment
    projection: progress.Projection | None


def indicator_assessment(
    indicator: Indicator, periods: list[ReportingPeriod] | None = None
) -> IndicatorAssessment:
    """The Open SDG progress verdict and the straight-line projection, computed now from approved values."""
    series = verdicts.indicator_series(indicator, periods)
    assessment = verdicts.assess(indicator, series)
    projection = None
    target_year = indicator.target_year or (
        indicator.node.plan.period_end.year if indicator.node_id else None
    )
    if target_year:
        projection = progress.project_to_target_year(
            series.with_baseline(),
            target_year=target_year,
            target_value=indicator.target_value,
            direction=str(indicator.direction),
        )
    return IndicatorAssessment(series=series, assessment=assessment, projection=projection)


def indicator_detail(*, plan: Plan, pk: int) -> Indicator:
    """One indicator of a plan with its result, periods, reported values and reporters (Indicator.DoesNotExist)."""
    indicator = (
        Indicator.objects.select_related("node", "common_indicator")
        .prefetch_related(
            Prefetch(
                "periods",
                queryset=ReportingPeriod.objects.select_related(
                    "actual", "actual__submitted_by", "actual__reviewed_by", "actual__evidence_item"
                ).order_by("start"),
                to_attr="period_list",
            )
        )
        .get(pk=pk, node__plan=plan)
    )
    indicator.node.plan = plan
    return indicator


def value_history(indicator: Indicator) -> QuerySet[ValueChange]:
    """Every change to the indicator's reported values, newest first, with who made it."""
    return ValueChange.objects.filter(value__period__indicator=indicator).select_related(
        "changed_by", "value__period"
    )


# --- the results framework ---------------------------------------------------------------------------------


@dataclass
class PlanTree:
    """A plan's results as a tree (`roots`, each with `child_nodes`) and the same nodes depth-first (`nodes`).

    Each node carries `child_nodes`, `indicator_list` and `depth`; each indicator its stored `verdict`
    (IndicatorVerdict: the progress assessment and the latest approved value).
    """

    plan: Plan
    roots: list[ResultNode]
    nodes: list[ResultNode]
    indicators: list[Indicator] = field(default_factory=list)


def plan_tree(plan: Plan) -> PlanTree:
    """The whole framework with indicators and their stored verdicts in a fixed number of queries."""
    nodes = list(
        ResultNode.objects.filter(plan=plan)
        .prefetch_related(
            Prefetch("responsible_organisations", queryset=Organisation.objects.order_by("name"))
        )
        .order_by("position", "pk")
    )
    plan_indicators = Indicator.objects.filter(node__plan=plan)
    verdicts.fill_missing(plan_indicators)
    indicators = list(plan_indicators.select_related("verdict").order_by("position", "pk"))
    by_id = {node.pk: node for node in nodes}
    children: dict[int | None, list[ResultNode]] = {}
    for node in nodes:
        node.plan = plan
        node.child_nodes = []  # type: ignore[attr-defined]
        node.indicator_list = []  # type: ignore[attr-defined]
        children.setdefault(node.parent_id if node.parent_id in by_id else None, []).append(node)
    for indicator in indicators:
        node = by_id[indicator.node_id]
        indicator.node = node
        node.indicator_list.append(indicator)  # type: ignore[attr-defined]
    ordered: list[ResultNode] = []

    def walk(node: ResultNode, depth: int) -> None:
        node.depth = depth  # type: ignore[attr-defined]
        ordered.append(node)
        node.child_nodes = children.get(node.pk, [])  # type: ignore[attr-defined]
        for child in node.child_nodes:  # type: ignore[attr-defined]
            walk(child, depth + 1)

    roots = children.get(None, [])
    for root in roots:
        walk(root, 0)
    flat_indicators = [indicator for node in ordered for indicator in node.indicator_list]  # type: ignore[attr-defined]
    return PlanTree(plan=plan, roots=roots, nodes=ordered, indicators=flat_indicators)


@dataclass(frozen=True)
class VerdictCount:
    category: progress.ProgressCategory
    label: str
    count: int


def plan_verdict_summary(plan: Plan, tree: PlanTree | None = None) -> list[VerdictCount]:
    """How many of the plan's indicators fall in each progress category (every category listed, in order)."""
    if tree is not None:
        counts = Counter(indicator.verdict.category for indicator in tree.indicators)  # type: ignore[attr-defined]
    else:
        plan_indicators = Indicator.objects.filter(node__plan=plan)
        verdicts.fill_missing(plan_indicators)
        counts = Counter(plan_indicators.values_list("verdict__category", flat=True))
    return [
        VerdictCount(category, str(category.label), counts.get(category, 0))
        for category in progress.ProgressCategory
    ]


# --- budgets -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BudgetTotals:
    """Planned, committed and spent money, and the funding gap (planned − committed, never below zero)."""

    year: int | None
    planned: Decimal
    committed: Decimal
    spent: Decimal

    @property
    def funding_gap(self) -> Decimal:
        return max(self.planned - self.committed, Decimal(0))


@dataclass(frozen=True)
class BudgetSummary:
    currency: str
    lines: list[BudgetLine]
    years: list[BudgetTotals]
    total: BudgetTotals


def _totals(year: int | None, lines: list[BudgetLine]) -> BudgetTotals:
    return BudgetTotals(
        year=year,
        planned=sum((line.planned for line in lines), Decimal(0)),
        committed=sum((line.committed for line in lines), Decimal(0)),
        spent=sum((line.spent for line in lines), Decimal(0)),
    )


def plan_budget_summary(plan: Plan) -> BudgetSummary:
    """The plan's budget lines with totals per year and overall, all in the plan's currency."""
    lines = list(
        BudgetLine.objects.filter(plan=plan)
        .select_related("node", "funder")
        .order_by("year", "node__code", "pk")
    )
    by_year: dict[int, list[BudgetLine]] = {}
    for line in lines:
        by_year.setdefault(line.year, []).append(line)
    return BudgetSummary(
        currency=plan.currency,
        lines=lines,
        years=[_totals(year, by_year[year]) for year in sorted(by_year)],
        total=_totals(None, lines),
    )


# --- review ------------------------------------------------------------------------------------------------


def pending_values_for(user: Any) -> QuerySet[IndicatorValue]:
    """Submitted values waiting for approval on the plans this person edits, oldest first."""
    editable = Plan.objects.filter(editable_plans_filter(user)).values("pk")
    return (
        IndicatorValue.objects.filter(
            status=ValueStatus.SUBMITTED, period__indicator__node__plan__in=editable
        )
        .select_related("period__indicator__node__plan", "submitted_by", "evidence_item")
        .order_by("submitted_at", "pk")
    )


# --- for the API -------------------------------------------------------------------------------------------


def plan_nodes(*, plan: Plan) -> QuerySet[ResultNode]:
    """The plan's results as a flat list, tier by tier, each parent's results together and in order."""
    return (
        ResultNode.objects.filter(plan=plan)
        .select_related("plan")
        .prefetch_related(
            Prefetch("responsible_organisations", queryset=Organisation.objects.order_by("name"))
        )
        .order_by("level", "parent_id", "position", "pk")
    )


def plan_indicators(*, plan: Plan) -> QuerySet[Indicator]:
    """The plan's indicators in the order of their results (as `plan_nodes`), with their result and plan."""
    return (
        Indicator.objects.filter(node__plan=plan)
        .select_related("node__plan", "common_indicator")
        .order_by("node__level", "node__parent_id", "node__position", "node_id", "position", "pk")
    )


def value_changes(*, value: IndicatorValue) -> QuerySet[ValueChange]:
    """Every change to one reported value, newest first, with who made it."""
    return ValueChange.objects.filter(value=value).select_related("changed_by")


def results_editable_by(user: Any) -> QuerySet[ResultNode]:
    """Results of the plans this person edits, by plan and place in the framework (for other apps' choices)."""
    return (
        ResultNode.objects.filter(plan__in=Plan.objects.filter(editable_plans_filter(user)))
        .select_related("plan")
        .order_by("plan__title", "level", "position", "pk")
    )


def results_linking(item: Any, user: Any) -> list[ResultNode]:
    """The results, in plans this person may see, that link a library item (for the item's page)."""
    return list(
        ResultNode.objects.filter(library_items=item, plan__in=visible_plans(user))
        .select_related("plan")
        .order_by("plan__title", "level", "position", "pk")
    )


def verdict_counts(plans: list[Plan]) -> None:
    """Give each plan `verdict_counts`: (verdict label, number of indicators) in the verdicts' order, one query."""
    rows = (
        IndicatorVerdict.objects.filter(indicator__node__plan__in=plans)
        .values_list("indicator__node__plan_id", "category")
        .annotate(n=Count("pk"))
    )
    counts: dict[int, dict[str, int]] = {}
    for plan_id, category, number in rows:
        counts.setdefault(plan_id, {})[category] = number
    order = list(progress.ProgressCategory)
    for plan in plans:
        of_plan = counts.get(plan.pk, {})
        plan.verdict_counts = [  # type: ignore[attr-defined]
            (category.label, of_plan[category.value]) for category in order if of_plan.get(category.value)
        ]
