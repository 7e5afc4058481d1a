"""A plan's History page: its results, indicators, targets, values and budget, for its editors and reporters."""

from __future__ import annotations

from decimal import Decimal

import pytest

from alliance87.library.models import Access
from alliance87.library.tests.factories import make_item
from alliance87.plans.models import Indicator, IndicatorValue
from alliance87.plans.tests.factories import make_indicator, make_node, make_period, make_plan

pytestmark = pytest.mark.django_db

URL = "/plans/sc/history/"


@pytest.fixture
def plan(world):
    plan = make_plan(owner_body=world.supply_chains, slug="sc", title="Supply Chains work plan")
    plan.responsible_organisations.add(world.ngo)
    indicator = make_indicator(make_node(plan), title="Companies with due diligence")
    make_period(indicator, 2024, target=150, value=140)
    return plan


def test_a_changed_target_and_a_deleted_indicator_are_in_the_plan_history(world, client_for, plan):
    indicator = Indicator.objects.get(title="Companies with due diligence")
    indicator.target_value = Decimal(250)
    indicator.save()
    spare = make_indicator(indicator.node, title="Spare indicator")
    spare.delete()
    html = client_for(world.chair).get(URL).content.decode()
    assert "History of Supply Chains work plan" in html
    assert "<del>200</del>" in html and "<ins>250</ins>" in html
    assert "Deleted: indicator “Spare indicator”" in html


def test_reporters_see_the_history_and_others_are_refused(world, client_for, plan):
    assert client_for(world.member).get(URL).status_code == 200  # their organisation reports on the plan
    assert client_for(world.other_focal_point).get(URL).status_code == 403
    assert client_for(None).get(URL).status_code == 302


def test_a_draft_plan_history_is_not_found_for_those_who_may_not_see_the_plan(world, client_for, plan):
    plan.status = "draft"
    plan.save()
    assert client_for(world.other_focal_point).get(URL).status_code == 404


def test_evidence_a_reader_may_not_open_is_not_named_in_the_history(world, client_for, plan):
    hidden = make_item(
        title="Board minutes", slug="board-minutes", access=Access.BODY, access_body=world.supply_chains
    )
    value = IndicatorValue.objects.get()
    value.evidence_item = hidden
    value.save()
    member_page = client_for(world.member).get(URL).content.decode()
    assert "Board minutes" not in member_page and "board-minutes" not in member_page
    assert "a record you may not see" in member_page
    assert "Board minutes" in client_for(world.chair).get(URL).content.decode()
