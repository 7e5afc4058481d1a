"""The demo's Pathfinder path: only illustrative countries have steps, each flagged, with the seed's guidance."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from alliance87.countries.models import PathStep

pytestmark = pytest.mark.django_db


def test_demo_steps_are_illustrative_and_load_once(client):
    call_command("load_demo")
    call_command("load_demo")

    steps = PathStep.objects.all()
    assert steps.count() == 4
    assert all(step.is_illustrative and step.is_demo for step in steps)
    assert {step.pathfinder.code for step in steps} == {"NP", "PE"}
    assert all(step.pathfinder.is_illustrative for step in steps)
    guidance = PathStep.objects.get(pathfinder__country="NP", kind="gcg_acceptance").documents.get()
    assert guidance.title == "Pathfinder Country Guidance note"
    assert "Source: Alliance 8.7: description of the initiative" in guidance.abstract

    page = client.get("/countries/np/").content.decode()
    assert "Illustrative demo step" in page
    assert "Pathfinder Country Guidance note" in page
