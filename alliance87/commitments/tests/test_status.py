"""Where a deliverable stands as of a date: the rules the register, the API and the dashboard share."""

from __future__ import annotations

import datetime

from django.test import override_settings

from alliance87.commitments.status import Light, ReportFacts, report_due_date, standing, years_due

D = datetime.date
MADE = D(2022, 3, 1)


def stand(as_of, *reports, due=D(2024, 12, 31)):
    return standing(
        due_date=due, made_on=MADE, reports=[ReportFacts(year=y, status=s) for y, s in reports], as_of=as_of
    )


def test_the_report_on_a_year_is_due_on_31_march_of_the_next():
    assert report_due_date(2022) == D(2023, 3, 31)


@override_settings(COMMITMENT_REPORTS_DUE="01-31")
def test_the_report_due_date_is_a_setting():
    assert report_due_date(2022) == D(2023, 1, 31)


def test_nothing_is_due_in_the_first_year_so_the_deliverable_is_on_time():
    result = stand(D(2022, 6, 1))
    assert result.light == Light.ON_TIME
    assert result.sentence == "Due on 31 Dec 2024; the report for 2022 is due on 31 Mar 2023."
    assert not result.reported


def test_a_missing_report_past_its_due_date_shows_no_report_with_the_year():
    result = stand(D(2023, 4, 1))
    assert result.light == Light.NO_REPORT
    assert result.missing_years == (2022,)
    assert result.sentence == "No report for 2022: it was due on 31 Mar 2023."


def test_on_its_due_date_a_report_is_not_yet_missing():
    assert stand(D(2023, 3, 31)).light == Light.NO_REPORT
    assert stand(D(2023, 3, 30)).light == Light.ON_TIME


def test_every_report_in_and_before_the_due_date_is_on_time():
    result = stand(D(2024, 4, 1), (2022, "in_progress"), (2023, "in_progress"))
    assert result.light == Light.ON_TIME
    assert result.reported


def test_past_its_due_date_without_delivery_is_late():
    result = stand(D(2025, 1, 15), (2022, "in_progress"), (2023, "in_progress"))
    assert result.light == Light.LATE
    assert result.sentence == "Due on 31 Dec 2024 and not reported delivered."


def test_a_report_missing_wins_over_late():
    assert stand(D(2025, 4, 1), (2022, "in_progress"), (2023, "in_progress")).light == Light.NO_REPORT


def test_delivered_closes_the_deliverable_no_later_report_is_due():
    result = stand(D(2030, 1, 1), (2022, "in_progress"), (2023, "delivered"))
    assert result.light == Light.DELIVERED
    assert result.sentence == "Delivered in 2023, due on 31 Dec 2024."
    assert years_due(made_on=MADE, reports=[ReportFacts(2023, "delivered")], as_of=D(2030, 1, 1)) == [
        2022,
        2023,
    ]


def test_delivered_after_the_due_year_says_so():
    result = stand(
        D(2026, 1, 1),
        (2022, "in_progress"),
        (2023, "in_progress"),
        (2024, "in_progress"),
        (2025, "delivered"),
    )
    assert result.light == Light.DELIVERED
    assert "after its due date" in result.sentence


def test_dropped_is_its_own_light():
    result = stand(D(2030, 1, 1), (2022, "dropped"))
    assert result.light == Light.DROPPED
    assert result.sentence == "Dropped in 2022."
