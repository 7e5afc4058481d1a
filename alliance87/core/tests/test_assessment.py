"""The progress rules, checked against sums done by hand (the arithmetic is in each test) and the published method."""

from __future__ import annotations

from decimal import Decimal

import pytest

from alliance87.core.assessment import (
    DECREASE,
    INCREASE,
    METHOD_WITH_TARGET,
    METHOD_WITHOUT_TARGET,
    ProgressCategory,
    assess_progress,
    classify,
    compound_annual_growth_rate,
    limit_scaling_factor,
    project_to_target_year,
)

# ILO/UNICEF global estimates of children in child labour, millions; SDG target 8.7: end child labour by 2025.
CHILD_LABOUR = {2000: 246, 2004: 222, 2008: 215, 2012: 168, 2016: 152, 2020: 160, 2024: 138}

# Doubling from 100 in 2015 to 200 in 2025 needs 2 ** (1/10) - 1 = 7.177 % a year.
REQUIRED_TO_DOUBLE = 2**0.1 - 1


def doubling(current_2020: float):
    return assess_progress(
        {2015: 100, 2020: current_2020}, direction=INCREASE, target_value=200, target_year=2025
    )


# --- the growth rate and the thresholds ------------------------------------------------------------------------


def test_growth_rate_is_the_constant_yearly_rate():
    assert compound_annual_growth_rate(start_value=100, end_value=121, start_year=2020, end_year=2022) == (
        pytest.approx(0.10)
    )


@pytest.mark.parametrize(
    ("start", "end", "start_year", "end_year"), [(0, 5, 2015, 2020), (-5, 5, 2015, 2020), (5, 6, 2020, 2020)]
)
def test_growth_rate_is_refused_where_undefined(start, end, start_year, end_year):
    with pytest.raises(ValueError):
        compound_annual_growth_rate(
            start_value=start, end_value=end, start_year=start_year, end_year=end_year
        )


def test_thresholds_are_lower_bounds():
    thresholds = (0.95, 0.6, 0.0)
    assert classify(0.95, thresholds) == ProgressCategory.SUBSTANTIAL_PROGRESS
    assert classify(0.9499, thresholds) == ProgressCategory.MODERATE_PROGRESS
    assert classify(0.6, thresholds) == ProgressCategory.MODERATE_PROGRESS
    assert classify(0.0, thresholds) == ProgressCategory.LIMITED_PROGRESS
    assert classify(-1e-9, thresholds) == ProgressCategory.DETERIORATION


def test_categories_carry_the_published_names():
    assert ProgressCategory.SUBSTANTIAL_PROGRESS.label == "On track"
    assert ProgressCategory.MODERATE_PROGRESS.label == "Progress made but acceleration needed"
    assert ProgressCategory.INSUFFICIENT_DATA.label == "Unable to assess"


# --- with a target: one case per category ----------------------------------------------------------------------


def test_on_track_when_observed_pace_beats_required():
    # 100 -> 150 in 5 years: 1.5 ** 0.2 - 1 = 8.447 %; R = 8.447 / 7.177 = 1.177
    assessment = doubling(150)
    assert assessment.category == ProgressCategory.SUBSTANTIAL_PROGRESS
    assert assessment.method == METHOD_WITH_TARGET
    assert assessment.observed_cagr == pytest.approx(1.5**0.2 - 1, abs=1e-6)
    assert assessment.required_cagr == pytest.approx(REQUIRED_TO_DOUBLE, abs=1e-6)
    assert assessment.ratio == pytest.approx(1.1769, abs=1e-4)
    assert (
        assessment.base_year,
        assessment.base_value,
        assessment.current_year,
        assessment.current_value,
    ) == (
        2015,
        100.0,
        2020,
        150.0,
    )


def test_moderate_progress_between_60_and_95_percent_of_required_pace():
    # 100 -> 130: 1.3 ** 0.2 - 1 = 5.387 %; R = 0.7506
    assessment = doubling(130)
    assert assessment.category == ProgressCategory.MODERATE_PROGRESS
    assert assessment.ratio == pytest.approx(0.7506, abs=1e-4)
    assert "75%" in assessment.explanation


def test_limited_progress_below_60_percent_of_required_pace():
    # 100 -> 110: 1.1 ** 0.2 - 1 = 1.924 %; R = 0.2681
    assessment = doubling(110)
    assert assessment.category == ProgressCategory.LIMITED_PROGRESS
    assert assessment.ratio == pytest.approx(0.2681, abs=1e-4)


