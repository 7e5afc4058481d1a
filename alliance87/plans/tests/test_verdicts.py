"""Stored verdicts: every way of changing what a verdict rests on stores the verdict a fresh computation gives."""

from __future__ import annotations

import datetime
import functools
import json
from dataclasses import replace
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection

from alliance87.core.assessment import ProgressCategory
from alliance87.core.tests.helpers import at_the_same_moment
from alliance87.plans import services, verdicts
from alliance87.plans.gaps import gap_report
from alliance87.plans.interchange import iati
from alliance87.plans.models import (
    Indicator,
    IndicatorValue,
    IndicatorVerdict,
    Measure,
    PeriodRule,
    ReportingPeriod,
    ValueStatus,
)
from alliance87.plans.services.indicators import IndicatorFields
from alliance87.plans.tests.factories import make_indicator, make_node, make_period, make_plan
from alliance87.plans.tests.test_iati import EXAMPLE

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 1)


def fresh(indicator: Indicator) -> IndicatorVerdict:
    """The verdict computed now from the database, not stored."""
    indicator = Indicator.objects.get(pk=indicator.pk)
    periods = list(indicator.periods.select_related("actual").order_by("start"))
    return verdicts.compute(indicator, periods)


def stored(indicator: Indicator) -> IndicatorVerdict:
    return IndicatorVerdict.objects.get(pk=indicator.pk)


def assert_stored_is_fresh(*indicators: Indicator) -> None:
    for indicator in indicators:
        now, kept = fresh(indicator), stored(indicator)
        assert (kept.category, kept.numbers) == (now.category, json.loads(json.dumps(now.numbers)))
        assert (kept.latest_period_end, kept.latest_value, kept.latest_text, kept.latest_source) == (
            now.latest_period_end,
            now.latest_value,
            now.latest_text,
            now.latest_source,
        )


@pytest.fixture
def plan(world):
    plan = make_plan(owner_body=world.supply_chains)
    plan.responsible_organisations.add(world.ngo)
    return plan


def test_the_reporting_workflow_keeps_the_stored_verdict_fresh(world, plan):
    indicator = services.indicators.add_indicator(
        node=make_node(plan),
        by=world.chair,
        fields=IndicatorFields(
            title="Companies with due diligence",
            baseline_value=Decimal(100),
            baseline_year=2020,
            target_value=Decimal(200),
            target_year=2030,
        ),
    )
    assert stored(indicator).category == ProgressCategory.INSUFFICIENT_DATA
    period = services.indicators.set_period(
        indicator=indicator, by=world.chair, start=datetime.date(2024, 1, 1), end=datetime.date(2024, 12, 31)
    )
    value = services.reporting.submit_value(
        period=period, by=world.member, value="90", source="Survey", expected_version=0
    )
    assert stored(indicator).category == ProgressCategory.INSUFFICIENT_DATA  # submitted values do not count
    assert_stored_is_fresh(indicator)

    value = services.reporting.approve_value(value=value, by=world.chair, expected_version=value.version)
    kept = stored(indicator)
    assert kept.category == ProgressCategory.DETERIORATION
    assert (kept.latest_value, kept.latest_source, kept.latest_period_end) == (
        Decimal(90),
        "Survey",
        datetime.date(2024, 12, 31),
    )
    assert_stored_is_fresh(indicator)

    # An editor corrects the approved value: the approved 90 keeps counting while the correction is reviewed,
    # and another person approves it (nobody approves their own submission).
    value = services.reporting.submit_value(
        period=period, by=world.chair, value="150", expected_version=value.version
    )
    assert (stored(indicator).category, stored(indicator).latest_value) == (
        ProgressCategory.DETERIORATION,
        Decimal(90),
    )
    value = services.reporting.approve_value(
        value=value, by=world.secretariat, expected_version=value.version
    )
    assert stored(indicator).category == ProgressCategory.SUBSTANTIAL_PROGRESS
    assert_stored_is_fresh(indicator)

    # The target moves out of reach, then the period is re-dated: both change the verdict.
    services.indicators.update_indicator(
        indicator=indicator,
        by=world.chair,
        fields=replace(IndicatorFields.of(indicator), target_value=Decimal(1000)),
    )
    assert stored(indicator).category == ProgressCategory.LIMITED_PROGRESS
    assert_stored_is_fresh(indicator)
    services.indicators.set_period(
        indicator=indicator,
        by=world.chair,
        period=period,
        start=datetime.date(2028, 1, 1),
        end=datetime.date(2028, 12, 31),
    )
    assert stored(indicator).latest_period_end == datetime.date(2028, 12, 31)
    assert_stored_is_fresh(indicator)


def test_a_returned_value_leaves_the_verdict_on_approved_values(world, plan):
    indicator = make_indicator(make_node(plan))
    make_period(indicator, 2022, value=150)
    period = make_period(indicator, 2023)
    value = services.reporting.submit_value(period=period, by=world.member, value="50", expected_version=0)
    services.reporting.return_value(
        value=value, by=world.chair, comment="Check the survey", expected_version=value.version
    )

    kept = stored(indicator)
    assert (kept.category, kept.latest_value) == (ProgressCategory.SUBSTANTIAL_PROGRESS, Decimal(150))
    assert_stored_is_fresh(indicator)


