"""Plan pages: what readers see, forms that refuse bad input, CSV downloads, conflicts, and fixed query counts."""

from __future__ import annotations

import csv
import io
import re

import pytest

from alliance87.core.tests.helpers import assert_queries_do_not_grow
from alliance87.plans.models import IndicatorValue, Plan, ResultNode, ValueStatus
from alliance87.plans.tests.factories import make_framework, make_indicator, make_node, make_period, make_plan

pytestmark = pytest.mark.django_db


def page_text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def field_error(response, field: str) -> bool:
    return f'id="id_{field}_error"' in response.content.decode()


def read_csv(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.fixture
def plan(world):
    return make_plan(owner_body=world.supply_chains, slug="sc", title="Supply chains plan")


# --- reading -----------------------------------------------------------------------------------------------


def test_the_plan_list_and_the_nav_link_to_plans(world, client, plan):
    response = client.get("/plans/")
    assert "Supply chains plan" in page_text(response)
    assert 'href="/plans/"' in client.get("/").content.decode()


def test_the_logframe_shows_tiers_indicators_figures_verdict_and_source(world, client, plan):
    goal = make_node(plan, code="1", title="Fewer children in child labour")
    outcome = make_node(plan, parent=goal, code="1.1", title="Suppliers screened")
    indicator = make_indicator(outcome, title="Suppliers screened", caveats="Self-reported")
    make_period(indicator, 2022, value=121)
    outcome.responsible_organisations.add(world.ilo)

    text = page_text(client.get("/plans/sc/"))

    assert "Goal 1 Fewer children in child labour" in text
    assert "Outcome 1.1 Suppliers screened" in text
    assert "Baseline: 100 (2020); Target: 200 (2030); Latest: 121 (2022)" in text
    assert "On track" in text
    assert "Source: National survey" in text and "Caveats: Self-reported" in text
    assert "ILO" in text


def test_the_indicator_page_shows_the_method_numbers_chart_and_table(world, client, plan):
    indicator = make_indicator(make_node(plan))
    make_period(indicator, 2022, value=121, target=120)

    response = client.get(f"/plans/sc/indicators/{indicator.pk}/")
    html = response.content.decode()
    text = page_text(response)

    assert "Open SDG progress measure with a target" in text
    assert "Base 100 (2020)" in text and "Latest approved 121 (2022)" in text
    assert "Met In 2022 the value, 121, met that period’s target of 120." in text
    assert "+10.00%" in text and "+7.18%" in text
    assert 'role="img"' in html and "<title id=" in html and "<desc id=" in html
    assert '<th scope="row">1 Jan\u2009–\u200931 Dec 2022</th>' in html
    assert f"/plans/sc/indicators/{indicator.pk}/data.csv" in html
    assert "History of reported values" not in text  # only reporters see the history


def test_the_indicator_csv_parses_and_holds_baseline_periods_and_target(world, client, plan):
    indicator = make_indicator(make_node(plan))
    make_period(indicator, 2021, value=110, target=105)
    make_period(indicator, 2022, value=999, status=ValueStatus.SUBMITTED)

    rows = read_csv(client.get(f"/plans/sc/indicators/{indicator.pk}/data.csv"))

    assert rows[0][:6] == ["row", "year", "period_start", "period_end", "target", "approved_value"]
    assert rows[1][:2] == ["baseline", "2020"]
    assert rows[2][1] == "2021" and rows[2][4] == "105.0000" and rows[2][5] == "110.0000"
    assert rows[3][5] == ""  # a submitted value is not published
    assert rows[-1][:2] == ["final_target", "2030"]


def test_the_logframe_csv_parses_with_a_row_per_indicator(world, client, plan):
    make_framework(plan, 2)
    rows = read_csv(client.get("/plans/sc/logframe.csv"))
    assert rows[0][0] == "Tier"
    assert len(rows) == 1 + 4  # two goals without indicators, two outcomes with one each
    assert {row[0] for row in rows[1:]} == {"Goal", "Outcome"}


def test_body_and_country_pages_list_their_plans(world, client, plan):
    make_plan(owner_country=world.fiji, title="Fiji national action plan")
    assert "Supply chains plan" in page_text(client.get("/bodies/supply-chains/"))
    assert "Fiji national action plan" in page_text(client.get("/countries/fj/"))


@pytest.mark.parametrize(
    "path",
    [
        "/plans/nope/",
        "/plans/nope/edit/",
        "/plans/nope/budget/",
        "/plans/nope/logframe.csv",
        "/plans/sc/indicators/999999/",
        "/plans/sc/indicators/999999/data.csv",
        "/plans/sc/indicators/999999/edit/",
        "/plans/sc/results/999999/edit/",
        "/plans/sc/results/999999/move/",
        "/plans/sc/periods/999999/report/",
        "/plans/sc/budget/999999/edit/",
    ],
)
def test_unknown_plans_and_ids_are_not_found(world, client_for, plan, path):
    assert client_for(world.secretariat).get(path).status_code == 404


def test_an_indicator_of_another_plan_is_not_found_under_this_one(world, client_for, plan):
    other = make_indicator(make_node(make_plan(owner_body=world.supply_chains)))
    assert client_for(world.chair).get(f"/plans/sc/indicators/{other.pk}/").status_code == 404


def test_reviewing_an_unknown_value_is_not_found(world, client_for):
    client = client_for(world.secretariat)
    assert client.post("/plans/values/999999/approve/").status_code == 404
    assert client.post("/plans/values/999999/return/", {"comment": "x"}).status_code == 404


# --- writing -----------------------------------------------------------------------------------------------


def test_a_chair_creates_a_plan_from_the_form(world, client_for):
    response = client_for(world.chair).post(
        "/plans/new/",
        {
            "title": "New plan",
            "owner_body": world.supply_chains.pk,
            "period_start": "2025-01-01",
            "period_end": "2028-12-31",
            "status": "draft",
            "currency": "usd",
            "tier_names": "Goal, Outcome, Output",
        },
    )
    plan = Plan.objects.get(title="New plan")
    assert response.status_code == 302 and response["Location"] == "/plans/new-plan/"
    assert plan.tier_names == ["Goal", "Outcome", "Output"] and plan.currency == "USD"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": ""}, "title"),
        ({"currency": "ZZZ"}, "currency"),
        ({"period_end": "2024-01-01"}, "period_end"),
    ],
)
def test_bad_plan_input_shows_field_errors(world, client_for, changes, field):
    data = {
        "title": "A plan",
        "owner_body": world.supply_chains.pk,
        "period_start": "2025-01-01",
        "period_end": "2026-01-01",
        "status": "draft",
        "currency": "USD",
        "tier_names": "Goal",
    }
    response = client_for(world.secretariat).post("/plans/new/", {**data, **changes})
    assert response.status_code == 200
    assert field_error(response, field)
    assert not Plan.objects.exists()