def test_deterioration_when_moving_away_from_target():
    # 100 -> 90: 0.9 ** 0.2 - 1 = -2.085 %; R = -0.2905
    assessment = doubling(90)
    assert assessment.category == ProgressCategory.DETERIORATION
    assert assessment.ratio == pytest.approx(-0.2905, abs=1e-4)


def test_target_achieved_when_latest_value_reaches_it():
    assessment = doubling(200)
    assert assessment.category == ProgressCategory.TARGET_ACHIEVED
    assert assessment.ratio is None


def test_target_achieved_counts_whatever_the_trend():
    # Above a minimum of 100 and falling from 120 to 110: the latest value still meets the target (sdg-build rule).
    assessment = assess_progress(
        {2015: 120, 2020: 110}, direction=INCREASE, target_value=100, target_year=2030
    )
    assert assessment.category == ProgressCategory.TARGET_ACHIEVED


def test_target_achieved_needs_only_the_latest_value():
    assessment = assess_progress({2024: 0}, direction=DECREASE, target_value=0, target_year=2025)
    assert assessment.category == ProgressCategory.TARGET_ACHIEVED


def test_base_already_past_target_but_latest_fallen_short_is_deterioration():
    # Required rate (100/120) ** 0.1 - 1 is negative, observed (90/120) ** 0.2 - 1 too; R = d * obs / |req| < 0.
    assessment = assess_progress(
        {2015: 120, 2020: 90}, direction=INCREASE, target_value=100, target_year=2025
    )
    assert assessment.category == ProgressCategory.DETERIORATION
    assert assessment.ratio < 0


# --- decreasing-is-better indicators ---------------------------------------------------------------------------


def test_decrease_towards_target_is_progress():
    # 200 -> 160: 0.8 ** 0.2 - 1 = -4.365 %; required 0.5 ** 0.1 - 1 = -6.697 %; R = -1 * -4.365 / 6.697 = 0.6518
    assessment = assess_progress(
        {2015: 200, 2020: 160}, direction=DECREASE, target_value=100, target_year=2025
    )
    assert assessment.category == ProgressCategory.MODERATE_PROGRESS
    assert assessment.ratio == pytest.approx(-(0.8**0.2 - 1) / abs(0.5**0.1 - 1), abs=1e-6)


def test_increase_of_a_decrease_is_better_indicator_is_deterioration():
    assessment = assess_progress(
        {2015: 200, 2020: 220}, direction=DECREASE, target_value=100, target_year=2025
    )
    assert assessment.category == ProgressCategory.DETERIORATION


# --- without a target: one case per category -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("current", "category"),
    [
        (110, ProgressCategory.SUBSTANTIAL_PROGRESS),  # 1.1 ** 0.2 - 1 = 1.92 % >= 1.5 %
        (105, ProgressCategory.MODERATE_PROGRESS),  # 0.98 % in [0.5 %, 1.5 %)
        (101, ProgressCategory.LIMITED_PROGRESS),  # 0.20 % in [0, 0.5 %)
        (99, ProgressCategory.DETERIORATION),  # -0.20 %
    ],
)
def test_without_target_growth_is_compared_with_fixed_rates(current, category):
    assessment = assess_progress({2015: 100, 2020: current}, direction=INCREASE)
    assert assessment.category == category
    assert assessment.method == METHOD_WITHOUT_TARGET
    assert assessment.thresholds == (0.015, 0.005, 0.0)
    assert assessment.progress_value == pytest.approx((current / 100) ** 0.2 - 1, abs=1e-6)


def test_without_target_a_fall_is_progress_when_decrease_is_better():
    # 100 -> 90: -2.085 % a year, in the desired direction +2.085 %
    assessment = assess_progress({2015: 100, 2020: 90}, direction=DECREASE)
    assert assessment.category == ProgressCategory.SUBSTANTIAL_PROGRESS
    assert assessment.observed_cagr == pytest.approx(-0.020852, abs=1e-6)
    assert assessment.progress_value == pytest.approx(0.020852, abs=1e-6)


