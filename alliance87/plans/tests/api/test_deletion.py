"""Approved values are the record of what was achieved: no deletion takes them away, through any door."""

from __future__ import annotations

from typing import Any

import pytest

from alliance87.plans.models import Indicator, IndicatorValue, Plan, ResultNode, ValueStatus

from .conftest import PlanWorld

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(plan_world: PlanWorld) -> PlanWorld:
    IndicatorValue.objects.filter(pk=plan_world.submitted_value.pk).update(status=ValueStatus.APPROVED)
    return plan_world


def test_the_api_refuses_to_delete_a_plan_with_approved_values_and_says_why(api_as: Any, approved: PlanWorld):
    response = api_as("chair").delete(f"/plans/{approved.plan.slug}")
    assert response.status_code == 400
    assert "2 approved values" in response.json()["detail"] and "Closed" in response.json()["detail"]
    assert Plan.objects.filter(pk=approved.plan.pk).exists()


def test_the_api_refuses_to_delete_an_indicator_or_result_holding_approved_values(
    api_as: Any, approved: PlanWorld
):
    chair = api_as("chair")
    assert chair.delete(f"/indicators/{approved.indicator.pk}").status_code == 400
    assert chair.delete(f"/nodes/{approved.goal.pk}").status_code == 400
    assert Indicator.objects.filter(pk=approved.indicator.pk).exists()
    assert ResultNode.objects.filter(pk=approved.goal.pk).exists()
    assert IndicatorValue.objects.filter(pk=approved.submitted_value.pk).exists()


def test_the_pages_refuse_with_a_message_instead_of_an_error(
    client_for: Any, world: Any, approved: PlanWorld
):
    chair = client_for(world.chair)
    slug = approved.plan.slug
    response = chair.post(f"/plans/{slug}/indicators/{approved.indicator.pk}/delete/", follow=True)
    assert response.status_code == 200
    assert "approved values" in response.content.decode()
    response = chair.post(f"/plans/{slug}/results/{approved.goal.pk}/delete/", follow=True)
    assert "approved values" in response.content.decode()
    assert Indicator.objects.filter(pk=approved.indicator.pk).exists()


def test_a_plan_without_approved_values_can_still_be_deleted(api_as: Any, plan_world: PlanWorld):
    IndicatorValue.objects.filter(status=ValueStatus.APPROVED).delete()
    assert api_as("chair").delete(f"/plans/{plan_world.plan.slug}").status_code == 204
