"""How indicator values become a progress verdict, a projection and programme totals: pure functions on numbers.

Every rule that turns reported values into a figure someone reads lives here, once, with tests. Akvo RSR spread
these rules over model methods and save-time recalculation, and its users got wrong programme totals for years
(cumulative periods summed, percentages averaged). Selectors fetch the numbers and call these functions; nothing
here touches the database.

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

Numbers: the assessment and the projection compute in float (they need powers and roots) and return floats
rounded to 6 decimals. The aggregation rules compute in Decimal, exactly, because they add up counts and money
that the models store as Decimal; averages and percentages are rounded to 4 decimals, the models' precision.
Every function accepts int, float or Decimal.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import TextChoices
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
METHOD_WITH_TARGET = "open_sdg_ratio"
METHOD_WITHOUT_TARGET = "open_sdg_growth"
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
    INSUFFICIENT_DATA = "insufficient_data", gettext_lazy("Unable to assess")


def _call(build: Callable[[], str]) -> str:
    return build()


#: Explanations are written in the reader's language only when shown: a gap report assesses thousands of indicators
#: and reads a handful of explanations, and translating each one up front cost half of its time.
_later = lazy(_call, str)


@dataclass(frozen=True)
class Assessment:
    """A progress verdict with every number it rests on, so a reader can redo the sum."""

    category: ProgressCategory
    explanation: str
    method: str  # METHOD_WITH_TARGET, METHOD_WITHOUT_TARGET, or "" when there was too little to assess
    direction: str
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
    substitutions: tuple[str, ...] = ()  # values replaced before computing, e.g. a zero target
    is_target_year_passed: bool = False
    source: str = METHOD_SOURCE


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
      replacement is recorded in `substitutions`. Mind the unit: 0.001 million is a thousand.
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
    known: dict[str, Any] = {"direction": str(direction), "target_year": target_year, "target_value": target}
    if not series:
        return _unable(_("No values have been reported yet."), **known)

    current_year = max(series)
    current = series[current_year]
    known.update(current_year=current_year, current_value=_round(current))
    if target is not None and _reaches(current, target, direction):
        return Assessment(
            category=ProgressCategory.TARGET_ACHIEVED,
            explanation=_later(
                lambda: (
                    _("The latest value, %(value)s in %(year)s, has reached the target of %(target)s.")
                    % {"value": _fmt(current), "year": current_year, "target": _fmt(target)}
                )
            ),
            method=METHOD_WITH_TARGET,
            **known,
        )

    wanted_base_year = min(series) if base_year is None else base_year
    later_years = [year for year in series if year >= wanted_base_year]
    if not later_years:
        return _unable(
            _("There is no value in or after the base year %(year)s.") % {"year": wanted_base_year}, **known
        )
    base_year = min(later_years)
    base = series[base_year]
    known.update(base_year=base_year, base_value=_round(base))
    if base_year == current_year:
        return _unable(
            _("Progress needs values for at least two years from the base year; there is only %(year)s.")
            % {"year": base_year},
            **known,
        )

    substitutions: list[str] = []
    if base == 0:
        base = zero_substitute
        substitutions.append(_("base value 0 replaced by %(value)s") % {"value": _fmt(zero_substitute)})
    if current != 0 and (base > 0) != (current > 0):
        return _unable(
            _("The base and latest values have opposite signs, so no growth rate can be computed."), **known
        )
    sign = -1 if base < 0 else 1
    towards = 1 if direction == INCREASE else -1
    observed = compound_annual_growth_rate(
        start_value=base, end_value=current, start_year=base_year, end_year=current_year
    )
    known.update(observed_cagr=_round(observed))

    if target is None:
        return _assess_without_target(
            observed * sign * towards, base=base, limit=limit, substitutions=substitutions, **known
        )
    if target_year is None:
        return _unable(_("The indicator has a target but no target year."), **known)
    if target_year <= base_year:
        return _unable(
            _("The target year %(target_year)s is not after the base year %(base_year)s.")
            % {"target_year": target_year, "base_year": base_year},
            **known,
        )
    if target == 0:
        target = zero_substitute
        substitutions.append(_("target 0 replaced by %(value)s") % {"value": _fmt(zero_substitute)})
    if (base > 0) != (target > 0):
        return _unable(
            _("The base value and the target have opposite signs, so no growth rate can be computed."),
            **known,
        )
    required = compound_annual_growth_rate(
        start_value=base, end_value=target, start_year=base_year, end_year=target_year
    )
    known.update(required_cagr=_round(required), is_target_year_passed=target_year <= current_year)

    def pace() -> str:
        return _(
            "Since %(base_year)s the value changed by %(observed)s a year; reaching %(target)s by %(target_year)s "
            "needs %(required)s a year."
        ) % {
            "base_year": base_year,
            "observed": _pct(observed),
            "target": _fmt(target_value),
            "target_year": target_year,
            "required": _pct(required),
        }

    def passed() -> str:
        if target_year <= current_year:  # type: ignore[operator]
            return " " + _("The target year has passed without the target being reached.")
        return ""

    if required == 0:
        return Assessment(
            category=ProgressCategory.DETERIORATION,
            explanation=_later(
                lambda: (
                    pace()
                    + " "
                    + _("The target equals the base value and the value has moved away from it.")
                    + passed()
                )
            ),
            method=METHOD_WITH_TARGET,
            thresholds=THRESHOLDS_WITH_TARGET,
            substitutions=tuple(substitutions),
            **known,
        )
    ratio = sign * towards * observed / abs(required)
    category = classify(ratio, THRESHOLDS_WITH_TARGET)
    return Assessment(
        category=category,
        explanation=_later(
            lambda: (
                pace()
                + " "
                + _("That is %(ratio)s of the required pace: %(category)s.")
                % {"ratio": f"{ratio:.0%}", "category": category.label}
                + passed()
                + _substitution_note(substitutions)
            )
        ),
        method=METHOD_WITH_TARGET,
        ratio=_round(ratio),
        progress_value=_round(ratio),
        thresholds=THRESHOLDS_WITH_TARGET,
        substitutions=tuple(substitutions),
        **known,
    )


def _assess_without_target(
    growth: float, *, base: float, limit: Number | None, substitutions: list[str], **known: Any
) -> Assessment:
    """The no-target rule: the directed growth rate against 1.5 % and 0.5 % a year, scaled near a limit."""
    factor = None if limit is None else limit_scaling_factor(base_value=base, limit=float(limit))
    scale = 1.0 if factor is None else factor
    high, medium, low = (threshold * scale for threshold in THRESHOLDS_WITHOUT_TARGET)
    category = classify(growth, (high, medium, low))
    thresholds = (_round(high), _round(medium), _round(low))

    def explanation() -> str:
        return _(
            "Since %(base_year)s the value changed by %(growth)s a year in the desired direction; without a target, "
            "%(high)s a year or more is on track and %(medium)s a year or more is progress: %(category)s."
        ) % {
            "base_year": known["base_year"],
            "growth": _pct(growth),
            "high": _pct(thresholds[0]),
            "medium": _pct(thresholds[1]),
            "category": category.label,
        } + _substitution_note(substitutions)

    return Assessment(
        category=category,
        explanation=_later(explanation),
        method=METHOD_WITHOUT_TARGET,
        progress_value=_round(growth),
        thresholds=thresholds,
        limit_factor=None if factor is None else _round(factor),
        substitutions=tuple(substitutions),
        **known,
    )


def _unable(reason: str, **known: Any) -> Assessment:
    return Assessment(category=ProgressCategory.INSUFFICIENT_DATA, explanation=reason, method="", **known)


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


def _substitution_note(substitutions: list[str]) -> str:
    if not substitutions:
        return ""
    return " " + _("Growth rates are undefined at zero, so: %(list)s.") % {"list": "; ".join(substitutions)}


def _round(number: float) -> float:
    return round(number, DIGITS)


def _fmt(number: Number | None) -> str:
    return f"{float(number or 0):g}"


def _pct(number: float) -> str:
    return f"{number:+.2%}"


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
        "slope": f"{slope:+g}",
        "projected": f"{projected:g}",
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


@dataclass(frozen=True)
class Aggregate:
    """One figure made from several, with the rule used; `value` is None when the rule refuses, and `reason` says why."""

    value: Decimal | None
    rule: str
    reason: str
    count: int = 0  # how many reported values went in
    numerator: Decimal | None = None
    denominator: Decimal | None = None


def combine_periods(values: Sequence[Number | bool | None], *, rule: str, measure: str = NUMBER) -> Aggregate:
    """Combine one indicator's values over periods (oldest first) by its rule: cumulative sum, latest or average.

    Missing periods (None) are skipped. Counts and money may use any rule. A percentage, a yes/no or an ordinal
    value may only take the latest value: summing or averaging them gives a figure nobody reported (for a
    percentage, pool numerators and denominators with `combine_percentages`). Qualitative values are text.
    """
    if rule not in (CUMULATIVE_SUM, LATEST, AVERAGE):
        raise ValueError(f"Unknown period rule {rule!r}.")
    if measure == QUALITATIVE:
        return Aggregate(None, rule, _("Qualitative values are not combined into a number."))
    if rule != LATEST and measure in (PERCENTAGE, YES_NO, ORDINAL):
        return Aggregate(None, rule, _refusal(measure))
    reported = [_decimal(value) for value in values if value is not None]
    if not reported:
        return Aggregate(None, rule, _("No values have been reported."))
    if rule == LATEST:
        return Aggregate(reported[-1], rule, _("The latest reported value."), count=len(reported))
    total = sum(reported, Decimal(0))
    if rule == CUMULATIVE_SUM:
        return Aggregate(
            total, rule, _("The sum of %(n)s reported periods.") % {"n": len(reported)}, count=len(reported)
        )
    average = (total / len(reported)).quantize(FOUR_PLACES)
    return Aggregate(
        average, rule, _("The average of %(n)s reported periods.") % {"n": len(reported)}, count=len(reported)
    )


def combine_percentages(parts: Iterable[tuple[Number | None, Number | None]]) -> Aggregate:
    """Pool percentages as 100 * sum(numerators) / sum(denominators), never as an average of percentages.

    Works across periods and across plans or countries alike. A part without both its numerator and its
    denominator cannot be weighted, so it is left out and counted in the reason.
    """
    numerator = denominator = Decimal(0)
    used = skipped = 0
    for part_numerator, part_denominator in parts:
        if part_numerator is None or part_denominator is None:
            skipped += 1
            continue
        numerator += _decimal(part_numerator)
        denominator += _decimal(part_denominator)
        used += 1
    rule = "pooled_percentage"
    left_out = (
        (" " + _("%(n)s without numerator and denominator left out.") % {"n": skipped}) if skipped else ""
    )
    if denominator == 0:
        return Aggregate(None, rule, _("The denominators add up to zero.") + left_out, count=used)
    value = (100 * numerator / denominator).quantize(FOUR_PLACES)
    return Aggregate(
        value,
        rule,
        _("Numerators over denominators of %(n)s parts.") % {"n": used} + left_out,
        count=used,
        numerator=numerator,
        denominator=denominator,
    )


def combine_across_plans(
    values: Sequence[Number | bool | None], *, measure: str, currencies: Sequence[str] | None = None
) -> Aggregate:
    """Combine the same indicator across plans or countries: counts and money add up, yes/no counts the yeses.

    Money in more than one currency is refused (convert first). Percentages need their numerators and
    denominators (`combine_percentages`); ordinal and qualitative values have no meaningful total.
    """
    reported = [value for value in values if value is not None]
    if measure in (NUMBER, CURRENCY):
        if measure == CURRENCY and currencies is not None and len(set(currencies)) > 1:
            return Aggregate(
                None,
                "sum",
                _("Amounts in different currencies (%(codes)s) are not added up.")
                % {"codes": ", ".join(sorted(set(currencies)))},
            )
        total = sum((_decimal(value) for value in reported), Decimal(0))
        return Aggregate(
            total, "sum", _("The sum of %(n)s reported values.") % {"n": len(reported)}, count=len(reported)
        )
    if measure == YES_NO:
        yes = sum(1 for value in reported if value)
        return Aggregate(
            Decimal(yes),
            "count_yes",
            _("%(yes)s of %(n)s answered yes.") % {"yes": yes, "n": len(reported)},
            count=len(reported),
            numerator=Decimal(yes),
            denominator=Decimal(len(reported)),
        )
    if measure == PERCENTAGE:
        return Aggregate(None, "sum", _refusal(measure))
    if measure in (ORDINAL, QUALITATIVE):
        return Aggregate(None, "none", _("Ordinal and qualitative values have no meaningful total."))
    raise ValueError(f"Unknown measure {measure!r}.")


def _refusal(measure: str) -> str:
    if measure == PERCENTAGE:
        return _("Percentages are not added or averaged; combine their numerators and denominators instead.")
    if measure == YES_NO:
        return _("Yes/no answers are not added or averaged over periods; the latest answer counts.")
    return _("Ordinal values are not added or averaged; the latest value counts.")


def _decimal(value: Number | bool) -> Decimal:
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, float):
        number = Decimal(repr(value))  # the shortest repr, so 0.1 stays 0.1 rather than its binary expansion
    else:
        number = Decimal(int(value))
    if not number.is_finite():
        raise ValueError("Values must be finite numbers.")
    return number


class DisaggregationStatus(TextChoices):
    COMPLETE = "complete", gettext_lazy("Adds up to the total")
    MISSING_CATEGORIES = "missing_categories", gettext_lazy("Categories missing")
    SUM_DIFFERS = "sum_differs", gettext_lazy("Does not add up to the total")
    NO_TOTAL = "no_total", gettext_lazy("No total to check against")


@dataclass(frozen=True)
class DisaggregationCheck:
    """Whether the values by category (e.g. by sex) account for the reported total."""

    status: DisaggregationStatus
    total: Decimal | None
    disaggregated_sum: Decimal
    difference: Decimal | None  # disaggregated_sum - total
    missing_categories: tuple[str, ...] = ()
    unexpected_categories: tuple[str, ...] = ()

    @property
    def is_complete(self) -> bool:
        return self.status == DisaggregationStatus.COMPLETE


def check_disaggregation(
    *,
    total: Number | None,
    values: Mapping[str, Number | None],
    categories: Sequence[str],
    tolerance: Number = FOUR_PLACES,
) -> DisaggregationCheck:
    """Check one dimension of an additive value (a count or an amount; percentages do not add up by category).

    Categories the indicator defines but the report leaves empty are missing, and that comes first. Otherwise
    the reported categories, including any the indicator does not define (listed as unexpected), must add up to
    the total within `tolerance` (absolute; raise it for published figures rounded to, say, 0.1 million).
    """
    reported = {category: _decimal(value) for category, value in values.items() if value is not None}
    missing = tuple(category for category in categories if category not in reported)
    unexpected = tuple(category for category in reported if category not in categories)
    disaggregated_sum = sum(reported.values(), Decimal(0))
    total_decimal = None if total is None else _decimal(total)
    difference = None if total_decimal is None else disaggregated_sum - total_decimal
    if missing:
        status = DisaggregationStatus.MISSING_CATEGORIES
    elif difference is None:
        status = DisaggregationStatus.NO_TOTAL
    elif abs(difference) <= _decimal(tolerance):
        status = DisaggregationStatus.COMPLETE
    else:
        status = DisaggregationStatus.SUM_DIFFERS
    return DisaggregationCheck(status, total_decimal, disaggregated_sum, difference, missing, unexpected)
