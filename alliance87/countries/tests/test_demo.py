"""The demo's Pathfinder path: every step cites a source or is illustrative, and each status is read from it."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from alliance87.countries.models import PathfinderCountry, PathStep

pytestmark = pytest.mark.django_db


def test_demo_steps_are_sourced_or_illustrative_and_load_once(client):
    call_command("load_demo")
    call_command("load_demo")

    steps = PathStep.objects.select_related("pathfinder")
    assert all(step.is_demo for step in steps)
    assert all(step.source or (step.is_illustrative and step.pathfinder.is_illustrative) for step in steps)
    assert PathStep.objects.filter(pathfinder__country="FJ", kind="consultation", skip_reason="").count() == 1
    statuses = dict(PathfinderCountry.objects.values_list("country", "status"))
    assert statuses == {
        "FJ": "pathfinder",
        "MG": "pathfinder",
        "CI": "pathfinder",
        "NP": "preparing",
        "PE": "expressed_interest",
    }
    guidance = PathStep.objects.get(pathfinder__country="NP", kind="gcg_acceptance").documents.get()
    assert guidance.title == "Pathfinder Country Guidance note"
    assert "Source: Alliance 8.7: description of the initiative" in guidance.abstract

    page = client.get("/countries/np/").content.decode()
    assert "Illustrative demo step" in page
    assert "Pathfinder Country Guidance note" in page
    fiji = client.get("/countries/fj/").content.decode()
    assert "gives no year for it" in fiji
