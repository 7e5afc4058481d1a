"""The plans demo: the Supply Chains work plan as published, the global estimates, idempotent and removable."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from alliance87.accounts.models import User
from alliance87.core.demo import demo_models
from alliance87.plans import selectors as plan_selectors
from alliance87.plans import services
from alliance87.plans.demo import SUPPLY_CHAINS_OUTCOMES
from alliance87.plans.gaps import gap_report, plan_gap_report
from alliance87.plans.models import (
    BudgetLine,
    CommonIndicator,
    Indicator,
    IndicatorValue,
    Plan,
    PlanStatus,
    ResultNode,
    ValueOrigin,
    ValueStatus,
)


def quiet(*args: str) -> None:
    call_command(*args, stdout=open("/dev/null", "w"))  # noqa: SIM115


def approved_series(title: str) -> dict[int, Decimal]:
    values = IndicatorValue.objects.filter(
        period__indicator__title=title, status=ValueStatus.APPROVED, origin=ValueOrigin.IMPORT
    )
    return {value.period.end.year: value.value for value in values.select_related("period")}


@pytest.mark.usefixtures("demo_read_only", "db")
class TestTheLoadedPlansDemo:
    """What the plans demo holds, read from one load (the tests that write load their own, below)."""

    def test_supply_chains_work_plan_has_the_four_published_outcomes(self):
        plan = Plan.objects.get(
            owner_body__slug="supply-chains", period_start__year=2020, period_end__year=2021
        )

        assert plan.status == PlanStatus.DRAFT  # the seed speaks of a draft work plan
        outcomes = ResultNode.objects.filter(plan=plan, level=1).order_by("position")
        assert [outcome.title for outcome in outcomes] == SUPPLY_CHAINS_OUTCOMES
        assert SUPPLY_CHAINS_OUTCOMES[0] == (
            "Outcome 1. Advance research and understanding on child labour, forced labour and human trafficking in "
            "supply chains."
        )
        assert (
            SUPPLY_CHAINS_OUTCOMES[3] == "Outcome 4. Accelerating action in key countries and supply chains"
        )
        assert ResultNode.objects.get(plan=plan, level=0).children.count() == 4
        assert ResultNode.objects.filter(
            plan=plan, title="The Mapping of Supply Chains Initiatives on Child Labour – 2020"
        ).exists()
        assert "illustrative" in BudgetLine.objects.filter(plan=plan).first().description.lower()

    def test_child_labour_series_holds_the_published_global_estimates(self):
        assert approved_series("Children in child labour") == {
            2000: 246,
            2004: 222,
            2008: 215,
            2012: 168,
            2016: 152,
            2020: 160,
            2024: 138,
        }
        assert approved_series("Children in hazardous work") == {
            2000: 171,
            2004: 128,
            2008: 115,
            2012: 85,
            2016: 73,
            2020: 79,
            2024: 54,
        }
        assert approved_series("People in forced labour") == {2016: Decimal("24.9"), 2021: Decimal("27.6")}
        assert approved_series("People in forced marriage") == {2016: Decimal("15.4"), 2021: Decimal("22")}
        child_labour = Indicator.objects.get(title="Children in child labour")
        assert child_labour.node.plan.owner_body.slug == "gcg"
        assert (child_labour.target_value, child_labour.target_year, child_labour.direction) == (
            0,
            2025,
            "decrease",
        )
        assert (
            "ILO and UNICEF" in child_labour.source and "2024 estimates published 2025" in child_labour.source
        )
        forced_labour = Indicator.objects.get(title="People in forced labour")
        assert "Walk Free" in forced_labour.source and forced_labour.target_year == 2030
        for value in IndicatorValue.objects.filter(period__indicator=child_labour).select_related("period"):
            assert (value.period.start.month, value.period.start.day) == (1, 1)
            assert (value.period.end.month, value.period.end.day) == (12, 31)

    def test_national_action_plan_is_illustrative_with_a_funding_gap(self):
        plan = Plan.objects.get(owner_country__country="MG")

        assert plan.is_illustrative
        assert (plan.period_start.year, plan.period_end.year) == (2024, 2028)
        gaps = plan_gap_report(plan)
        assert gaps.underfunded
        assert IndicatorValue.objects.filter(
            period__indicator__node__plan=plan, status=ValueStatus.APPROVED
        ).exists()

    def test_the_gap_report_flags_the_global_targets_as_off_track(self):
        gaps = gap_report(user=None)

        off_track = {row.indicator.title: row.assessment.category for row in gaps.off_track}
        assert off_track["People in forced labour"] == "deterioration"
        assert off_track["Children in child labour"] == "target_missed"  # target 0 by 2025; it is later now

    def test_every_plans_demo_record_is_flagged(self):
        for model in (Plan, ResultNode, Indicator, IndicatorValue, BudgetLine):
            assert not model.objects.filter(is_demo=False).exists(), model

    def test_the_demo_combines_a_common_indicator_across_two_illustrative_national_plans(self):
        from alliance87.plans.common_indicators import combined
        from alliance87.plans.models import CommonIndicator

        common = CommonIndicator.objects.get(slug="labour-inspectors-trained")
        assert common.is_demo
        result = combined.combined_indicator(common, None)
        assert all(series.plan.is_illustrative for series in result.plans)
        # Madagascar trained 60 and 110 inspectors, Fiji 12 and 20 (illustrative figures)
        assert [(year.year, year.value, year.reporting) for year in result.years] == [
            (2024, Decimal(72), 2),
            (2025, Decimal(130), 2),
        ]

    def test_the_supply_chains_work_plan_is_the_draft_the_seed_describes(self):
        plan = Plan.objects.get(slug="supply-chains-work-plan-2020-2021")
        assert plan.status == "draft"
        assert not plan_selectors.plan_list(AnonymousUser()).filter(pk=plan.pk).exists()


def test_loading_twice_creates_nothing_new(demo):
    counts = {model._meta.label: model.objects.count() for model in demo_models()}

    quiet("load_demo")

    assert {model._meta.label: model.objects.count() for model in demo_models()} == counts
    assert Plan.objects.count() == 4


def test_remove_demo_data_removes_the_plans(demo):
    quiet("remove_demo_data", "--yes")

    assert not Plan.objects.exists()
    assert not CommonIndicator.objects.exists()
    assert not IndicatorValue.objects.exists()
    assert not BudgetLine.objects.exists()


def test_the_demo_member_reports_a_value_and_another_person_approves_it(demo):
    member = User.objects.get(email="member@demo.alliance87.org")
    secretariat = User.objects.get(email="secretariat@demo.alliance87.org")
    districts = Indicator.objects.get(
        code="1.1a", node__plan__slug="madagascar-national-action-plan-2024-2028"
    )
    period = districts.periods.get(start__year=2026)
    value = services.reporting.submit_value(period=period, by=member, value="12", expected_version=0)
    with pytest.raises(PermissionDenied):  # the demo member is no editor
        services.reporting.approve_value(value=value, by=member)
    assert services.reporting.approve_value(value=value, by=secretariat).status == "approved"
