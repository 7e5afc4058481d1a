"""A plan of Supply Chains with a results framework, reported values and a budget, for the plan API tests."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from alliance87.plans.models import (
    BudgetLine,
    Indicator,
    IndicatorValue,
    Plan,
    PlanStatus,
    ReportingPeriod,
    ResultNode,
    ValueStatus,
)
from alliance87.plans.tests.factories import make_indicator, make_node, make_period, make_plan


@dataclass
class PlanWorld:
    """A work plan of Supply Chains (its chair edits; the NGO, responsible for it, reports) with a framework."""

    plan: Plan
    goal: ResultNode
    outcome: ResultNode
    other_goal: ResultNode
    indicator: Indicator
    approved_period: ReportingPeriod  # 2021, value approved
    submitted_period: ReportingPeriod  # 2022, value submitted, waiting for approval
    empty_period: ReportingPeriod  # 2023, nothing reported
    submitted_value: IndicatorValue
    budget_line: BudgetLine

    def ids(self) -> dict[str, Any]:
        """Placeholders for paths: ``/nodes/{goal}``."""
        return {
            "plan": self.plan.slug,
            "goal": self.goal.pk,
            "outcome": self.outcome.pk,
            "other_goal": self.other_goal.pk,
            "indicator": self.indicator.pk,
            "approved_period": self.approved_period.pk,
            "submitted_period": self.submitted_period.pk,
            "empty_period": self.empty_period.pk,
            "submitted_value": self.submitted_value.pk,
            "budget_line": self.budget_line.pk,
        }


def build_plan_world(world: Any, *, status: str = PlanStatus.ADOPTED) -> PlanWorld:
    plan = make_plan(owner_body=world.supply_chains, status=status, slug="supply-chains-plan")
    plan.responsible_organisations.set([world.ngo])
    goal = make_node(plan, code="1")
    outcome = make_node(plan, parent=goal, code="1.1")
    other_goal = make_node(plan, code="2")
    indicator = make_indicator(outcome, title="Companies with due diligence policies")
    approved_period = make_period(indicator, 2021, target=110, value=120)
    submitted_period = make_period(indicator, 2022, target=120)
    submitted_value = IndicatorValue.objects.create(
        period=submitted_period,
        value=Decimal(125),
        status=ValueStatus.SUBMITTED,
        submitted_by=world.member,
        submitted_at=timezone.now(),
        version=1,
    )
    empty_period = make_period(indicator, 2023, target=130)
    budget_line = BudgetLine.objects.create(
        plan=plan, node=outcome, year=2022, planned=Decimal("1000.00"), committed=Decimal("400.00")
    )
    return PlanWorld(
        plan=plan,
        goal=goal,
        outcome=outcome,
        other_goal=other_goal,
        indicator=indicator,
        approved_period=approved_period,
        submitted_period=submitted_period,
        empty_period=empty_period,
        submitted_value=submitted_value,
        budget_line=budget_line,
    )


@pytest.fixture
def plan_world(world: Any) -> PlanWorld:
    """An adopted plan (public); see `build_plan_world` for a draft."""
    return build_plan_world(world)
