"""French and Spanish texts of plans, results and indicators: entered on their forms, through the API and by IATI
files, read back in the reader's language with the original marked where none was given."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from alliance87.plans.interchange.iati.exporting import build_activities
from alliance87.plans.interchange.iati.importing import import_results
from alliance87.plans.models import Indicator, Plan, ResultNode
from alliance87.plans.tests.factories import make_indicator, make_node, make_plan
from conftest import TranslationDoor
from tests.api import field_names

pytestmark = pytest.mark.django_db

PLAN_FORM = {
    "title": "Supply chains plan",
    "description": "Due diligence in supply chains.",
    "period_start": "2025-01-01",
    "period_end": "2028-12-31",
    "status": "adopted",
    "currency": "USD",
    "tier_names": "Pillar, Outcome, Output",
}


@pytest.fixture
def plan(world: Any) -> Plan:
    return make_plan(
        owner_body=world.supply_chains,
        slug="sc",
        title="Supply chains plan",
        tier_names=["Pillar", "Outcome"],
    )


def test_the_plan_form_offers_french_and_spanish_fieldsets(
    translation_door: TranslationDoor, plan: Plan
) -> None:
    page = translation_door.form("/plans/sc/edit/")
    for name in (
        "title_fr",
        "description_fr",
        "tier_names_fr",
        "title_es",
        "description_es",
        "tier_names_es",
    ):
        assert f'name="{name}"' in page
    assert "Title (French)" in page and "Tier names (Spanish)" in page


def test_a_chair_enters_translations_on_the_plan_form_and_each_reader_sees_their_language(
    world: Any, translation_door: TranslationDoor
) -> None:
    client = translation_door.client
    response = client.post(
        "/plans/new/",
        {
            **PLAN_FORM,
            "owner_body": world.supply_chains.pk,
            "title_fr": "Plan chaînes d’approvisionnement",
            "tier_names_fr": "Pilier, Effet, Produit",
            "title_es": "Plan de cadenas de suministro",
        },
    )
    assert response.status_code == 302
    plan = Plan.objects.get(slug="supply-chains-plan")
    assert (plan.title_en, plan.title_fr, plan.title_es) == (  # type: ignore[attr-defined]
        "Supply chains plan",
        "Plan chaînes d’approvisionnement",
        "Plan de cadenas de suministro",
    )
    french = client.get("/fr/plans/supply-chains-plan/").content.decode()
    assert "<h1>Plan chaînes d’approvisionnement</h1>" in french
    assert "Pilier → Effet → Produit" in french
    spanish = client.get("/es/plans/supply-chains-plan/").content.decode()
    assert "Plan de cadenas de suministro" in spanish
    # No Spanish tier names: the default ones in Spanish, the plan's own as written.
    assert "Pillar → Efecto → Producto" in spanish
    english = client.get("/plans/supply-chains-plan/").content.decode()
    assert "<h1>Supply chains plan</h1>" in english and "Pillar → Outcome → Output" in english


def test_saving_on_a_french_page_keeps_the_english_original(
    world: Any, translation_door: TranslationDoor, plan: Plan
) -> None:
    Plan.objects.filter(pk=plan.pk).update(title_fr="Plan chaînes")
    client = translation_door.client
    form = client.get("/fr/plans/sc/edit/").content.decode()
    assert 'name="title" value="Supply chains plan"' in form  # the original field edits the original
    response = client.post(
        "/fr/plans/sc/edit/",
        {
            **PLAN_FORM,
            "tier_names": "Pillar, Outcome",
            "owner_body": world.supply_chains.pk,
            "title_fr": "Plan",
        },
    )
    assert response.status_code == 302
    saved = Plan.objects.get(pk=plan.pk)
    assert (saved.title_en, saved.title_fr) == ("Supply chains plan", "Plan")  # type: ignore[attr-defined]


def test_a_tier_translation_needs_one_name_per_tier(
    world: Any, translation_door: TranslationDoor, plan: Plan
) -> None:
    response = translation_door.client.post(
        "/plans/sc/edit/",
        {
            **PLAN_FORM,
            "tier_names": "Pillar, Outcome",
            "owner_body": world.supply_chains.pk,
            "tier_names_fr": "Pilier",
        },
    )
    assert response.status_code == 200
    assert 'id="id_tier_names_fr_error"' in response.content.decode()
    assert Plan.objects.get(pk=plan.pk).tier_names_fr == []


def test_result_and_indicator_forms_take_translations(translation_door: TranslationDoor, plan: Plan) -> None:
    client = translation_door.client
    page = client.get("/plans/sc/results/new/").content.decode()
    assert 'name="title_fr"' in page and 'name="title_es"' in page
    client.post(
        "/plans/sc/results/new/",
        {
            "title": "Companies respect rights",
            "status": "not_started",
            "title_fr": "Les entreprises respectent",
        },
    )
    node = ResultNode.objects.get(plan=plan)
    assert node.title_fr == "Les entreprises respectent"  # type: ignore[attr-defined]
    response = client.post(
        f"/plans/sc/results/{node.pk}/indicators/new/",
        {
            "title": "Companies with policies",
            "description": "Share of companies with a due diligence policy.",
            "kind": "result",
            "measure": "number",
            "direction": "increase",
            "period_rule": "latest",
            "title_es": "Empresas con políticas",
            "description_es": "Proporción de empresas con una política de diligencia debida.",
        },
    )
    assert response.status_code == 302, response.content.decode()
    indicator = Indicator.objects.get(node=node)
    spanish = client.get(f"/es/plans/sc/indicators/{indicator.pk}/").content.decode()
    assert "Empresas con políticas" in spanish
    assert "Proporción de empresas con una política de diligencia debida." in spanish
    french = client.get(f"/fr/plans/sc/indicators/{indicator.pk}/").content.decode()
    # No French: the English original, marked as such.
    assert '<span lang="en">Companies with policies</span>' in french
    assert '<div class="prose" lang="en">' in french and "en anglais" in french


# --- the API ------------------------------------------------------------------------------------------------


def test_the_api_takes_translations_as_it_gives_them(translation_door: TranslationDoor) -> None:
    chair = translation_door.api
    created = chair.post(
        "/plans",
        {
            "title": "Supply chains plan",
            "owner_body": "supply-chains",
            "period_start": "2025-01-01",
            "period_end": "2028-12-31",
            "tier_names": ["Pillar", "Outcome"],
            "translations": {"fr": {"title": "Plan chaînes", "tier_names": ["Pilier", "Effet"]}},
        },
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["translations"] == {"fr": {"title": "Plan chaînes"}}
    assert body["tier_name_translations"] == {"fr": ["Pilier", "Effet"]}
    chair.headers["Accept-Language"] = "fr"
    french = chair.get(f"/plans/{body['slug']}").json()
    assert french["title"] == "Plan chaînes" and french["tier_names"] == ["Pilier", "Effet"]
    assert french["untranslated"] == ["description"] or french["untranslated"] == []
    assert french["tier_names_original"] == ["Pillar", "Outcome"]

    # A French caller's change of the status leaves the English original and the translation as they were.
    changed = chair.patch(f"/plans/{body['slug']}", {"status": "adopted"})
    assert changed.status_code == 200, changed.content
    plan = Plan.objects.get(slug=body["slug"])
    assert (plan.title_en, plan.title_fr) == ("Supply chains plan", "Plan chaînes")  # type: ignore[attr-defined]

    cleared = chair.patch(
        f"/plans/{body['slug']}", {"translations": {"fr": {"title": None}, "es": {"title": "Plan"}}}
    )
    assert cleared.status_code == 200
    assert cleared.json()["translations"] == {"es": {"title": "Plan"}}
    assert cleared.json()["title"] == "Supply chains plan" and "title" in cleared.json()["untranslated"]


@pytest.mark.parametrize(
    "translations",
    [
        {"de": {"title": "Plan"}},
        {"fr": {"currency": "EUR"}},
        {"fr": {"title": ["Plan"]}},
        {"fr": {"tier_names": "Pilier"}},
    ],
)
def test_translations_the_api_cannot_take_are_refused_by_name(
    translation_door: TranslationDoor, plan: Plan, translations
):
    response = translation_door.api.patch("/plans/sc", {"translations": translations})
    assert response.status_code == 400, response.content
    assert field_names(response) == {"translations"}


def test_a_tier_translation_of_the_wrong_length_is_refused_by_the_api(
    translation_door: TranslationDoor, plan: Plan
):
    response = translation_door.api.patch("/plans/sc", {"translations": {"es": {"tier_names": ["Pilar"]}}})
    assert response.status_code == 400
    assert field_names(response) == {"tier_names_es"}


def test_results_and_indicators_take_translations_through_the_api(
    translation_door: TranslationDoor, plan: Plan
) -> None:
    chair = translation_door.api
    node = chair.post(
        "/plans/sc/nodes", {"title": "Rights respected", "translations": {"fr": {"title": "Droits"}}}
    )
    assert node.status_code == 201, node.content
    assert node.json()["translations"] == {"fr": {"title": "Droits"}}
    indicator = chair.post(
        f"/nodes/{node.json()['id']}/indicators",
        {"title": "Policies", "translations": {"es": {"title": "Políticas", "description": "Definición"}}},
    )
    assert indicator.status_code == 201, indicator.content
    assert indicator.json()["translations"] == {"es": {"title": "Políticas", "description": "Definición"}}
    chair.headers["Accept-Language"] = "fr"
    patched = chair.patch(f"/indicators/{indicator.json()['id']}", {"unit": "companies"})
    assert patched.status_code == 200
    saved = Indicator.objects.get(pk=indicator.json()["id"])
    assert (saved.title_en, saved.title_es) == ("Policies", "Políticas")  # type: ignore[attr-defined]
    node_change = chair.patch(
        f"/nodes/{node.json()['id']}", {"translations": {"fr": {"title": "Droits respectés"}}}
    )
    assert node_change.json()["title"] == "Droits respectés"
    assert ResultNode.objects.get(pk=node.json()["id"]).title_en == "Rights respected"  # type: ignore[attr-defined]


# --- IATI ---------------------------------------------------------------------------------------------------


def test_iati_files_carry_translations_as_narratives_in_their_language(world: Any, plan: Plan) -> None:
    node = make_node(plan, title="Rights respected")
    indicator = make_indicator(node, title="Policies")
    ResultNode.objects.filter(pk=node.pk).update(title_fr="Droits respectés")
    Indicator.objects.filter(pk=indicator.pk).update(title_es="Políticas")
    Plan.objects.filter(pk=plan.pk).update(title_fr="Plan chaînes")
    with translation.override("fr"):
        root = build_activities(Plan.objects.get(pk=plan.pk))
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    title = root.find("iati-activity/title")
    assert [(n.get(lang), n.text) for n in title.findall("narrative")] == [
        (None, "Supply chains plan"),
        ("fr", "Plan chaînes"),
    ]
    result_title = root.find("iati-activity/result/title")
    assert [(n.get(lang), n.text) for n in result_title.findall("narrative")] == [
        (None, "Rights respected"),
        ("fr", "Droits respectés"),
    ]

    from lxml import etree

    other = make_plan(owner_body=world.supply_chains, slug="copy", title="Copy")
    import_results(plan=other, xml_bytes=etree.tostring(root), by=world.chair)
    copied = ResultNode.objects.get(plan=other, title="Rights respected")
    assert copied.title_fr == "Droits respectés"  # type: ignore[attr-defined]
    assert Indicator.objects.get(node=copied).title_es == "Políticas"  # type: ignore[attr-defined]
