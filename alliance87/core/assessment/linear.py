"""An indicator's verdict: the Open SDG measure where it is defined, else the linear method; target years that
are over; and how the latest period compares with its own target (see the package's docstring for the rules)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from .open_sdg import assess_progress, classify
from .verdict import (
    BASE_VALUE,
    MAX_GROWTH,
    METHOD_LINEAR,
    METHOD_TARGET_PASSED,
    PERIOD_TOLERANCE,
    TARGET_VALUE,
    THRESHOLDS_WITH_TARGET,
    Assessment,
    LinearReason,
    Number,
    PeriodStatus,
    ProgressCategory,
    Reason,
    _clean_series,
    _reaches,
    _round,
    _unable,
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
    year reads "Target achieved" or "Target missed". See the package's docstring for the rules.

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
