"""The default names of a results framework's tiers read in the reader's language; a plan's own names as given."""

from __future__ import annotations

from django.utils import translation

from alliance87.plans.models import DEFAULT_TIER_NAMES, Plan


def test_default_tiers_read_in_the_readers_language() -> None:
    plan = Plan(tier_names=list(DEFAULT_TIER_NAMES))

    with translation.override("fr"):
        french = plan.shown_tier_names
    with translation.override("es"):
        spanish = plan.tier_name(1)

    assert french == ["Objectif", "Effet", "Produit", "Activité"]
    assert spanish == "Efecto"
    assert plan.tier_name(3) == "Activity"


def test_tiers_a_plan_names_itself_stay_as_written() -> None:
    plan = Plan(tier_names=["Pilier", "Résultat attendu"])

    with translation.override("es"):
        assert plan.shown_tier_names == ["Pilier", "Résultat attendu"]
        assert plan.tier_name(5) == "Résultat attendu"
