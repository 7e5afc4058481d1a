"""Migration 0007: each country keeps its status, now backed by the step it stood for."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from alliance87.countries.models import PathfinderCountry, PathStep


@pytest.mark.django_db(transaction=True)
def test_each_status_becomes_the_step_it_stood_for():
    before = [("countries", "0006_path_step_history_and_derived_status")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    Country = old.get_model("countries", "PathfinderCountry")
    Country.objects.create(
        country="FJ", status="pathfinder", source="A public page", pathfinder_since=datetime.date(2019, 5, 2)
    )
    Country.objects.create(country="NP", status="preparing", is_illustrative=True)
    Country.objects.create(country="KE", status="expressed_interest")

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    statuses = dict(PathfinderCountry.objects.values_list("country", "status"))
    assert statuses == {"FJ": "pathfinder", "NP": "preparing", "KE": "expressed_interest"}
    workshop = PathStep.objects.get(pathfinder__country="FJ", kind="consultation")
    assert (workshop.date, workshop.source, workshop.skip_reason) == (
        datetime.date(2019, 5, 2),
        "A public page",
        "",
    )
    passed = PathStep.objects.filter(pathfinder__country="FJ").exclude(kind="consultation")
    assert passed.count() == 3 and all(step.skip_reason for step in passed)
    assert PathStep.objects.get(pathfinder__country="NP", kind="gcg_acceptance").is_illustrative
    assert PathStep.objects.filter(pathfinder__country="KE").get().kind == "expression_of_interest"
    assert PathfinderCountry.objects.get(country="FJ").pathfinder_since == datetime.date(2019, 5, 2)
