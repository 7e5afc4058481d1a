"""Plans with a small results framework, for the plans tests."""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal

from alliance87.plans import gap_counts, verdicts
from alliance87.plans.models import (
    Indicator,
    IndicatorValue,
    Plan,
    PlanStatus,
    ReportingPeriod,
    ResultNode,
    ValueStatus,
)

serial = itertools.count(1)


def make_plan(*, owner_body=None, owner_country=None, status: str = PlanStatus.ADOPTED, **extra) -> Plan:
    i = next(serial)
    return Plan.objects.create(
        title=extra.pop("title", f"Plan {i}"),
        slug=extra.pop("slug", f"plan-{i}"),
        owner_body=owner_body,
        owner_country=owner_country,
        period_start=datetime.date(2020, 1, 1),
        period_end=datetime.date(2030, 12, 31),
        status=status,
        **extra,
    )


def make_node(plan: Plan, *, parent: ResultNode | None = None, **extra) -> ResultNode:
    i = next(serial)
    siblings = ResultNode.objects.filter(plan=plan, parent=parent).count()
    node = ResultNode.objects.create(
        plan=plan,
        parent=parent,
        level=parent.level + 1 if parent else 0,
        position=siblings,
        code=extra.pop("code", str(i)),
        title=extra.pop("title", f"Result {i}"),
        **extra,
    )
    gap_counts.store([plan.pk])  # as the services do
    return node


def make_indicator(node: ResultNode, **extra) -> Indicator:
    i = next(serial)
    fields = {
        "title": f"Indicator {i}",
        "baseline_value": Decimal(100),
        "baseline_year": 2020,
        "target_value": Decimal(200),
        "target_year": 2030,
        "source": "National survey",
    }
    fields.update(extra)
    indicator = Indicator.objects.create(node=node, **fields)
    verdicts.refresh([indicator.pk])  # as the services do
    return indicator


def make_period(indicator: Indicator, year: int, *, target=None, value=None, status=ValueStatus.APPROVED):
    period = ReportingPeriod.objects.create(
        indicator=indicator,
        start=datetime.date(year, 1, 1),
        end=datetime.date(year, 12, 31),
        target_value=target,
    )
    if value is not None:
        IndicatorValue.objects.create(period=period, value=Decimal(value), status=status)
    verdicts.refresh([indicator.pk])  # as the services do
    return period


def make_framework(plan: Plan, n: int) -> None:
    """n goals, each with an outcome carrying an indicator with two periods (one approved value)."""
    for _ in range(n):
        goal = make_node(plan)
        outcome = make_node(plan, parent=goal)
        indicator = make_indicator(outcome)
        make_period(indicator, 2021, target=110, value=120)
        make_period(indicator, 2022, target=120)
