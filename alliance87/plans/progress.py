"""How an indicator's values become a progress verdict and a projection: pure functions on numbers.

Every rule that turns reported values into a verdict lives here, once, with tests (the rules that add values up
are in aggregation.py). Selectors and verdicts.py fetch the numbers and call these functions; nothing here touches
the database. An Assessment is plain data: its explanation is written from its numbers when read, in the reader's
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

from __future__ import annotations

import datetime
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.db.models import TextChoices
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alliance87.core.formatting import format_number, format_percent

Number = int | float | Decimal

# The values of plans.models.Direction, Measure and PeriodRule; the models own the labels. Not imported from
# there because this module stays free of the ORM.
INCREASE = "increase"
DECREASE = "decrease"
NUMBER = "number"
PERCENTAGE = "percentage"
CURRENCY = "currency"
YES_NO = "yes_no"
ORDINAL = "ordinal"
QUALITATIVE = "qualitative"
CUMULATIVE_SUM = "cumulative_sum"
LATEST = "latest"
AVERAGE = "average"

METHOD_SOURCE = (
    "Open SDG progress measure (Statistics Canada): open-sdg/sdg-build sdg/ProgressMeasure.py "
    "@ 139fede74ba534d2ed8b9eee4cd878b41f54cb67; open-sdg/open-sdg docs/progress-methodology.md"
)
#: The method as a reader meets it: its name, and the code it follows at the commit named above.
METHOD_NAME = "Open SDG progress measure (Statistics Canada)"
METHOD_URL = "https://github.com/open-sdg/sdg-build/blob/139fede74ba534d2ed8b9eee4cd878b41f54cb67/sdg/ProgressMeasure.py"
METHOD_WITH_TARGET = "open_sdg_ratio"
METHOD_WITHOUT_TARGET = "open_sdg_growth"
METHOD_LINEAR = "linear_share"  # share of the planned change against the share of the time elapsed
METHOD_TARGET_PASSED = "target_year_passed"  # the target year is over: achieved or missed, no pace
#: Where the Open SDG method is described and coded, for a person to read (stable addresses at a fixed commit).
METHOD_DOCUMENTATION_URL = "https://github.com/open-sdg/open-sdg/blob/8bfde81abd538dd6f567b33dd1436cecad6b9962/docs/progress-methodology.md"
METHOD_CODE_URL = "https://github.com/open-sdg/sdg-build/blob/139fede74ba534d2ed8b9eee4cd878b41f54cb67/sdg/ProgressMeasure.py"
#: Beyond ±1000 % a year a compound growth rate says more about a tiny base than about progress.
MAX_GROWTH = 10.0
#: A period's value within this share of the period's target (on the wrong side) is "within tolerance".
PERIOD_TOLERANCE = 0.10
THRESHOLDS_WITH_TARGET = (0.95, 0.6, 0.0)  # high, medium, low; sdg-build get_progress_thresholds, method 2
THRESHOLDS_WITHOUT_TARGET = (0.015, 0.005, 0.0)  # sdg-build get_progress_thresholds, method 1
ZERO_SUBSTITUTE = (
    0.001  # sdg-build replaces a zero target or base value by this, since CAGR is undefined at 0
)
LIMIT_EXPONENT = 4.44  # the "a" of sdg-build's scaling factor C
DIGITS = 6
FOUR_PLACES = Decimal("0.0001")


class ProgressCategory(TextChoices):
    """The verdict; values are sdg-build's status keys, labels the published category names."""

    TARGET_ACHIEVED = "target_achieved", gettext_lazy("Target achieved")
    SUBSTANTIAL_PROGRESS = "substantial_progress", gettext_lazy("On track")
    MODERATE_PROGRESS = "moderate_progress", gettext_lazy("Progress made but acceleration needed")
    LIMITED_PROGRESS = "limited_progress", gettext_lazy("Limited progress")
    DETERIORATION = "deterioration", gettext_lazy("Deterioration")
    TARGET_MISSED = "target_missed", gettext_lazy("Target missed")
    INSUFFICIENT_DATA = "insufficient_data", gettext_lazy("Unable to assess")


class Reason:
    """Why an indicator could not be assessed, or the special case that decided its verdict ("" otherwise)."""

    NO_VALUES = "no_values"
    NO_VALUE_FROM_BASE_YEAR = "no_value_from_base_year"
    ONE_YEAR = "one_year"
    OPPOSITE_SIGNS = "opposite_signs"
    NO_TARGET_YEAR = "no_target_year"
    TARGET_YEAR_NOT_AFTER_BASE = "target_year_not_after_base"
    TARGET_OPPOSITE_SIGN = "target_opposite_sign"
    TARGET_EQUALS_BASE = "target_equals_base"
    QUALITATIVE = "qualitative"
    YES_NO = "yes_no"
    ZERO_BASE_WITHOUT_TARGET = "zero_base_without_target"


