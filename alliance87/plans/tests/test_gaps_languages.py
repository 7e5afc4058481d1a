"""The gap report in the reader's language: translated titles and tier names, the original marked, same queries."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from alliance87.plans.gaps import plan_gap_report
from alliance87.plans.models import Indicator, Plan, ResultNode
from alliance87.plans.tests.factories import make_indicator, make_node, make_plan

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 30)


@pytest.fixture
def plan(world) -> Plan:
    plan = make_plan(owner_body=world.supply_chains, slug="sc", title="Supply chains plan")
    Plan.objects.filter(pk=plan.pk).update(
        title_fr="Plan chaînes d’approvisionnement", tier_names_fr=["But", "Résultat", "Extrant", "Tâche"]
    )
    goal = make_node(plan, code="G", title="Rights respected")
    ResultNode.objects.filter(pk=goal.pk).update(title_fr="Droits respectés")
    translated = make_indicator(goal, code="I1", title="Companies with policies", baseline_value=None)
    Indicator.objects.filter(pk=translated.pk).update(title_fr="Entreprises dotées de politiques")
    make_indicator(goal, code="I2", title="Workers reached", target_value=None)
    return plan


def test_the_report_reads_titles_and_tiers_in_the_readers_language(plan: Plan) -> None:
    with translation.override("fr"):
        report = plan_gap_report(plan, today=TODAY)
    assert [p.title for p in report.plans] == ["Plan chaînes d’approvisionnement"]
    missing = {row.indicator.code: row.indicator for row in report.no_baseline + report.no_target}
    assert missing["I1"].title == "Entreprises dotées de politiques" and missing["I1"].title_language == ""
    assert missing["I2"].title == "Workers reached" and missing["I2"].title_language == "en"
    assert missing["I1"].result.title == "Droits respectés" and missing["I1"].result.tier == "But"
    with translation.override("en"):
        english = plan_gap_report(plan, today=TODAY)
    assert [p.title for p in english.plans] == ["Supply chains plan"]
    assert {row.indicator.title for row in english.no_baseline} == {"Companies with policies"}
    assert english.no_baseline[0].indicator.title_language == ""


def test_the_french_report_page_marks_untranslated_titles(plan: Plan, client) -> None:
    page = client.get("/fr/plans/gaps/").content.decode()
    assert "Entreprises dotées de politiques" in page
    assert '<span lang="en">Workers reached</span> <span class="badge badge-lang" lang="fr">' in page
    assert "Plan chaînes d’approvisionnement" in page


def test_reading_the_readers_language_adds_no_query(plan: Plan) -> None:
    counts = {}
    for language in ("en", "fr"):
        with translation.override(language), CaptureQueriesContext(connection) as queries:
            plan_gap_report(plan, today=TODAY)
        counts[language] = len(queries.captured_queries)
    assert counts["fr"] == counts["en"]
