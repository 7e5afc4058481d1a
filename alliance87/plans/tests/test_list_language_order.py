"""The plans list in each reader's language order: by the title they read, along an index for their language."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from alliance87.plans import selectors
from alliance87.plans.tests.factories import make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans(world):
    """Three plans of one period whose English and French orders differ; one has no French title."""
    return [
        make_plan(
            owner_body=world.supply_chains, title="Action plan on supply chains", title_fr="Plan d’action"
        ),
        make_plan(owner_body=world.supply_chains, title="Migrant workers plan"),
        make_plan(
            owner_body=world.supply_chains, title="Zero tolerance plan", title_fr="Campagne tolérance zéro"
        ),
    ]


def _listed(page: str, titles: list[str]) -> list[str]:
    found = {title: page.find(f">{title}<") for title in titles}
    assert all(at >= 0 for at in found.values()), found
    return sorted(titles, key=found.__getitem__)


def test_an_english_reader_sees_plans_in_english_order(plans, client):
    page = client.get("/plans/").content.decode()

    assert _listed(page, ["Action plan on supply chains", "Migrant workers plan", "Zero tolerance plan"]) == [
        "Action plan on supply chains",
        "Migrant workers plan",
        "Zero tolerance plan",
    ]


def test_a_french_reader_sees_plans_in_french_order_untranslated_ones_by_their_english_title(plans, client):
    page = client.get("/fr/plans/").content.decode()

    assert _listed(page, ["Plan d’action", "Migrant workers plan", "Campagne tolérance zéro"]) == [
        "Campagne tolérance zéro",
        "Migrant workers plan",
        "Plan d’action",
    ]


def test_a_spanish_reader_without_spanish_titles_sees_the_english_order(plans, client):
    page = client.get("/es/plans/").content.decode()

    assert _listed(page, ["Action plan on supply chains", "Migrant workers plan", "Zero tolerance plan"]) == [
        "Action plan on supply chains",
        "Migrant workers plan",
        "Zero tolerance plan",
    ]


def test_an_empty_french_title_falls_back_to_the_english_one(plans, client):
    plans[2].title_fr = ""
    plans[2].save()
    page = client.get("/fr/plans/").content.decode()

    assert _listed(page, ["Plan d’action", "Migrant workers plan", "Zero tolerance plan"]) == [
        "Migrant workers plan",
        "Plan d’action",
        "Zero tolerance plan",
    ]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the query plan read is SQLite's")
@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_each_language_reads_a_page_of_plans_along_its_index_without_sorting_them_all(plans, language):
    """A page walks the index of the reader's order: no temporary B-tree sorting every visible plan."""
    with translation.override(language), CaptureQueriesContext(connection) as queries:
        list(selectors.in_reading_order(selectors.plan_list(AnonymousUser()))[:25])
    sql = next(q["sql"] for q in queries.captured_queries if re.search(r'FROM "plans_plan"', q["sql"]))
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        steps = [row[-1] for row in cursor.fetchall()]

    index = "plans_plan_list_order_idx" if language == "en" else f"plans_plan_list_order_{language}_idx"
    assert any(index in step for step in steps), steps
    assert not any("TEMP B-TREE FOR ORDER BY" in step for step in steps), steps