class LinearReason:
    """Why an indicator's verdict uses the linear method instead of the growth rate."""

    ZERO_BASE = "zero_base"
    NEGATIVE_BASE = "negative_base"
    ZERO_TARGET = "zero_target"
    SIGN_CHANGE = "sign_change"
    TARGET_EQUALS_BASE = "target_equals_base"
    STEEP_GROWTH = "steep_growth"


class PeriodStatus(TextChoices):
    """How a period's approved value compares with the period's own target."""

    MET = "met", gettext_lazy("Met")
    WITHIN_TOLERANCE = "within_tolerance", gettext_lazy("Within tolerance")
    BELOW = "below", gettext_lazy("Below target")


#: What `zero_substituted` may name.
BASE_VALUE = "base_value"
TARGET_VALUE = "target_value"


@dataclass(frozen=True)
class Assessment:
    """A progress verdict with every number it rests on, so a reader can redo the sum.

    Plain data (`as_dict` / `from_dict` round-trip through JSON): the explanation and the substitution notes are
    written from these numbers when read, in the reader's language.
    """

    category: ProgressCategory
    method: str  # METHOD_WITH_TARGET, METHOD_WITHOUT_TARGET, or "" when there was too little to assess
    direction: str
    reason: str = ""  # a Reason
    base_year: int | None = None
    base_value: float | None = None
    current_year: int | None = None
    current_value: float | None = None
    target_year: int | None = None
    target_value: float | None = None
    observed_cagr: float | None = None
    required_cagr: float | None = None
    ratio: float | None = None  # R, with a target
    progress_value: float | None = None  # the figure compared with the thresholds: R, or G without a target
    thresholds: tuple[float, float, float] | None = None  # high, medium, low, after scaling by C
    limit_factor: float | None = None  # C, when a natural limit was given
    zero_substituted: tuple[str, ...] = ()  # BASE_VALUE and/or TARGET_VALUE, replaced by `zero_substitute`
    zero_substitute: float = ZERO_SUBSTITUTE
    is_target_year_passed: bool = False
    linear_reason: str = ""  # a LinearReason, with METHOD_LINEAR
    share_achieved: float | None = None  # with METHOD_LINEAR: (value - base) / (target - base)
    share_elapsed: float | None = None  # with METHOD_LINEAR: (year - base year) / (target year - base year)
    assessed_on: str | None = None  # ISO date the target year was judged against (assess_indicator)
    period_year: int | None = None  # the latest period with an approved value and a target: its end year,
    period_value: float | None = None  # its value,
    period_target: float | None = None  # its target,
    period_status: str = ""  # and a PeriodStatus
    source: str = METHOD_SOURCE

    @property
    def substitutions(self) -> tuple[str, ...]:
        """The values replaced before computing, in words (e.g. "target 0 replaced by 0.001")."""
        value = _fmt(self.zero_substitute)
        words = {
            BASE_VALUE: lambda: _("base value 0 replaced by %(value)s") % {"value": value},
            TARGET_VALUE: lambda: _("target 0 replaced by %(value)s") % {"value": value},
        }
        return tuple(words[name]() for name in self.zero_substituted)

    @property
    def explanation(self) -> str:
        """The verdict in one or two sentences, with the numbers that led to it."""
        return _explain(self)

    @property
    def period_explanation(self) -> str:
        """How the latest period's value compares with that period’s target, in one sentence ("" without one)."""
        return _period_explanation(self)

    @property
    def period_status_label(self) -> str:
        return str(PeriodStatus(self.period_status).label) if self.period_status else ""

    @property
    def method_name(self) -> str:
        """The method in words, for a person."""
        return _method_name(self.method)

    @property
    def is_open_sdg(self) -> bool:
        return self.method in (METHOD_WITH_TARGET, METHOD_WITHOUT_TARGET)

    def as_dict(self) -> dict[str, Any]:
        """The assessment as JSON-ready data (without the method source, which is the module's)."""
        data = {name: getattr(self, name) for name in _STORED_FIELDS}
        data["category"] = str(self.category.value)
        data["thresholds"] = list(self.thresholds) if self.thresholds is not None else None
        data["zero_substituted"] = list(self.zero_substituted)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Assessment:
        known = {name: data[name] for name in _STORED_FIELDS if name in data}
        known["category"] = ProgressCategory(known["category"])
        if known.get("thresholds") is not None:
            known["thresholds"] = tuple(known["thresholds"])
        known["zero_substituted"] = tuple(known.get("zero_substituted") or ())
        return cls(**known)


