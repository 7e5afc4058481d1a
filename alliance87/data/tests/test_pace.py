"""The dashboard's pace figures, checked against sums done by hand.

Child labour (ILO/UNICEF, millions of children aged 5–17): 151.6 in 2016 (the first estimate from 2015), 137.6 in 2024.
    observed straight-line pace = (137.6 - 151.6) / (2024 - 2016) = -1.75 million a year
    the 2025 deadline has passed (today is in 2026), so the required pace is to zero by 2030:
    required = (0 - 137.6) / (2030 - 2024) = -22.9333 million a year
    times faster = 22.9333 / 1.75 = 13.1;  at -1.75 a year zero comes 137.6 / 1.75 = 78.6 years after 2024: 2103
    Open SDG measure: observed CAGR = (137.6 / 151.6) ** (1/8) - 1 = -1.2041 %;
    required CAGR to 0.001 by 2025 = (0.001 / 151.6) ** (1/9) - 1 = -73.43 %; R = 0.012041 / 0.7343 = 0.0164
    → limited progress (0 <= R < 0.6).
Forced labour (Global Estimates, millions): 24.9 in 2016, 27.6 in 2021.
    observed = (27.6 - 24.9) / 5 = +0.54 million a year: moving away
    required = (0 - 27.6) / (2030 - 2021) = -3.0667 million a year; no "times faster" for a rise.
    CAGR = (27.6 / 24.9) ** (1/5) - 1 = +2.08 % while a fall is needed → deterioration.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from alliance87.core.assessment import ProgressCategory
from alliance87.data.pace import assess_part
from alliance87.data.selectors import target_paces

TODAY = datetime.date(2026, 12, 6)
CHILD_LABOUR = [(2000, 245.5), (2012, 168.0), (2016, 151.6), (2020, 160.0), (2024, 137.6)]
FORCED_LABOUR = [(2016, 24.9), (2021, 27.6)]


def test_child_labour_pace_matches_the_hand_computation() -> None:
    pace = assess_part("child_labour", CHILD_LABOUR, unit="millions", today=TODAY)
    assert pace.base == (2016, 151.6) and pace.latest == (2024, 137.6)
    assert pace.observed_per_year == pytest.approx(-1.75)
    assert pace.deadline_passed and pace.required_by == 2030
    assert pace.required_per_year == pytest.approx(-137.6 / 6)
    assert pace.times_faster == pytest.approx(22.9333 / 1.75, rel=1e-4)
    assert pace.zero_year == 2103
    assessment = pace.assessment
    assert assessment is not None
    assert assessment.observed_cagr == pytest.approx((137.6 / 151.6) ** (1 / 8) - 1, abs=1e-6)
    assert assessment.required_cagr == pytest.approx((0.001 / 151.6) ** (1 / 9) - 1, abs=1e-6)
    assert assessment.ratio == pytest.approx(0.012041 / 0.734346, abs=1e-4)
    assert assessment.category == ProgressCategory.LIMITED_PROGRESS


def test_child_labour_is_put_in_words_with_the_passed_deadline_method_and_years() -> None:
    pace = assess_part("child_labour", CHILD_LABOUR, unit="millions", today=TODAY)
    assert pace.headline == (
        "The target year 2025 has passed and the target was not reached: 137.6 million in 2024, the latest "
        "estimate. The decline must be 13 times faster: from 2016 to 2024 it fell by 1.8 million a year; reaching "
        "zero by 2030 needs a fall of 22.9 million a year from 2024. At the pace of 2016–2024 it would end around "
        "2103."
    )
    assert "first estimate from 2015" in pace.method
    assert "Limited progress" in pace.method


def test_before_the_deadline_the_required_pace_runs_to_the_deadline() -> None:
    pace = assess_part("child_labour", CHILD_LABOUR, unit="millions", today=datetime.date(2025, 3, 1))
    assert not pace.deadline_passed and pace.required_by == 2025
    assert pace.required_per_year == pytest.approx(-137.6)
    assert pace.headline.startswith("The decline must be 79 times faster")


def test_forced_labour_moving_away_from_the_target_says_so() -> None:
    pace = assess_part("forced_labour", FORCED_LABOUR, unit="millions", today=TODAY)
    assert pace.observed_per_year == pytest.approx(0.54)
    assert pace.required_per_year == pytest.approx(-27.6 / 9)
    assert pace.times_faster is None and pace.zero_year is None
    assert pace.assessment is not None and pace.assessment.category == ProgressCategory.DETERIORATION
    assert pace.headline == (
        "It is moving away from the target: from 2016 to 2021 it rose by 0.5 million a year, while reaching zero "
        "by 2030 needs a fall of 3.1 million a year from 2021."
    )


def test_one_estimate_or_none_gives_no_pace() -> None:
    assert assess_part("trafficking", [], unit="number", today=TODAY).headline.startswith("No world estimate")
    single = assess_part("modern_slavery", [(2021, 49.6)], unit="millions", today=TODAY)
    assert single.observed_per_year is None
    assert "no pace can be measured yet" in single.headline


def test_the_sentence_follows_the_readers_language() -> None:
    with translation.override("fr"):
        pace = assess_part("child_labour", CHILD_LABOUR, unit="millions", today=TODAY)
        assert "137,6" in pace.headline


def test_the_dashboard_reads_the_series_marked_for_each_part(world_series) -> None:
    paces = {item.pace.part: item for item in target_paces(None, today=TODAY)}
    assert paces["child_labour"].series == world_series["child"]
    assert paces["child_labour"].pace.times_faster == pytest.approx(13.105, abs=1e-3)
    assert paces["forced_labour"].pace.observed_per_year == pytest.approx(0.54)
    assert paces["trafficking"].series is None
