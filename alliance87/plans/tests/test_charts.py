"""A plan's charts: verdicts per progress category and budget execution, their geometry, pages and CSV downloads."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest

from alliance87.core.csv_export import safe_cell
from alliance87.core.tests.helpers import assert_queries_do_not_grow
from alliance87.plans import charts, selectors
from alliance87.plans.models import BudgetLine, PlanStatus
from alliance87.plans.tests.factories import make_framework, make_indicator, make_node, make_period, make_plan


def read_csv(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


# --- geometry ----------------------------------------------------------------------------------------------


def test_verdict_bars_are_proportional_to_the_counts_and_keep_the_order():
    chart = charts.verdict_chart([("a", "A", 4), ("b", "B", 2), ("c", "C", 0), ("d", "D", 1)])

    widths = [bar.width for bar in chart.bars]
    span = chart.plot_right - chart.plot_left
    assert widths == [span, span / 2, 0, span / 4]
    assert [bar.key for bar in chart.bars] == ["a", "b", "c", "d"]
    assert all(bar.x == chart.plot_left for bar in chart.bars)
    assert len({bar.y for bar in chart.bars}) == 4
    assert chart.total == 7 and not chart.is_empty
    assert all(bar.y + bar.height <= chart.height for bar in chart.bars)


def test_a_verdict_chart_without_indicators_is_empty_and_draws_no_bar_length():
    chart = charts.verdict_chart([("a", "A", 0), ("b", "B", 0)])
    assert chart.is_empty
    assert [bar.width for bar in chart.bars] == [0, 0]
    assert charts.verdict_chart([]).is_empty


def test_budget_bars_are_proportional_and_grouped_by_year():
    chart = charts.budget_chart(
        [
            ("2024", Decimal(100), Decimal(50), Decimal(0)),
            ("2025", Decimal(200), Decimal(200), Decimal(25)),
            ("Total", Decimal(300), Decimal(250), Decimal(25)),
        ]
    )
    assert [group.label for group in chart.groups] == ["2024", "2025", "Total"]
    bars = {(group.label, bar.key): bar for group in chart.groups for bar in group.bars}
    assert [bar.key for bar in chart.groups[0].bars] == ["planned", "committed", "spent"]
    unit = bars["Total", "planned"].height / 300
    for (_label, _key), bar in bars.items():
        assert bar.height == pytest.approx(bar.value * unit, abs=0.2)
        assert bar.y + bar.height == pytest.approx(chart.plot_bottom, abs=0.2)
    assert bars["2024", "spent"].height == 0
    # Groups do not overlap, and stay inside the plot.
    assert all(
        left.bars[-1].x + left.bars[-1].width <= right.bars[0].x
        for left, right in zip(chart.groups, chart.groups[1:], strict=False)
    )
    assert chart.groups[0].bars[0].x >= chart.plot_left
    assert chart.groups[-1].bars[-1].end <= chart.plot_right
    # The highest amount fits under the top tick, which starts at zero.
    assert chart.y_ticks[0] == (chart.plot_bottom, "0")
    assert chart.y_ticks[-1][0] <= bars["Total", "planned"].y


def test_a_budget_chart_without_lines_or_money_is_handled():
    assert charts.budget_chart([]).is_empty
    chart = charts.budget_chart([("2024", Decimal(0), Decimal(0), Decimal(0))])
    assert not chart.is_empty
    assert all(bar.height == 0 for bar in chart.groups[0].bars)
    assert chart.y_ticks


def test_the_shared_csv_helper_quotes_formulas_only():
    assert safe_cell("=1+2") == "'=1+2"
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell("-3") == "'-3"
    assert safe_cell(Decimal("-3")) == Decimal("-3")
    assert safe_cell(None) == ""
    assert safe_cell("Audits") == "Audits"


# --- pages and downloads -----------------------------------------------------------------------------------


@pytest.fixture
def plan(world):
    return make_plan(owner_body=world.supply_chains, slug="sc", title="Supply chains plan", currency="EUR")


@pytest.fixture
def plan_with_data(plan):
    goal = make_node(plan, code="1")
    on_track = make_indicator(goal, title="On track")
    make_period(on_track, 2022, value=121)
    make_indicator(goal, title="No data")
    BudgetLine.objects.create(
        plan=plan, year=2024, description="=HYPERLINK()", planned=50_000, committed=20_000
    )
    BudgetLine.objects.create(plan=plan, year=2025, planned=80_000, committed=80_000, spent=35_000)
    BudgetLine.objects.create(plan=plan, year=2025, planned=Decimal("10.50"), committed=0)
    return plan


@pytest.mark.django_db
def test_the_plan_page_draws_the_verdicts_with_their_table_and_download(client, plan_with_data):
    html = client.get("/plans/sc/").content.decode()

    assert '<svg role="img" aria-labelledby="verdict-chart-title verdict-chart-desc"' in html
    assert "2 indicators in all. Target achieved: 0. On track: 1." in html
    assert "Unable to assess: 1." in html
    assert 'class="bar verdict-bar-substantial_progress"' in html
    assert "<script" not in html.split('id="progress-heading"')[1].split("</section>")[0]
    assert html.index("verdict-chart-title") < html.index(
        "<caption>Indicators by progress category</caption>"
    )
    assert 'href="/plans/sc/verdicts.csv"' in html


@pytest.mark.django_db
def test_a_plan_without_indicators_shows_the_table_but_no_chart(client, plan):
    html = client.get("/plans/sc/").content.decode()
    assert "verdict-chart-title" not in html
    assert "<caption>Indicators by progress category</caption>" in html


@pytest.mark.django_db
def test_the_verdicts_csv_matches_the_summary(client, plan_with_data):
    rows = read_csv(client.get("/plans/sc/verdicts.csv"))

    summary = selectors.plan_verdict_summary(plan_with_data)
    assert rows[0] == ["category", "label", "indicators"]
    assert rows[1:] == [[item.category.value, item.label, str(item.count)] for item in summary]
    assert sum(int(row[2]) for row in rows[1:]) == 2


@pytest.mark.django_db
def test_the_budget_page_draws_the_execution_with_its_table_and_download(client, plan_with_data):
    html = client.get("/plans/sc/budget/").content.decode()

    assert '<svg role="img" aria-labelledby="budget-chart-title budget-chart-desc"' in html
    assert "in total, in EUR" in html
    assert "2024: planned €50,000, committed €20,000, spent €0." in html
    assert "Total: planned €130,010.50, committed €100,000, spent €35,000." in html
    assert html.count('class="bar budget-bar-') == 9
    assert "<caption>Totals by year, in EUR</caption>" in html
    assert html.index("budget-chart-title") < html.index("<caption>Totals by year")
    assert 'href="/plans/sc/budget.csv"' in html


@pytest.mark.django_db
def test_a_plan_without_budget_lines_has_no_budget_chart(client, plan):
    html = client.get("/plans/sc/budget/").content.decode()
    assert "budget-chart-title" not in html
    assert "No budget line has been recorded yet." in html


@pytest.mark.django_db
def test_the_budget_csv_matches_the_summary(client, plan_with_data):
    rows = read_csv(client.get("/plans/sc/budget.csv"))

    summary = selectors.plan_budget_summary(plan_with_data)
    assert rows[0] == ["year", "currency", "planned", "committed", "spent", "funding_gap"]
    expected = [
        [str(totals.year) if totals.year else "total", "EUR"]
        + [
            str(Decimal(amount))
            for amount in (totals.planned, totals.committed, totals.spent, totals.funding_gap)
        ]
        for totals in [*summary.years, summary.total]
    ]
    assert rows[1:] == expected
    assert [row[0] for row in rows[1:]] == ["2024", "2025", "total"]
    assert Decimal(rows[-1][2]) == Decimal("130010.50")
    assert Decimal(rows[-1][5]) == Decimal("30010.50")


@pytest.mark.django_db
def test_the_csv_cells_a_spreadsheet_would_run_are_quoted(client, world):
    odd = make_plan(owner_body=world.supply_chains, slug="odd", currency="=X1")
    BudgetLine.objects.create(plan=odd, year=2024, planned=1, committed=0)
    rows = read_csv(client.get("/plans/odd/budget.csv"))
    assert rows[1][1] == "'=X1"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/plans/sc/verdicts.csv", "/plans/sc/budget.csv"])
def test_the_downloads_of_a_draft_plan_are_not_found_for_anonymous_people(client, plan_with_data, path):
    assert client.get(path).status_code == 200
    plan_with_data.status = PlanStatus.DRAFT
    plan_with_data.save()
    assert client.get(path).status_code == 404
    assert client.get("/plans/missing/verdicts.csv").status_code == 404


@pytest.mark.django_db
def test_a_draft_plans_downloads_are_shown_to_its_editors(client_for, world, plan_with_data):
    plan_with_data.status = PlanStatus.DRAFT
    plan_with_data.save()
    client = client_for(world.chair)
    assert client.get("/plans/sc/verdicts.csv").status_code == 200
    assert client.get("/plans/sc/budget.csv").status_code == 200


@pytest.mark.django_db
def test_the_plan_page_with_its_chart_does_not_grow_with_its_indicators(
    client, django_assert_num_queries, plan
):
    assert_queries_do_not_grow(
        django_assert_num_queries,
        add_rows=lambda n: make_framework(plan, n),
        load=lambda: client.get("/plans/sc/"),
    )


@pytest.mark.django_db
def test_the_budget_page_and_csv_do_not_grow_with_budget_lines(client, django_assert_num_queries, plan):
    def add_rows(n: int) -> None:
        for index in range(n):
            BudgetLine.objects.create(plan=plan, year=2020 + index, planned=10, committed=5)

    assert_queries_do_not_grow(
        django_assert_num_queries, add_rows=add_rows, load=lambda: client.get("/plans/sc/budget/")
    )