def test_a_stored_verdict_explains_itself_in_the_readers_language(world, plan):
    from django.utils import translation

    indicator = make_indicator(make_node(plan))
    make_period(indicator, 2022, value=90)
    assessment = stored(indicator).assessment
    assert assessment.category == ProgressCategory.DETERIORATION
    with translation.override("fr"):
        french = assessment.explanation
    with translation.override("en"):
        english = assessment.explanation
    assert english.startswith("Since 2020 the value changed by")
    assert french != english and "2020" in french


def test_importing_a_workbook_or_iati_results_stores_fresh_verdicts(world, plan):
    report = iati.import_results(plan=plan, xml_bytes=EXAMPLE.read_bytes(), by=world.chair)
    assert report.created["actual"] == 1
    (indicator,) = Indicator.objects.filter(node__plan=plan)
    assert stored(indicator).latest_value == Decimal(11)
    assert_stored_is_fresh(indicator)


def test_the_plan_page_and_the_gap_report_agree_on_a_cumulative_indicator(world, plan, client):
    """A running total is assessed on its totals everywhere (the gap report once looked at single periods)."""
    indicator = make_indicator(
        make_node(plan),
        baseline_value=Decimal(0),
        baseline_year=2020,
        target_value=Decimal(100),
        target_year=2030,
        period_rule=PeriodRule.CUMULATIVE_SUM,
    )
    for year in (2021, 2022, 2023, 2024, 2025):
        make_period(indicator, year, value=12)  # 12 a year: 60 by 2025, on course for 120 by 2030

    kept = stored(indicator)
    assert kept.assessment.current_value == 60.0
    assert kept.category == ProgressCategory.SUBSTANTIAL_PROGRESS
    report = gap_report(user=world.secretariat, today=TODAY)
    assert indicator.pk not in {row.indicator.id for row in report.off_track}
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "verdict-substantial_progress" in page


def test_a_yes_no_indicator_is_achieved_or_waits_but_never_deteriorates(world, plan):
    indicator = make_indicator(
        make_node(plan),
        measure=Measure.YES_NO,
        baseline_value=Decimal(0),
        baseline_year=2020,
        target_value=Decimal(1),
        target_year=2026,
    )
    make_period(indicator, 2023, value=0)
    assert stored(indicator).category == ProgressCategory.INSUFFICIENT_DATA
    assert "yes/no" in stored(indicator).assessment.explanation
    make_period(indicator, 2024, value=1)
    assert stored(indicator).category == ProgressCategory.TARGET_ACHIEVED


def test_missing_verdicts_are_computed_when_read_and_the_command_recomputes_all(world, plan):
    indicator = make_indicator(make_node(plan))
    period = make_period(indicator, 2022)
    # Written around the services, as a bulk load would: the stored verdict is now stale, then missing.
    IndicatorValue.objects.create(period=period, value=Decimal(90), status=ValueStatus.APPROVED)
    assert stored(indicator).category == ProgressCategory.INSUFFICIENT_DATA
    IndicatorVerdict.objects.all().delete()

    assert verdicts.fill_missing(Indicator.objects.all()) == 1
    assert stored(indicator).category == ProgressCategory.DETERIORATION

    ReportingPeriod.objects.filter(pk=period.pk).update(
        start=datetime.date(2019, 1, 1), end=datetime.date(2019, 12, 31)
    )
    call_command("refresh_verdicts", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert_stored_is_fresh(indicator)
    assert stored(indicator).latest_period_end == datetime.date(2019, 12, 31)


def test_the_admin_stores_the_verdict_of_an_indicator_it_changes(world, plan, client):
    indicator = make_indicator(make_node(plan))
    make_period(indicator, 2022, value=150)
    assert stored(indicator).category == ProgressCategory.SUBSTANTIAL_PROGRESS
    client.force_login(world.admin)
    url = f"/admin/plans/indicator/{indicator.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update({"target_value": "140", "disaggregations": "{}"})
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert stored(indicator).category == ProgressCategory.TARGET_ACHIEVED
    assert_stored_is_fresh(indicator)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need a server database")
def test_values_approved_at_the_same_moment_leave_a_fresh_verdict(world):
    """Each approval stores the verdict after the indicator's lock, on data that includes the others' approvals."""
    plan = make_plan(owner_body=world.supply_chains, requires_second_approver=False)  # the chair does both
    indicator = make_indicator(make_node(plan))
    submitted = []
    for year in range(2021, 2029):
        period = make_period(indicator, year)
        submitted.append(
            services.reporting.submit_value(
                period=period, by=world.chair, value=str(100 + year - 2020), expected_version=0
            )
        )
    at_the_same_moment(
        *(
            functools.partial(
                services.reporting.approve_value, value=value, by=world.chair, expected_version=value.version
            )
            for value in submitted
        )
    )

    assert IndicatorValue.objects.filter(status=ValueStatus.APPROVED).count() == len(submitted)
    assert_stored_is_fresh(indicator)
    assert stored(indicator).latest_period_end == datetime.date(2028, 12, 31)
