"""An indicator's verdict on degenerate series: the linear method, a passed target year, period targets.

The Open SDG oracle tests are in core/tests/test_assessment.py; these check what `assess_indicator` adds, with
the words a reader sees.
"""

from __future__ import annotations

import datetime
import re

import pytest

from alliance87.core.assessment import (
    DECREASE,
    INCREASE,
    METHOD_LINEAR,
    METHOD_TARGET_PASSED,
    METHOD_WITH_TARGET,
    Assessment,
    LinearReason,
    PeriodStatus,
    PeriodTarget,
    ProgressCategory,
    assess_indicator,
    compare_with_period_target,
)

DEC_2026 = datetime.date(2026, 12, 6)
DEC_2024 = datetime.date(2024, 12, 6)


def verdict_of(
    values: dict[int, float],
    *,
    target: float,
    by: int = 2030,
    direction: str = INCREASE,
    today: datetime.date = DEC_2024,
    period: PeriodTarget | None = None,
) -> Assessment:
    """The verdict of an indicator with these values a year, its baseline the first of them, and a target."""
    return assess_indicator(
        values,
        direction=direction,
        target_value=target,
        target_year=by,
        base_year=min(values),
        today=today,
        period=period,
    )


def percentages_in(text: str) -> list[float]:
    return [float(number.replace(",", "")) for number in re.findall(r"([+-]?[\d,]+(?:\.\d+)?)%", text)]


def test_from_a_zero_baseline_the_share_of_the_planned_change_is_used_and_said():
    # The demo's Supply Chains indicator: 0 in 2020, 4 in 2024, 10 by 2030. 4/10 of the change in 4/10 of the time.
    verdict = verdict_of({2020: 0, 2024: 4}, target=10)
    assert verdict.method == METHOD_LINEAR
    assert verdict.linear_reason == LinearReason.ZERO_BASE
    assert (verdict.share_achieved, verdict.share_elapsed, verdict.ratio) == (0.4, 0.4, 1.0)
    assert verdict.category == ProgressCategory.SUBSTANTIAL_PROGRESS
    assert "baseline is zero" in verdict.explanation
    assert "40% of the change" in verdict.explanation
    assert verdict.zero_substituted == ()
    assert all(abs(number) <= 1000 for number in percentages_in(verdict.explanation))


def test_half_the_change_in_most_of_the_time_is_not_on_track():
    # 0.5 of the change in 0.8 of the time: 0.625 of the pace, between 0.6 and 0.95.
    assert verdict_of({2020: 0, 2028: 5}, target=10).category == ProgressCategory.MODERATE_PROGRESS


def test_from_a_negative_baseline_the_linear_method_reads_the_pace():
    # -10 in 2020 to 10 by 2030; -5 in 2025: a quarter of the change in half the time.
    verdict = verdict_of({2020: -10, 2025: -5}, target=10)
    assert verdict.method == METHOD_LINEAR
    assert verdict.linear_reason in (LinearReason.NEGATIVE_BASE, LinearReason.SIGN_CHANGE)
    assert verdict.ratio == 0.5
    assert verdict.category == ProgressCategory.LIMITED_PROGRESS


def test_a_target_equal_to_the_baseline_left_behind_is_a_deterioration_in_words():
    verdict = verdict_of({2020: 100, 2024: 90}, target=100)
    assert verdict.method == METHOD_LINEAR
    assert verdict.category == ProgressCategory.DETERIORATION
    assert "equals the baseline" in verdict.explanation


def test_a_single_observation_cannot_be_assessed():
    assert verdict_of({2020: 0}, target=10).category == ProgressCategory.INSUFFICIENT_DATA


def test_a_runaway_growth_rate_switches_to_the_linear_method_and_no_figure_exceeds_1000_percent():
    verdict = verdict_of({2023: 1, 2024: 500}, target=1000, by=2025)
    assert verdict.method == METHOD_LINEAR
    assert verdict.linear_reason == LinearReason.STEEP_GROWTH
    assert all(abs(number) <= 1000 for number in percentages_in(verdict.explanation))


def test_a_well_defined_series_keeps_the_open_sdg_method():
    verdict = verdict_of({2015: 100, 2020: 150}, target=200, by=2025)
    assert verdict.method == METHOD_WITH_TARGET
    assert not verdict.is_target_year_passed


def test_a_target_year_that_is_over_reads_target_missed_with_the_last_value_and_its_year():
    # SDG 8.7: end child labour by 2025. In December 2026 the last estimate, 138 million for 2024, misses it.
    verdict = verdict_of({2020: 160, 2024: 138}, target=0, by=2025, direction=DECREASE, today=DEC_2026)
    assert verdict.category == ProgressCategory.TARGET_MISSED
    assert verdict.method == METHOD_TARGET_PASSED
    assert verdict.is_target_year_passed
    assert str(verdict.category.label) == "Target missed"
    assert "2025" in verdict.explanation and "138" in verdict.explanation and "2024" in verdict.explanation


def test_a_target_year_that_is_over_with_the_target_reached_reads_achieved():
    verdict = verdict_of({2020: 100, 2025: 40}, target=50, by=2025, direction=DECREASE, today=DEC_2026)
    assert verdict.category == ProgressCategory.TARGET_ACHIEVED
    assert verdict.is_target_year_passed


def test_the_target_year_is_not_over_during_that_year():
    verdict = verdict_of(
        {2020: 160, 2024: 138}, target=0, by=2025, direction=DECREASE, today=datetime.date(2025, 12, 31)
    )
    assert verdict.category != ProgressCategory.TARGET_MISSED
    assert not verdict.is_target_year_passed


@pytest.mark.parametrize(
    ("value", "target", "direction", "status"),
    [
        (12, 10, INCREASE, PeriodStatus.MET),
        (9.5, 10, INCREASE, PeriodStatus.WITHIN_TOLERANCE),
        (6, 10, INCREASE, PeriodStatus.BELOW),
        (8, 10, DECREASE, PeriodStatus.MET),
        (10.5, 10, DECREASE, PeriodStatus.WITHIN_TOLERANCE),
        (15, 10, DECREASE, PeriodStatus.BELOW),
    ],
)
def test_a_periods_value_is_read_against_that_periods_target(value, target, direction, status):
    assert compare_with_period_target(value, target, direction=direction) == status


def test_the_verdict_says_how_the_latest_period_did_against_its_own_target():
    verdict = verdict_of({2020: 0, 2024: 4}, target=10, period=PeriodTarget(year=2024, value=4, target=5))
    assert verdict.period_status == PeriodStatus.BELOW
    assert verdict.period_status_label == "Below target"
    assert "fell short of that period’s target of 5" in verdict.period_explanation
