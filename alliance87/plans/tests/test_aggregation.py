"""The aggregation rules, checked against sums done by hand: over periods, across plans and by category."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest

from alliance87.core.assessment import (
    AVERAGE,
    CUMULATIVE_SUM,
    CURRENCY,
    LATEST,
    NUMBER,
    ORDINAL,
    PERCENTAGE,
    QUALITATIVE,
    YES_NO,
)
from alliance87.plans.aggregation import (
    DisaggregationStatus,
    check_disaggregation,
    combine_across_plans,
    combine_percentages,
    combine_periods,
)

# --- combining periods -----------------------------------------------------------------------------------------


def test_latest_value_indicator_is_not_summed_over_periods():
    # Number of laws in force each year: 3, 4, 5. The total is 5, not the naive 12.
    periods = [3, 4, 5]
    latest = combine_periods(periods, rule=LATEST)
    assert latest.value == Decimal(5)
    assert latest.value != sum(periods)


def test_cumulative_indicator_is_summed_over_periods():
    # Inspectors trained per year; a missing year is skipped.
    combined = combine_periods([10, None, 20, 30], rule=CUMULATIVE_SUM)
    assert (combined.value, combined.count) == (Decimal(60), 3)


def test_average_over_periods_keeps_four_decimals():
    assert combine_periods([1, 2, 2], rule=AVERAGE).value == Decimal("1.6667")


def test_sums_are_exact_in_decimal():
    assert combine_periods([0.1, 0.2], rule=CUMULATIVE_SUM, measure=CURRENCY).value == Decimal("0.3")


@pytest.mark.parametrize("measure", [PERCENTAGE, YES_NO, ORDINAL])
@pytest.mark.parametrize("rule", [CUMULATIVE_SUM, AVERAGE])
def test_percentages_answers_and_scales_are_not_summed_or_averaged_over_periods(measure, rule):
    combined = combine_periods([40, 60], rule=rule, measure=measure)
    assert combined.value is None
    assert combined.reason


def test_percentage_over_periods_takes_the_latest():
    assert combine_periods([40, 60], rule=LATEST, measure=PERCENTAGE).value == Decimal(60)


def test_qualitative_values_are_not_combined_and_nothing_reported_is_said():
    assert combine_periods([1], rule=LATEST, measure=QUALITATIVE).value is None
    empty = combine_periods([None, None], rule=LATEST)
    assert empty.value is None
    assert "No values" in empty.reason


def test_unknown_period_rule_is_refused():
    with pytest.raises(ValueError):
        combine_periods([1], rule="median")


# --- percentages and totals across plans -----------------------------------------------------------------------


def test_percentages_are_pooled_not_averaged():
    # Country A: 90 of 100 victims assisted (90 %); country B: 10 of 900 (1.11 %).
    # Pooled: 100 of 1000 = 10 %. The naive average of the two percentages, 45.56 %, is what Akvo RSR showed.
    pooled = combine_percentages([(90, 100), (10, 900)])
    assert pooled.value == Decimal("10.0000")
    assert (pooled.numerator, pooled.denominator) == (Decimal(100), Decimal(1000))
    naive_average = (Decimal(90) / 100 * 100 + Decimal(10) / 900 * 100) / 2
    assert abs(pooled.value - naive_average) > 35


def test_percentage_parts_without_denominator_are_left_out_and_said():
    pooled = combine_percentages([(1, 4), (5, None)])
    assert pooled.value == Decimal("25.0000")
    assert pooled.count == 1
    assert "1 without" in pooled.reason


def test_percentages_with_zero_denominators_have_no_value():
    assert combine_percentages([(0, 0)]).value is None


def test_counts_across_countries_add_up():
    combined = combine_across_plans([120, None, Decimal("30.5")], measure=NUMBER)
    assert (combined.value, combined.count) == (Decimal("150.5"), 2)


def test_money_in_one_currency_adds_up_and_in_two_is_refused():
    assert combine_across_plans([100, 50], measure=CURRENCY, currencies=["USD", "USD"]).value == Decimal(150)
    mixed = combine_across_plans([100, 50], measure=CURRENCY, currencies=["USD", "EUR"])
    assert mixed.value is None
    assert "EUR, USD" in mixed.reason


def test_yes_no_across_countries_counts_the_yeses():
    # National action plan adopted? Yes in 3 of 4 reporting countries.
    combined = combine_across_plans([True, True, False, True, None], measure=YES_NO)
    assert (combined.value, combined.numerator, combined.denominator) == (Decimal(3), Decimal(3), Decimal(4))
    assert "3 of 4" in combined.reason


@pytest.mark.parametrize("measure", [PERCENTAGE, ORDINAL, QUALITATIVE])
def test_percentages_and_scales_have_no_total_across_plans(measure):
    combined = combine_across_plans([10, 20], measure=measure)
    assert combined.value is None
    assert combined.reason


def test_non_finite_values_are_refused():
    with pytest.raises(ValueError):
        combine_across_plans([math.nan], measure=NUMBER)
    with pytest.raises(ValueError):
        combine_across_plans([1], measure="index")


# --- disaggregation --------------------------------------------------------------------------------------------


def test_children_in_child_labour_by_sex_add_up():
    # 2020 estimate: 97 million boys and 63 million girls of 160 million.
    check = check_disaggregation(total=160, values={"male": 97, "female": 63}, categories=["female", "male"])
    assert check.status == DisaggregationStatus.COMPLETE
    assert check.is_complete
    assert check.difference == 0


def test_decimals_within_tolerance_add_up():
    check = check_disaggregation(
        total=Decimal("10.0001"),
        values={"female": Decimal("5.0000"), "male": Decimal("5.0000")},
        categories=["female", "male"],
    )
    assert check.is_complete


def test_rounded_published_figures_need_a_wider_tolerance():
    values = {"female": 63.2, "male": 97.1}
    categories = ["female", "male"]
    assert check_disaggregation(total=160.2, values=values, categories=categories).status == (
        DisaggregationStatus.SUM_DIFFERS
    )
    assert check_disaggregation(total=160.2, values=values, categories=categories, tolerance=0.1).is_complete


def test_sum_that_differs_is_reported_with_the_difference():
    check = check_disaggregation(total=100, values={"female": 40, "male": 50}, categories=["female", "male"])
    assert check.status == DisaggregationStatus.SUM_DIFFERS
    assert check.difference == Decimal(-10)


def test_missing_category_comes_first():
    check = check_disaggregation(total=40, values={"female": 40, "male": None}, categories=["female", "male"])
    assert check.status == DisaggregationStatus.MISSING_CATEGORIES
    assert check.missing_categories == ("male",)
    assert not check.is_complete


def test_unexpected_categories_are_listed_and_counted():
    check = check_disaggregation(
        total=100, values={"female": 40, "male": 50, "other": 10}, categories=["female", "male"]
    )
    assert check.is_complete
    assert check.unexpected_categories == ("other",)


def test_without_total_there_is_nothing_to_check_against():
    check = check_disaggregation(total=None, values={"female": 40, "male": 50}, categories=["female", "male"])
    assert check.status == DisaggregationStatus.NO_TOTAL
    assert check.disaggregated_sum == Decimal(90)