def test_bad_indicator_input_shows_field_errors(world, client_for, plan):
    node = make_node(plan)
    response = client_for(world.chair).post(
        f"/plans/sc/results/{node.pk}/indicators/new/",
        {
            "title": "X",
            "kind": "result",
            "measure": "number",
            "direction": "increase",
            "period_rule": "latest",
            "target_value": "5",
        },
    )
    assert response.status_code == 200
    assert field_error(response, "target_year")


def test_moving_a_result_under_its_child_shows_an_error(world, client_for, plan):
    goal = make_node(plan)
    child = make_node(plan, parent=goal)
    response = client_for(world.chair).post(
        f"/plans/sc/results/{goal.pk}/move/", {"parent": child.pk, "position": 1}
    )
    assert response.status_code == 200
    assert field_error(response, "parent")
    goal.refresh_from_db()
    assert goal.parent_id is None


def test_the_up_button_reorders_results(world, client_for, plan):
    first, second = make_node(plan), make_node(plan)
    client_for(world.chair).post(f"/plans/sc/results/{second.pk}/move/", {"direction": "up"})
    assert list(ResultNode.objects.order_by("position").values_list("pk", flat=True)) == [second.pk, first.pk]


def test_a_reporter_submits_a_value_and_the_chair_approves_it(world, client_for, plan):
    plan.responsible_organisations.add(world.ngo)
    indicator = make_indicator(make_node(plan))
    period = make_period(indicator, 2022)

    response = client_for(world.member).post(
        f"/plans/sc/periods/{period.pk}/report/", {"version": 0, "value": "121", "source": "Audit"}
    )
    assert response.status_code == 302
    value = IndicatorValue.objects.get()
    assert value.status == ValueStatus.SUBMITTED

    chair = client_for(world.chair)
    assert "121" in page_text(chair.get("/plans/review/"))
    chair.post(f"/plans/values/{value.pk}/approve/", {"version": value.version})
    value.refresh_from_db()
    assert value.status == ValueStatus.APPROVED
    text = page_text(chair.get(f"/plans/sc/indicators/{indicator.pk}/"))
    assert "History of reported values" in text and "Approved" in text