_STORED_FIELDS = tuple(name for name in Assessment.__dataclass_fields__ if name != "source")


def _explain(assessment: Assessment) -> str:
    a = assessment
    if a.category == ProgressCategory.INSUFFICIENT_DATA:
        return _unable_explanation(a)
    if a.category == ProgressCategory.TARGET_ACHIEVED:
        return _("The latest value, %(value)s in %(year)s, has reached the target of %(target)s.") % {
            "value": _fmt(a.current_value),
            "year": a.current_year,
            "target": _fmt(a.target_value),
        }
    if a.category == ProgressCategory.TARGET_MISSED:
        return _(
            "The target year %(target_year)s has passed without the target of %(target)s being reached: the last "
            "value is %(value)s, for %(year)s."
        ) % {
            "target_year": a.target_year,
            "target": _fmt(a.target_value),
            "value": _fmt(a.current_value),
            "year": a.current_year,
        }
    if a.method == METHOD_LINEAR:
        return _linear_explanation(a)
    notes = _substitution_note(a.substitutions)
    if a.method == METHOD_WITHOUT_TARGET:
        high, medium, _low = a.thresholds or THRESHOLDS_WITHOUT_TARGET
        return (
            _(
                "Since %(base_year)s the value changed by %(growth)s a year in the desired direction; without a "
                "target, %(high)s a year or more is on track and %(medium)s a year or more is progress: "
                "%(category)s."
            )
            % {
                "base_year": a.base_year,
                "growth": _pct(a.progress_value or 0),
                "high": _pct(high),
                "medium": _pct(medium),
                "category": a.category.label,
            }
            + notes
        )
    pace = _(
        "Since %(base_year)s the value changed by %(observed)s a year; reaching %(target)s by %(target_year)s "
        "needs %(required)s a year."
    ) % {
        "base_year": a.base_year,
        "observed": _pct(a.observed_cagr or 0),
        "target": _fmt(a.target_value),
        "target_year": a.target_year,
        "required": _pct(a.required_cagr or 0),
    }
    passed = (
        (" " + _("The target year has passed without the target being reached."))
        if a.is_target_year_passed
        else ""
    )
    if a.reason == Reason.TARGET_EQUALS_BASE:
        return (
            pace + " " + _("The target equals the base value and the value has moved away from it.") + passed
        )
    ratio = a.ratio or 0
    return (
        pace
        + " "
        + _("That is %(ratio)s of the required pace: %(category)s.")
        % {"ratio": format_percent(ratio * 100, decimals=0), "category": a.category.label}
        + passed
        + notes
    )


def _unable_explanation(a: Assessment) -> str:
    texts: dict[str, Callable[[], str]] = {
        Reason.NO_VALUES: lambda: _("No values have been reported yet."),
        Reason.NO_VALUE_FROM_BASE_YEAR: lambda: (
            _("There is no value in or after the base year %(year)s.") % {"year": a.base_year}
        ),
        Reason.ONE_YEAR: lambda: (
            _("Progress needs values for at least two years from the base year; there is only %(year)s.")
            % {"year": a.base_year}
        ),
        Reason.OPPOSITE_SIGNS: lambda: _(
            "The base and latest values have opposite signs, so no growth rate can be computed."
        ),
        Reason.NO_TARGET_YEAR: lambda: _("The indicator has a target but no target year."),
        Reason.TARGET_YEAR_NOT_AFTER_BASE: lambda: (
            _("The target year %(target_year)s is not after the base year %(base_year)s.")
            % {"target_year": a.target_year, "base_year": a.base_year}
        ),
        Reason.TARGET_OPPOSITE_SIGN: lambda: _(
            "The base value and the target have opposite signs, so no growth rate can be computed."
        ),
        Reason.QUALITATIVE: lambda: _("Qualitative indicators are described, not assessed by a number."),
        Reason.YES_NO: lambda: _(
            "A yes/no indicator has no rate of progress: it is assessed once the answer reaches its target."
        ),
        Reason.ZERO_BASE_WITHOUT_TARGET: lambda: _(
            "Without a target, progress is measured as a yearly growth rate, which is undefined from a baseline "
            "of zero; give the indicator a target to assess it."
        ),
    }
    text = texts.get(a.reason)
    return text() if text is not None else str(a.category.label)


