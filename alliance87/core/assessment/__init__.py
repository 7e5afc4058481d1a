"""The assessment engine: how a series of values becomes a progress verdict and a projection, as pure functions.

Every rule that turns values into a verdict lives here, once, with tests; it sits in core so that plans (an
indicator's verdict) and data (a statistical series' pace) say the same "on track" (docs/architecture.md). Plans'
selectors and `plans/verdicts.py` fetch the numbers and call these functions (the rules that add values up are in
`plans/aggregation.py`); nothing here touches the database. An Assessment is plain data: its explanation is written from its numbers when read, in the reader's
language, so a verdict stored in the database explains itself as well as a fresh one.

Progress status (`assess_progress`) is the Open SDG progress measure, designed by Statistics Canada after
Eurostat's method (it is not the UNSD Progress Chart method, whose rules differ). Formulas, thresholds, defaults
and edge cases follow the code, not a paraphrase:

- code: open-sdg/sdg-build, `sdg/ProgressMeasure.py` (`growth_calculation`, `methodology_1`, `methodology_2`,
  `get_progress_thresholds`, `get_progress_status`), read at commit 139fede74ba534d2ed8b9eee4cd878b41f54cb67;
- method: open-sdg/open-sdg, `docs/progress-methodology.md` (category names, the zero rule, "Unable to assess").

    CAGR(a, b) = (y_b / y_a) ** (1 / (t_b - t_a)) - 1
    with a target:     R = s * d * CAGR(base, current) / |CAGR(base, target)|
                       R >= 0.95 on track; >= 0.60 progress made but acceleration needed; >= 0 limited progress;
                       < 0 deterioration. A latest value that reaches the target is "target achieved".
    without a target:  G = s * d * CAGR(base, current)
                       G >= 1.5 % * C on track; >= 0.5 % * C acceleration needed; >= 0 limited; < 0 deterioration.

d is +1 when an increase is better and -1 when a decrease is better; s is -1 for an all-negative series (the
base value is negative), else +1; C scales the thresholds down near a natural limit (1 without a limit).

An indicator's verdict (`assess_indicator`) starts from that measure and adds what a plan's reader needs:

- a target whose year is over (judged against today's date) reads "Target achieved" or "Target missed", with
  the last value and its year, whatever the pace was;
- where the growth rate is undefined or degenerate — a zero or negative baseline, a zero target, values that
  change sign, a target equal to the baseline, or a yearly rate beyond ±1000 % — the verdict switches to a stated
  linear method: the share of the planned change achieved, (value − baseline) / (target − baseline), against the
  share of the time elapsed, (year − base year) / (target year − base year); their ratio is read against the same
  thresholds (0.95, 0.60, 0), and the explanation says why the growth rate was not used;
- an indicator with period targets also says how the latest value compares with that period’s target: met,
  within tolerance (10 % of the target), or below.

Numbers: the assessment and the projection compute in float (they need powers and roots) and return floats
rounded to 6 decimals. Every function accepts int, float or Decimal.
"""

from .linear import PeriodTarget, assess_indicator, compare_with_period_target
from .open_sdg import assess_progress, classify, compound_annual_growth_rate, limit_scaling_factor
from .projection import Projection, project_to_target_year
from .verdict import (
    AVERAGE,
    BASE_VALUE,
    CUMULATIVE_SUM,
    CURRENCY,
    DECREASE,
    DIGITS,
    FOUR_PLACES,
    INCREASE,
    LATEST,
    LIMIT_EXPONENT,
    MAX_GROWTH,
    METHOD_CODE_URL,
    METHOD_DOCUMENTATION_URL,
    METHOD_LINEAR,
    METHOD_NAME,
    METHOD_SOURCE,
    METHOD_TARGET_PASSED,
    METHOD_URL,
    METHOD_WITH_TARGET,
    METHOD_WITHOUT_TARGET,
    NUMBER,
    ORDINAL,
    PERCENTAGE,
    PERIOD_TOLERANCE,
    QUALITATIVE,
    TARGET_VALUE,
    THRESHOLDS_WITH_TARGET,
    THRESHOLDS_WITHOUT_TARGET,
    YES_NO,
    ZERO_SUBSTITUTE,
    Assessment,
    LinearReason,
    Number,
    PeriodStatus,
    ProgressCategory,
    Reason,
    not_assessed,
)

__all__ = [
    "AVERAGE",
    "BASE_VALUE",
    "CUMULATIVE_SUM",
    "CURRENCY",
    "DECREASE",
    "DIGITS",
    "FOUR_PLACES",
    "INCREASE",
    "LATEST",
    "LIMIT_EXPONENT",
    "MAX_GROWTH",
    "METHOD_CODE_URL",
    "METHOD_DOCUMENTATION_URL",
    "METHOD_LINEAR",
    "METHOD_NAME",
    "METHOD_SOURCE",
    "METHOD_TARGET_PASSED",
    "METHOD_URL",
    "METHOD_WITHOUT_TARGET",
    "METHOD_WITH_TARGET",
    "NUMBER",
    "ORDINAL",
    "PERCENTAGE",
    "PERIOD_TOLERANCE",
    "QUALITATIVE",
    "TARGET_VALUE",
    "THRESHOLDS_WITHOUT_TARGET",
    "THRESHOLDS_WITH_TARGET",
    "YES_NO",
    "ZERO_SUBSTITUTE",
    "Assessment",
    "LinearReason",
    "Number",
    "PeriodStatus",
    "PeriodTarget",
    "ProgressCategory",
    "Projection",
    "Reason",
    "assess_indicator",
    "assess_progress",
    "classify",
    "compare_with_period_target",
    "compound_annual_growth_rate",
    "limit_scaling_factor",
    "not_assessed",
    "project_to_target_year",
]