def test_near_a_natural_limit_the_thresholds_shrink():
    # C = 1 - 0.95 ** 4.44 = 0.2037; thresholds 0.31 % and 0.10 %; 95 -> 96 is 0.21 % a year.
    series = {2015: 95, 2020: 96}
    assert assess_progress(series, direction=INCREASE).category == ProgressCategory.LIMITED_PROGRESS
    assessment = assess_progress(series, direction=INCREASE, limit=100)
    assert assessment.category == ProgressCategory.MODERATE_PROGRESS
    assert assessment.limit_factor == pytest.approx(1 - 0.95**4.44, abs=1e-6)


def test_staying_at_the_limit_is_on_track():
    assessment = assess_progress({2015: 100, 2020: 100}, direction=INCREASE, limit=100)
    assert assessment.limit_factor == 0
    assert assessment.category == ProgressCategory.SUBSTANTIAL_PROGRESS


def test_limit_scaling_factor_is_symmetric_around_the_limit():
    assert limit_scaling_factor(base_value=150, limit=100) == pytest.approx(1 - 0.5**4.44)
    assert limit_scaling_factor(base_value=50, limit=100) == pytest.approx(1 - 0.5**4.44)
    assert limit_scaling_factor(base_value=250, limit=100) == 1.0
    assert limit_scaling_factor(base_value=0, limit=0) == 1.0


# --- too little to assess --------------------------------------------------------------------------------------


def test_no_values_cannot_be_assessed():
    assessment = assess_progress({}, direction=INCREASE, target_value=10, target_year=2030)
    assert assessment.category == ProgressCategory.INSUFFICIENT_DATA
    assert assessment.method == ""
    assert "No values" in assessment.explanation


def test_missing_values_are_left_out():
    assessment = assess_progress([(2015, None), (2020, None)], direction=INCREASE)
    assert assessment.category == ProgressCategory.INSUFFICIENT_DATA


def test_one_value_without_reaching_target_cannot_be_assessed():
    assessment = assess_progress({2020: 50}, direction=INCREASE, target_value=100, target_year=2030)
    assert assessment.category == ProgressCategory.INSUFFICIENT_DATA
    assert "at least two years" in assessment.explanation
    assert assessment.current_value == 50


def test_base_year_without_value_moves_to_next_year_with_one():
    assessment = assess_progress({2014: 90, 2016: 100, 2021: 110}, direction=INCREASE, base_year=2015)
    assert (assessment.base_year, assessment.base_value) == (2016, 100)


def test_base_year_after_all_values_cannot_be_assessed():
    assessment = assess_progress({2015: 90, 2020: 100}, direction=INCREASE, base_year=2022)
    assert assessment.category == ProgressCategory.INSUFFICIENT_DATA
    assert "2022" in assessment.explanation


def test_base_year_equal_to_latest_year_cannot_be_assessed():
    assessment = assess_progress({2015: 90, 2020: 100}, direction=INCREASE, base_year=2020)
    assert assessment.category == ProgressCategory.INSUFFICIENT_DATA
    assert assessment.base_year == assessment.current_year == 2020


def test_target_without_target_year_cannot_be_assessed():
    assessment = assess_progress({2015: 90, 2020: 100}, direction=INCREASE, target_value=200)
    assert assessment.category == ProgressCategory.INSUFFICIENT_DATA


def test_target_year_not_after_base_year_cannot_be_assessed():
    assessment = assess_progress(
        {2015: 90, 2020: 100}, direction=INCREASE, target_value=200, target_year=2015
    )
    assert assessment.category == ProgressCategory.INSUFFICIENT_DATA


def test_duplicate_years_and_unknown_direction_are_refused():
    with pytest.raises(ValueError):
        assess_progress([(2020, 1), (2020, 2)], direction=INCREASE)
    with pytest.raises(ValueError):
        assess_progress({2020: 1}, direction="up")


# --- target year already reached -------------------------------------------------------------------------------


def test_passed_target_year_is_assessed_and_flagged():
    # Needed 2 ** 0.2 - 1 = 14.87 % a year to 2020; got 1.5 ** (1/7) - 1 = 5.96 % to 2022; R = 0.4010
    assessment = assess_progress(
        {2015: 100, 2022: 150}, direction=INCREASE, target_value=200, target_year=2020
    )
    assert assessment.category == ProgressCategory.LIMITED_PROGRESS
    assert assessment.ratio == pytest.approx((1.5 ** (1 / 7) - 1) / (2**0.2 - 1), abs=1e-6)
    assert assessment.is_target_year_passed
    assert "target year has passed" in assessment.explanation