def not_assessed(reason: str, *, direction: str) -> Assessment:
    """The verdict of an indicator that is not assessed by a number (e.g. `Reason.QUALITATIVE`)."""
    return Assessment(
        category=ProgressCategory.INSUFFICIENT_DATA, method="", direction=direction, reason=reason
    )


def compound_annual_growth_rate(
    *, start_value: float, end_value: float, start_year: int, end_year: int
) -> float:
    """The constant yearly rate that turns start_value into end_value (sdg-build's `growth_calculation`)."""
    if end_year == start_year:
        raise ValueError("A growth rate needs two different years.")
    if start_value == 0 or (end_value != 0 and (start_value > 0) != (end_value > 0)):
        raise ValueError("A growth rate needs a non-zero start value and an end value of the same sign.")
    return (end_value / start_value) ** (1 / (end_year - start_year)) - 1


def limit_scaling_factor(*, base_value: float, limit: float) -> float:
    """C in [0, 1]: shrinks the no-target thresholds when the base value is near a natural limit (e.g. 100 %)."""
    base, lim = abs(base_value), abs(limit)
    if base >= 2 * lim:  # checked first so that base == limit == 0 gives 1, as in sdg-build
        return 1.0
    if base <= lim:
        return 1 - (base / lim) ** LIMIT_EXPONENT
    return 1 - ((2 * lim - base) / lim) ** LIMIT_EXPONENT


def classify(progress_value: float, thresholds: tuple[float, float, float]) -> ProgressCategory:
    """Compare a progress value with (high, medium, low) thresholds, lower bounds inclusive."""
    high, medium, low = thresholds
    if progress_value >= high:
        return ProgressCategory.SUBSTANTIAL_PROGRESS
    if progress_value >= medium:
        return ProgressCategory.MODERATE_PROGRESS
    if progress_value >= low:
        return ProgressCategory.LIMITED_PROGRESS
    return ProgressCategory.DETERIORATION


