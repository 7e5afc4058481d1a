"""Reads of plans: lists, the results framework as a tree, indicator series and verdicts, budgets, review queues.

Query counts stay constant whatever the size of a plan: the tree is fetched as flat lists and assembled here.
The rules that turn numbers into a verdict or a total are in core/assessment/ and aggregation.py; this module only
feeds them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db.models import Count, F, Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from alliance87.accounts.types import Person
from alliance87.bodies.models import Body
from alliance87.core import assessment as progress
from alliance87.core.content_translation import reading_order
from alliance87.countries.models import PathfinderCountry
from alliance87.partners.models import Organisation

from . import verdicts
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
from .permissions import can_see_review, can_view_plan, editable_plans_filter, visible_plans

if TYPE_CHECKING:
    from alliance87.library.models import Item

# --- plans -------------------------------------------------------------------------------------------------


def plan_list(
    user: Person,
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


def in_reading_order(plans: QuerySet[Plan]) -> QuerySet[Plan]:
    """`plans` newest period first, then by title in the reader's language (the original where a plan has no
    translation), along the index each language has (`Plan.Meta.indexes`)."""
    return plans.order_by(F("period_start").desc(), reading_order("title"))


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


def visible_plan(user: Person, slug: str) -> Plan:
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
    periods = periods if periods is not None else verdicts.periods_of(indicator)
    series = verdicts.indicator_series(indicator, periods)
    assessment = verdicts.assess(indicator, series, periods=periods)
    projection = None
    target_year = indicator.target_year or (
        indicator.node.plan.period_end.year if indicator.node_id else None
    )
    if target_year and target_year >= timezone.localdate().year:  # no projection to a year that is over
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


def public_value(actual: IndicatorValue | None) -> IndicatorValue | None:
    """A reported value as someone outside the plan's team may see it: its approved version only, or None.

    An unsaved copy with the approved figures (the last approved ones while a correction is reviewed) and none
    of the review: no status other than approved, no reviewer's comment, no reporter's name on an older version.
    """
    published = actual.published if actual is not None else None
    if actual is None or published is None:
        return None
    copy = IndicatorValue(
        pk=actual.pk,
        period_id=actual.period_id,
        value=published.value,
        numerator=published.numerator,
        denominator=published.denominator,
        text_value=published.text_value,
        disaggregated=published.disaggregated,
        source=published.source,
        comment=published.comment,
        evidence_url=published.evidence_url,
        evidence_item_id=published.evidence_item_id,
        status=ValueStatus.APPROVED,
        origin=actual.origin,
        version=actual.version if published.is_current else int(actual.last_approved.get("version") or 0),
        submitted_by=actual.submitted_by if published.is_current else None,
        submitted_at=actual.submitted_at if published.is_current else None,
        reviewed_by=actual.reviewed_by if published.is_current else None,
        reviewed_at=published.approved_at,
        review_comment="",
    )
    if published.is_current and actual.evidence_item_id:
        copy.evidence_item = actual.evidence_item
    return copy


def value_as_seen_by(user: Person, plan: Plan, actual: IndicatorValue | None) -> IndicatorValue | None:
    """The value itself for the plan's team (values under review and reviewers' comments included), else its
    approved version only (`public_value`)."""
    return actual if can_see_review(user, plan) else public_value(actual)


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
        counts = Counter(indicator.verdict.category for indicator in tree.indicators)
    else:
        plan_indicators = Indicator.objects.filter(node__plan=plan)
        verdicts.fill_missing(plan_indicators)
        counts = Counter(plan_indicators.values_list("verdict__category", flat=True))
    return [
        VerdictCount(category, str(category.label), counts.get(category, 0))
        for category in progress.ProgressCategory
    ]


@dataclass(frozen=True)
class VerdictSegment:
    """One progress category's share of a plan's indicators, as drawn in a stacked bar (start and width in %)."""

    category: str
    label: str
    count: int
    start: float
    width: float


def verdicts_by_plan(plan_ids: list[int]) -> dict[int, list[VerdictSegment]]:
    """For each plan, its indicators by progress category (only categories it has), in one query."""
    indicators = Indicator.objects.filter(node__plan_id__in=plan_ids)
    verdicts.fill_missing(indicators)
    counts: dict[int, Counter[str]] = {plan_id: Counter() for plan_id in plan_ids}
    for plan_id, category, number in (
        indicators.values_list("node__plan_id", "verdict__category").annotate(number=Count("pk")).order_by()
    ):
        counts[plan_id][category] += number
    summary: dict[int, list[VerdictSegment]] = {}
    for plan_id, by_category in counts.items():
        total, start, segments = sum(by_category.values()), 0.0, []
        for category in progress.ProgressCategory:
            if by_category[category]:
                width = 100 * by_category[category] / total
                segments.append(
                    VerdictSegment(category, str(category.label), by_category[category], start, width)
                )
                start += width
        summary[plan_id] = segments
    return summary


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


def pending_values_for(user: Person) -> QuerySet[IndicatorValue]:
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


def results_editable_by(user: Person) -> QuerySet[ResultNode]:
    """Results of the plans this person edits, by plan and place in the framework (for other apps' choices)."""
    return (
        ResultNode.objects.filter(plan__in=Plan.objects.filter(editable_plans_filter(user)))
        .select_related("plan")
        .order_by("plan__title", "level", "position", "pk")
    )


def results_linking(item: Item, user: Person) -> list[ResultNode]:
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