def test_target_equal_to_base_and_missed_is_deterioration():
    assessment = assess_progress(
        {2015: 100, 2020: 90}, direction=INCREASE, target_value=100, target_year=2025
    )
    assert assessment.category == ProgressCategory.DETERIORATION
    assert assessment.required_cagr == 0
    assert assessment.ratio is None


# --- zero and negative values ----------------------------------------------------------------------------------


def test_zero_base_value_is_replaced_by_a_thousandth():
    # (10 / 0.001) ** (1/4) - 1 = 10_000 ** 0.25 - 1 = 9
    assessment = assess_progress({2016: 0, 2020: 10}, direction=INCREASE)
    assert assessment.observed_cagr == pytest.approx(9.0)
    assert assessment.base_value == 0
    assert assessment.substitutions == ("base value 0 replaced by 0.001",)
    assert assessment.category == ProgressCategory.SUBSTANTIAL_PROGRESS


def test_fall_to_zero_is_a_growth_of_minus_one():
    assessment = assess_progress({2015: 10, 2020: 0}, direction=DECREASE)
    assert assessment.observed_cagr == -1
    assert assessment.category == ProgressCategory.SUBSTANTIAL_PROGRESS


def test_all_negative_series_flips_the_direction():
    # -10 -> -5: (0.5) ** 0.2 - 1 = -12.94 %; s = -1, so G = +12.94 % for an increase.
    series = {2015: -10, 2020: -5}
    increase = assess_progress(series, direction=INCREASE)
    assert increase.progress_value == pytest.approx(-(0.5**0.2 - 1), abs=1e-6)
    assert increase.category == ProgressCategory.SUBSTANTIAL_PROGRESS
    assert assess_progress(series, direction=DECREASE).category == ProgressCategory.DETERIORATION


def test_values_of_opposite_sign_cannot_be_assessed():
    assessment = assess_progress({2015: -5, 2020: 5}, direction=INCREASE)
    assert assessment.category == ProgressCategory.INSUFFICIENT_DATA
    assert "opposite signs" in assessment.explanation


def test_negative_base_and_zero_target_cannot_be_assessed():
    assessment = assess_progress({2015: -5, 2020: -3}, direction=INCREASE, target_value=0, target_year=2030)
    assert assessment.category == ProgressCategory.INSUFFICIENT_DATA


def test_decimal_and_float_inputs_give_the_same_assessment():
    with_decimals = assess_progress(
        {2015: Decimal("100.0000"), 2020: Decimal("130.0000")},
        direction=INCREASE,
        target_value=Decimal("200"),
        target_year=2025,
    )
    assert with_decimals == doubling(130.0)


# --- the real series: child labour ----------------------------------------------------------------------------


def test_child_labour_towards_zero_by_2025_is_limited_progress():
    # Base 2015 has no estimate, so 2016 (152); latest 2024 (138). Target 0 becomes 0.001 (million).
    # Observed (138/152) ** (1/8) - 1 = -1.2006 %; required (0.001/152) ** (1/9) - 1 = -73.44 %; R = 0.0163.
    assessment = assess_progress(
        CHILD_LABOUR, direction=DECREASE, target_value=0, target_year=2025, base_year=2015
    )
    assert assessment.category == ProgressCategory.LIMITED_PROGRESS
    assert (assessment.base_year, assessment.base_value) == (2016, 152)
    assert assessment.observed_cagr == pytest.approx((138 / 152) ** (1 / 8) - 1, abs=1e-6)
    assert assessment.required_cagr == pytest.approx((0.001 / 152) ** (1 / 9) - 1, abs=1e-6)
    assert assessment.ratio == pytest.approx(0.016348, abs=1e-6)
    assert assessment.target_value == 0
    assert assessment.substitutions == ("target 0 replaced by 0.001",)
    assert "replaced by 0.001" in assessment.explanation


def test_child_labour_verdict_depends_on_the_zero_substitute_in_figure_not_category():
    # The methodology warns that the replacement value matters; 1 (million) instead of 0.001 raises R to 0.028.
    assessment = assess_progress(
        CHILD_LABOUR, direction=DECREASE, target_value=0, target_year=2025, base_year=2015, zero_substitute=1
    )
    assert assessment.ratio == pytest.approx(0.028066, abs=1e-6)
    assert assessment.category == ProgressCategory.LIMITED_PROGRESS