def assess_progress(
    observations: Mapping[int, Number | None] | Iterable[tuple[int, Number | None]],
    *,
    direction: str,
    target_value: Number | None = None,
    target_year: int | None = None,
    base_year: int | None = None,
    limit: Number | None = None,
    zero_substitute: float = ZERO_SUBSTITUTE,
) -> Assessment:
    """Assess an indicator's (year, value) series by the Open SDG progress measure.

    Rules for the edge cases, each with its outcome (sdg-build's unless said otherwise):
    - Missing values (None) are left out; two values for one year raise ValueError (sdg-build raises too).
    - No values: unable to assess.
    - The latest value reaches the target (>= when an increase is better, <= when a decrease is): target
      achieved, whatever the trend and even with a single value. Checked against the real target, not the
      zero substitute.
    - Base year: the one given, or if it has no value the first later year with one (sdg-build's rule); when
      not given, the earliest year. No value in or after it, or the base year is the latest year (fewer than
      two values): unable to assess.
    - A zero base value or a zero target is replaced by `zero_substitute` (0.001, as sdg-build), and the
      replacement is recorded in `zero_substituted`. Mind the unit: 0.001 million is a thousand.
    - Base and latest (or base and target) values of opposite sign: unable to assess; CAGR is undefined.
    - All-negative series: the direction is flipped through s, so a rise from -10 to -5 is an increase.
    - A target without a target year, or a target year not after the base year: unable to assess (sdg-build
      assumes 2030 and fails on a zero span; a plan here always states its own year).
    - Target equal to the base value and not achieved: the required rate is zero, R is infinite in the wrong
      direction, so deterioration with `ratio` None (sdg-build gets -inf from numpy, the same verdict).
    - Target year already reached or passed without the target: assessed as usual (R still measures the pace
      against the pace that was needed) and `is_target_year_passed` is set and said in the explanation.
    - `limit` (a natural maximum or minimum) scales the no-target thresholds by C; sdg-build ignores it when
      there is a target, and so does this function.
    """
    if direction not in (INCREASE, DECREASE):
        raise ValueError(f"Unknown direction {direction!r}.")
    series = _clean_series(observations)
    target = None if target_value is None else float(target_value)
    known: dict[str, Any] = {
        "direction": str(direction),
        "target_year": target_year,
        "target_value": target,
        "zero_substitute": zero_substitute,
    }
    if not series:
        return _unable(Reason.NO_VALUES, **known)

    current_year = max(series)
    current = series[current_year]
    known.update(current_year=current_year, current_value=_round(current))
    if target is not None and _reaches(current, target, direction):
        return Assessment(category=ProgressCategory.TARGET_ACHIEVED, method=METHOD_WITH_TARGET, **known)

    wanted_base_year = min(series) if base_year is None else base_year
    later_years = [year for year in series if year >= wanted_base_year]
    if not later_years:
        return _unable(Reason.NO_VALUE_FROM_BASE_YEAR, base_year=wanted_base_year, **known)
    base_year = min(later_years)
    base = series[base_year]
    known.update(base_year=base_year, base_value=_round(base))
    if base_year == current_year:
        return _unable(Reason.ONE_YEAR, **known)

    substituted: list[str] = []
    if base == 0:
        base = zero_substitute
        substituted.append(BASE_VALUE)
    if current != 0 and (base > 0) != (current > 0):
        return _unable(Reason.OPPOSITE_SIGNS, **known)
    sign = -1 if base < 0 else 1
    towards = 1 if direction == INCREASE else -1
    observed = compound_annual_growth_rate(
        start_value=base, end_value=current, start_year=base_year, end_year=current_year
    )
    known.update(observed_cagr=_round(observed))

    if target is None:
        return _assess_without_target(
            observed * sign * towards, base=base, limit=limit, substituted=substituted, **known
        )
    if target_year is None:
        return _unable(Reason.NO_TARGET_YEAR, **known)
    if target_year <= base_year:
        return _unable(Reason.TARGET_YEAR_NOT_AFTER_BASE, **known)
    if target == 0:
        target = zero_substitute
        substituted.append(TARGET_VALUE)
    if (base > 0) != (target > 0):
        return _unable(Reason.TARGET_OPPOSITE_SIGN, **known)
    required = compound_annual_growth_rate(
        start_value=base, end_value=target, start_year=base_year, end_year=target_year
    )
    known.update(
        required_cagr=_round(required),
        is_target_year_passed=target_year <= current_year,
        thresholds=THRESHOLDS_WITH_TARGET,
        zero_substituted=tuple(substituted),
    )
    if required == 0:
        return Assessment(
            category=ProgressCategory.DETERIORATION,
            method=METHOD_WITH_TARGET,
            reason=Reason.TARGET_EQUALS_BASE,
            **known,
        )
    ratio = sign * towards * observed / abs(required)
    return Assessment(
        category=classify(ratio, THRESHOLDS_WITH_TARGET),
        method=METHOD_WITH_TARGET,
        ratio=_round(ratio),
        progress_value=_round(ratio),
        **known,
    )


def _assess_without_target(
    growth: float, *, base: float, limit: Number | None, substituted: list[str], **known: Any
) -> Assessment:
    """The no-target rule: the directed growth rate against 1.5 % and 0.5 % a year, scaled near a limit."""
    factor = None if limit is None else limit_scaling_factor(base_value=base, limit=float(limit))
    scale = 1.0 if factor is None else factor
    high, medium, low = (threshold * scale for threshold in THRESHOLDS_WITHOUT_TARGET)
    return Assessment(
        category=classify(growth, (high, medium, low)),
        method=METHOD_WITHOUT_TARGET,
        progress_value=_round(growth),
        thresholds=(_round(high), _round(medium), _round(low)),
        limit_factor=None if factor is None else _round(factor),
        zero_substituted=tuple(substituted),
        **known,
    )


@dataclass(frozen=True)
class PeriodTarget:
    """The latest period with an approved value and a target of its own (its end year, value and target)."""

    year: int
    value: Number
    target: Number


def assess_indicator(
    observations: Mapping[int, Number | None] | Iterable[tuple[int, Number | None]],
    *,
    direction: str,
    today: datetime.date,
    target_value: Number | None = None,
    target_year: int | None = None,
    base_year: int | None = None,
    limit: Number | None = None,
    period: PeriodTarget | None = None,
) -> Assessment:
    """An indicator's verdict: the Open SDG measure where it is defined, else the linear method; an ended target
    year reads "Target achieved" or "Target missed". See the module's docstring for the rules.

    `today` decides whether the target year is over (it is once the calendar year has ended). `period` adds the
    comparison of the latest period's value with that period's own target.
    """
    assessment = _assess_indicator(
        observations,
        direction=direction,
        today=today,
        target_value=target_value,
        target_year=target_year,
        base_year=base_year,
        limit=limit,
    )
    extra: dict[str, Any] = {
        "assessed_on": today.isoformat(),
        # Judged against today's date, not the last value's year: a 2025 target is over in 2026, data or not.
        "is_target_year_passed": target_year is not None and today.year > target_year,
    }
    if period is not None:
        extra.update(
            period_year=int(period.year),
            period_value=_round(float(period.value)),
            period_target=_round(float(period.target)),
            period_status=compare_with_period_target(period.value, period.target, direction=direction).value,
        )
    return replace(assessment, **extra)