def test_returning_without_a_comment_is_refused_with_a_message(world, client_for, plan):
    indicator = make_indicator(make_node(plan))
    value = make_period(indicator, 2022, value=5, status=ValueStatus.SUBMITTED).actual
    response = client_for(world.chair).post(f"/plans/values/{value.pk}/return/", {"comment": ""}, follow=True)
    assert "Tell the reporters what to revise." in page_text(response)
    value.refresh_from_db()
    assert value.status == ValueStatus.SUBMITTED


def test_a_concurrent_change_is_shown_on_the_reporting_page_and_not_overwritten(world, client_for, plan):
    indicator = make_indicator(make_node(plan))
    period = make_period(indicator, 2022)
    client = client_for(world.chair)
    client.post(f"/plans/sc/periods/{period.pk}/report/", {"version": 0, "value": "100"})

    response = client.post(f"/plans/sc/periods/{period.pk}/report/", {"version": 0, "value": "200"})

    assert response.status_code == 200
    assert f"This value was changed by {world.chair.display_name} at" in page_text(response)
    assert IndicatorValue.objects.get().value == 100


def test_bad_value_input_shows_a_field_error(world, client_for, plan):
    indicator = make_indicator(make_node(plan))
    period = make_period(indicator, 2022)
    response = client_for(world.chair).post(
        f"/plans/sc/periods/{period.pk}/report/", {"version": 0, "value": ""}
    )
    assert response.status_code == 200
    assert field_error(response, "value")
    assert not IndicatorValue.objects.exists()


def test_the_budget_page_shows_totals_and_the_funding_gap(world, client_for, plan):
    client = client_for(world.chair)
    response = client.post(
        "/plans/sc/budget/new/",
        {"year": 2025, "planned": "100", "committed": "30", "spent": "0", "funding_source": "other"},
    )
    assert response.status_code == 302
    text = page_text(client.get("/plans/sc/budget/"))
    assert "Total 100 30 0 70" in text

    response = client.post(
        "/plans/sc/budget/new/",
        {"year": 2025, "planned": "-1", "committed": "0", "spent": "0", "funding_source": "other"},
    )
    assert response.status_code == 200 and field_error(response, "planned")


# --- query counts ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["anonymous", "chair", "secretariat"])
def test_the_plan_list_does_not_grow_with_its_plans(world, client_for, django_assert_num_queries, role):
    client = client_for(None if role == "anonymous" else getattr(world, role))

    def add_rows(n: int) -> None:
        for _ in range(n):
            plan = make_plan(owner_body=world.supply_chains)
            plan.responsible_organisations.add(world.ilo, world.ngo)
            make_plan(owner_country=world.fiji)

    assert_queries_do_not_grow(
        django_assert_num_queries, add_rows=add_rows, load=lambda: client.get("/plans/")
    )


def test_the_plan_list_shows_25_plans_a_page(world, client):
    for i in range(30):
        make_plan(owner_body=world.supply_chains, title=f"Paged plan {i:02d}")

    first = client.get("/plans/").content.decode()
    second = client.get("/plans/?page=2").content.decode()

    assert "Paged plan 00" in first and "Paged plan 24" in first and "Paged plan 25" not in first
    assert "Page 1 of 2" in first and "Paged plan 29" in second and "Paged plan 24" not in second


@pytest.mark.parametrize("role", ["anonymous", "chair"])
def test_the_plan_page_does_not_grow_with_its_results_and_indicators(
    world, client_for, django_assert_num_queries, plan, role
):
    client = client_for(None if role == "anonymous" else getattr(world, role))

    def add_rows(n: int) -> None:
        make_framework(plan, n)
        for node in ResultNode.objects.filter(plan=plan):
            node.responsible_organisations.add(world.ilo)

    assert_queries_do_not_grow(
        django_assert_num_queries, add_rows=add_rows, load=lambda: client.get("/plans/sc/")
    )
