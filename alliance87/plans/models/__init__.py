"""Plans, their results frameworks (logframes), indicators with targets and actuals, and budgets.

One module per idea: `framework.py` (plans, results, indicators, periods, common indicators), `reporting.py`
(reported values and their review, changes, stored verdicts, reminders) and `budget.py`. Everything is imported
from here (`from alliance87.plans.models import Plan`), as Django and the migrations expect.

Aggregation and assessment rules do NOT live here: they are pure functions in `core/assessment/` and `aggregation.py`,
applied by selectors and by `verdicts.py`, which stores each indicator's verdict (IndicatorVerdict).
"""

from .budget import BudgetLine, FundingSource
from .framework import (
    DEFAULT_TIER_NAMES,
    CommonIndicator,
    Direction,
    Indicator,
    IndicatorKind,
    Measure,
    NodeStatus,
    PeriodRule,
    Plan,
    PlanStatus,
    ReportingPeriod,
    ResultNode,
    default_tier_names,
    reader_tier_names,
    shown_tier_name,
)
from .reporting import (
    CompletenessDigest,
    IndicatorValue,
    IndicatorVerdict,
    PlanGapCounts,
    PlanLastValueCount,
    PublishedValue,
    ReminderKind,
    ReportingReminder,
    ValueChange,
    ValueOrigin,
    ValueStatus,
)

__all__ = [
    "DEFAULT_TIER_NAMES",
    "BudgetLine",
    "CommonIndicator",
    "CompletenessDigest",
    "Direction",
    "FundingSource",
    "Indicator",
    "IndicatorKind",
    "IndicatorValue",
    "IndicatorVerdict",
    "Measure",
    "NodeStatus",
    "PeriodRule",
    "Plan",
    "PlanGapCounts",
    "PlanLastValueCount",
    "PlanStatus",
    "PublishedValue",
    "ReminderKind",
    "ReportingPeriod",
    "ReportingReminder",
    "ResultNode",
    "ValueChange",
    "ValueOrigin",
    "ValueStatus",
    "default_tier_names",
    "reader_tier_names",
    "shown_tier_name",
]