def _assess_indicator(
    observations: Mapping[int, Number | None] | Iterable[tuple[int, Number | None]],
    *,
    direction: str,
    today: datetime.date,
    target_value: Number | None,
    target_year: int | None,
    base_year: int | None,
    limit: Number | None,
) -> Assessment:
    series = _clean_series(observations)
    growth = assess_progress(
        series,
        direction=direction,
        target_value=target_value,
        target_year=target_year,
        base_year=base_year,
        limit=limit,
    )
    if growth.category == ProgressCategory.TARGET_ACHIEVED or not series:
        return growth
    target = None if target_value is None else float(target_value)
    if target is not None and target_year is not None and today.year > target_year:
        latest_year = max(series)
        return Assessment(
            category=ProgressCategory.TARGET_MISSED,
            method=METHOD_TARGET_PASSED,
            direction=str(direction),
            base_year=growth.base_year,
            base_value=growth.base_value,
            current_year=latest_year,
            current_value=_round(series[latest_year]),
            target_year=target_year,
            target_value=target,
            is_target_year_passed=True,
        )
    why = _why_not_growth(growth)
    if not why:
        return growth
    if target is None:
        if why == LinearReason.ZERO_BASE:
            return replace(
                growth,
                category=ProgressCategory.INSUFFICIENT_DATA,
                method="",
                reason=Reason.ZERO_BASE_WITHOUT_TARGET,
                observed_cagr=None,
                progress_value=None,
                thresholds=None,
                limit_factor=None,
                zero_substituted=(),
            )
        return growth  # without a target the growth rate stays (the page shows it bounded at ±1000 %)
    return _assess_linear(growth, why=why)


def _why_not_growth(growth: Assessment) -> str:
    """Why the growth-rate verdict is undefined or degenerate here (a LinearReason), or "" when it stands."""
    if growth.reason in (Reason.OPPOSITE_SIGNS, Reason.TARGET_OPPOSITE_SIGN):
        return LinearReason.SIGN_CHANGE
    if growth.reason == Reason.TARGET_EQUALS_BASE:
        return LinearReason.TARGET_EQUALS_BASE
    if BASE_VALUE in growth.zero_substituted or (growth.base_value == 0 and growth.method):
        return LinearReason.ZERO_BASE
    if TARGET_VALUE in growth.zero_substituted:
        return LinearReason.ZERO_TARGET
    if (
        growth.method
        and growth.base_value is not None
        and growth.base_value < 0
        and growth.target_value is not None
    ):
        return LinearReason.NEGATIVE_BASE
    rates = (growth.observed_cagr, growth.required_cagr)
    if any(rate is not None and abs(rate) > MAX_GROWTH for rate in rates):
        return LinearReason.STEEP_GROWTH
    return ""


def _assess_linear(growth: Assessment, *, why: str) -> Assessment:
    """Share of the planned change achieved against the share of the time elapsed, read with the same thresholds."""
    base_year, base, year, value = (
        growth.base_year,
        growth.base_value,
        growth.current_year,
        growth.current_value,
    )
    target, target_year = growth.target_value, growth.target_year
    known: dict[str, Any] = {
        "direction": growth.direction,
        "base_year": base_year,
        "base_value": base,
        "current_year": year,
        "current_value": value,
        "target_year": target_year,
        "target_value": target,
        "linear_reason": why,
    }
    if base_year is None or base is None or year is None or value is None or target is None:
        return _unable(Reason.NO_VALUES, **known)
    if target_year is None:
        return _unable(Reason.NO_TARGET_YEAR, **known)
    if target_year <= base_year:
        return _unable(Reason.TARGET_YEAR_NOT_AFTER_BASE, **known)
    if year <= base_year:
        return _unable(Reason.ONE_YEAR, **known)
    elapsed = (year - base_year) / (target_year - base_year)
    if target == base:
        # Holding the baseline was the aim and the value has moved away from it on the wrong side.
        return Assessment(
            category=ProgressCategory.DETERIORATION,
            method=METHOD_LINEAR,
            reason=Reason.TARGET_EQUALS_BASE,
            share_elapsed=_round(elapsed),
            thresholds=THRESHOLDS_WITH_TARGET,
            **known,
        )
    achieved = (value - base) / (target - base)
    ratio = achieved / elapsed
    return Assessment(
        category=classify(ratio, THRESHOLDS_WITH_TARGET),
        method=METHOD_LINEAR,
        ratio=_round(ratio),
        progress_value=_round(ratio),
        share_achieved=_round(achieved),
        share_elapsed=_round(elapsed),
        thresholds=THRESHOLDS_WITH_TARGET,
        **known,
    )


