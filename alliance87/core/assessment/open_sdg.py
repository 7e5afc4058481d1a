"""The Open SDG progress measure (Statistics Canada): a (year, value) series against its target's pace.

Formulas, thresholds, defaults and edge cases follow open-sdg/sdg-build's `sdg/ProgressMeasure.py` (see the
package's docstring for the formulas and the commit read).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .verdict import (
    BASE_VALUE,
    DECREASE,
    INCREASE,
    LIMIT_EXPONENT,
    METHOD_WITH_TARGET,
    METHOD_WITHOUT_TARGET,
    TARGET_VALUE,
    THRESHOLDS_WITH_TARGET,
    THRESHOLDS_WITHOUT_TARGET,
    ZERO_SUBSTITUTE,
    Assessment,
    Number,
    ProgressCategory,
    Reason,
    _clean_series,
    _reaches,
    _round,
    _unable,
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