def test_child_labour_without_a_target_looks_on_track():
    # Since 2000: (138/246) ** (1/24) - 1 = -2.38 % a year, beyond the fixed 1.5 %: why a target matters.
    assessment = assess_progress(CHILD_LABOUR, direction=DECREASE)
    assert assessment.base_year == 2000
    assert assessment.category == ProgressCategory.SUBSTANTIAL_PROGRESS


# --- linear projection -----------------------------------------------------------------------------------------


def test_projection_extends_an_exact_line():
    projection = project_to_target_year({2015: 10, 2016: 12, 2017: 14}, target_year=2020, target_value=20)
    assert (projection.slope, projection.projected_value) == (2.0, 20.0)
    assert projection.reaches_target is True
    assert (
        project_to_target_year({2015: 10, 2016: 12}, target_year=2020, target_value=21).reaches_target
        is False
    )


def test_projection_is_the_least_squares_line():
    # Years 2020-2022, values 1, 3, 2: slope = ((-1)(-1) + 0 + (1)(0)) / 2 = 0.5, line through (2021, 2): 2024 -> 3.5
    projection = project_to_target_year([(2020, 1), (2021, 3), (2022, 2), (2023, None)], target_year=2024)
    assert projection.slope == 0.5
    assert projection.projected_value == pytest.approx(3.5)
    assert projection.points_used == 3
    assert projection.reaches_target is None


def test_projection_of_a_decrease_is_better_indicator():
    projection = project_to_target_year(
        {2020: 50, 2022: 40}, target_year=2030, target_value=5, direction=DECREASE
    )
    assert projection.projected_value == pytest.approx(0.0)
    assert projection.reaches_target is True


def test_projection_needs_two_years():
    projection = project_to_target_year({2020: 50}, target_year=2030, target_value=5)
    assert projection.projected_value is None
    assert projection.reaches_target is None
    assert "two years" in projection.explanation


def test_child_labour_straight_line_misses_zero_by_2025():
    # Least squares over 2000-2024: slope -4.5625 million a year; 2025 -> 126.54 million.
    projection = project_to_target_year(CHILD_LABOUR, target_year=2025, target_value=0, direction=DECREASE)
    assert projection.slope == pytest.approx(-4.5625)
    assert projection.projected_value == pytest.approx(126.544643, abs=1e-6)
    assert projection.reaches_target is False
    assert "falls short" in projection.explanation


# --- stored assessments ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs",
    [
        {"observations": {}, "direction": INCREASE},
        {
            "observations": {2015: 100, 2020: 150},
            "direction": INCREASE,
            "target_value": 200,
            "target_year": 2025,
        },
        {
            "observations": {2015: 100, 2020: 210},
            "direction": INCREASE,
            "target_value": 200,
            "target_year": 2025,
        },
        {
            "observations": {2015: 100, 2020: 90},
            "direction": INCREASE,
            "target_value": 100,
            "target_year": 2025,
        },
        {"observations": {2015: 0, 2020: 5}, "direction": INCREASE, "target_value": 10, "target_year": 2025},
        {"observations": CHILD_LABOUR, "direction": DECREASE, "target_value": 0, "target_year": 2025},
        {"observations": {2015: 50, 2020: 60}, "direction": INCREASE, "limit": 100},
        {"observations": {2020: 5}, "direction": INCREASE, "target_value": 10, "target_year": 2025},
        {"observations": {2015: -5, 2020: 5}, "direction": INCREASE},
        {"observations": {2015: 5, 2020: 6}, "direction": INCREASE, "target_value": 10},
        {"observations": {2015: 5, 2020: 6}, "direction": INCREASE, "target_value": 10, "target_year": 2010},
        {"observations": {2015: 5, 2020: 6}, "direction": INCREASE, "base_year": 2021},
    ],
)
def test_an_assessment_survives_json_with_its_explanation(kwargs):
    import json

    from alliance87.core.assessment import Assessment

    observations = kwargs.pop("observations")
    assessment = assess_progress(observations, **kwargs)
    restored = Assessment.from_dict(json.loads(json.dumps(assessment.as_dict())))
    assert restored == assessment
    assert restored.explanation == assessment.explanation
    assert restored.substitutions == assessment.substitutions
    assert assessment.explanation  # every case says something