def compare_with_period_target(
    value: Number, target: Number, *, direction: str, tolerance: float = PERIOD_TOLERANCE
) -> PeriodStatus:
    """Met when the value reaches the period's target; within tolerance when it falls short by at most
    `tolerance` of the target's size (of 1 for a target of zero); below otherwise."""
    value_f, target_f = float(value), float(target)
    if _reaches(value_f, target_f, direction):
        return PeriodStatus.MET
    shortfall = abs(value_f - target_f)
    return (
        PeriodStatus.WITHIN_TOLERANCE if shortfall <= tolerance * (abs(target_f) or 1) else PeriodStatus.BELOW
    )


def _linear_explanation(a: Assessment) -> str:
    reasons = {
        LinearReason.ZERO_BASE: _("the baseline is zero, where a growth rate is undefined"),
        LinearReason.NEGATIVE_BASE: _("the baseline is negative, where a growth rate misleads"),
        LinearReason.ZERO_TARGET: _("the target is zero, where a growth rate is undefined"),
        LinearReason.SIGN_CHANGE: _("the values change sign, where a growth rate is undefined"),
        LinearReason.TARGET_EQUALS_BASE: _("the target equals the baseline"),
        LinearReason.STEEP_GROWTH: _("a yearly growth rate would exceed 1000% here"),
    }
    why = " " + _("The share of the planned change is used instead of a growth rate because %(why)s.") % {
        "why": reasons.get(a.linear_reason, a.linear_reason)
    }
    if a.reason == Reason.TARGET_EQUALS_BASE:
        return (
            _(
                "The target, %(target)s by %(target_year)s, equals the baseline of %(base_year)s: the aim is to "
                "hold it, and the value has moved away from it to %(value)s in %(year)s: %(category)s."
            )
            % {
                "target": _fmt(a.target_value),
                "target_year": a.target_year,
                "base_year": a.base_year,
                "value": _fmt(a.current_value),
                "year": a.current_year,
                "category": a.category.label,
            }
            + why
        )
    return (
        _(
            "From %(base)s in %(base_year)s to %(value)s in %(year)s, the value has made %(achieved)s of the change "
            "planned to reach %(target)s by %(target_year)s, while %(elapsed)s of the time has passed. That is "
            "%(ratio)s of the pace needed: %(category)s."
        )
        % {
            "base": _fmt(a.base_value),
            "base_year": a.base_year,
            "value": _fmt(a.current_value),
            "year": a.current_year,
            "achieved": _share(a.share_achieved),
            "target": _fmt(a.target_value),
            "target_year": a.target_year,
            "elapsed": _share(a.share_elapsed),
            "ratio": _share(a.ratio),
            "category": a.category.label,
        }
        + why
    )


def _period_explanation(a: Assessment) -> str:
    if not a.period_status:
        return ""
    texts = {
        PeriodStatus.MET: _("In %(year)s the value, %(value)s, met that period’s target of %(target)s."),
        PeriodStatus.WITHIN_TOLERANCE: _(
            "In %(year)s the value, %(value)s, fell short of that period’s target of %(target)s, but by no more "
            "than %(tolerance)s of it: within tolerance."
        ),
        PeriodStatus.BELOW: _(
            "In %(year)s the value, %(value)s, fell short of that period’s target of %(target)s by more than "
            "%(tolerance)s of it: below target."
        ),
    }
    return texts[PeriodStatus(a.period_status)] % {
        "year": a.period_year,
        "value": _fmt(a.period_value),
        "target": _fmt(a.period_target),
        "tolerance": format_percent(PERIOD_TOLERANCE * 100, decimals=0),
    }


def _method_name(method: str) -> str:
    names = {
        METHOD_WITH_TARGET: _(
            "Open SDG progress measure with a target: observed growth over required growth"
        ),
        METHOD_WITHOUT_TARGET: _(
            "Open SDG progress measure without a target: growth a year in the desired direction"
        ),
        METHOD_LINEAR: _(
            "Linear: share of the planned change achieved against the share of the time elapsed"
        ),
        METHOD_TARGET_PASSED: _("The target year is over: the last value against the target"),
    }
    return names.get(method, _("Not assessed"))


def _share(number: float | None) -> str:
    """A share as a whole percentage, bounded like the growth rates."""
    if number is None:
        return "—"
    if number > MAX_GROWTH:
        return _("more than +1000%")
    if number < -MAX_GROWTH:
        return _("less than −1000%")
    return format_percent(number * 100, decimals=0)


def _unable(reason: str, **known: Any) -> Assessment:
    return Assessment(category=ProgressCategory.INSUFFICIENT_DATA, method="", reason=reason, **known)


def _clean_series(
    observations: Mapping[int, Number | None] | Iterable[tuple[int, Number | None]],
) -> dict[int, float]:
    pairs = observations.items() if isinstance(observations, Mapping) else observations
    series: dict[int, float] = {}
    for year, value in pairs:
        if value is None:
            continue
        if year in series:
            raise ValueError(f"Two values for {year}.")
        number = float(value)
        if not math.isfinite(number):
            raise ValueError(f"The value for {year} is not a finite number.")
        series[int(year)] = number
    return series


def _reaches(value: float, target: float, direction: str) -> bool:
    return value >= target if direction == INCREASE else value <= target


def _substitution_note(substitutions: tuple[str, ...]) -> str:
    if not substitutions:
        return ""
    return " " + _("Growth rates are undefined at zero, so: %(list)s.") % {"list": "; ".join(substitutions)}


def _round(number: float) -> float:
    return round(number, DIGITS)


def _fmt(number: Number | None) -> str:
    """A figure in an explanation, in the reader's language: "17.4", "17,4"."""
    return format_number(number or 0, max_decimals=3)


def _signed(text: str) -> str:
    return text if text.startswith(("-", "−")) else f"+{text}"


def _pct(number: float) -> str:
    """A yearly rate as a signed percentage; beyond ±1000 % only the bound is shown, never the runaway figure."""
    if number > MAX_GROWTH:
        return _("more than +1000%")
    if number < -MAX_GROWTH:
        return _("less than −1000%")
    return _signed(format_percent(number * 100, decimals=2))


@dataclass(frozen=True)
class Projection:
    """Where the least-squares line through the observed values is in the target year."""

    target_year: int
    direction: str
    points_used: int
    explanation: str
    slope: float | None = None  # change per year
    intercept: float | None = None
    projected_value: float | None = None
    target_value: float | None = None
    reaches_target: bool | None = None  # None without a target or without a projection


def project_to_target_year(
    observations: Mapping[int, Number | None] | Iterable[tuple[int, Number | None]],
    *,
    target_year: int,
    target_value: Number | None = None,
    direction: str = INCREASE,
) -> Projection:
    """Extend the ordinary least-squares line through (year, value) to the target year and compare with the target.

    Needs at least two values in different years; the line is not clipped at zero, so a falling count can be
    projected below zero, which is a sign that the straight line has stopped being a fair model.
    """
    if direction not in (INCREASE, DECREASE):
        raise ValueError(f"Unknown direction {direction!r}.")
    series = _clean_series(observations)
    target = None if target_value is None else float(target_value)
    common: dict[str, Any] = {
        "target_year": target_year,
        "direction": str(direction),
        "points_used": len(series),
        "target_value": target,
    }
    if len(series) < 2:
        return Projection(explanation=_("A projection needs values for at least two years."), **common)
    mean_year = sum(series) / len(series)
    mean_value = sum(series.values()) / len(series)
    spread = sum((year - mean_year) ** 2 for year in series)
    slope = sum((year - mean_year) * (value - mean_value) for year, value in series.items()) / spread
    intercept = mean_value - slope * mean_year
    projected = intercept + slope * target_year
    reaches = None if target is None else _reaches(projected, target, direction)
    explanation = _(
        "On the straight-line trend of %(slope)s a year, the value would be %(projected)s in %(year)s."
    ) % {
        "slope": _signed(format_number(slope)),
        "projected": format_number(projected),
        "year": target_year,
    }
    if reaches is not None:
        explanation += " " + (
            _("That reaches the target of %(target)s.")
            if reaches
            else _("That falls short of the target of %(target)s.")
        ) % {"target": _fmt(target)}
    return Projection(
        explanation=explanation,
        slope=_round(slope),
        intercept=_round(intercept),
        projected_value=_round(projected),
        reaches_target=reaches,
        **common,
    )
