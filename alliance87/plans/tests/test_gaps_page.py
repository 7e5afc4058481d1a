"""The cross-plan gap report's page: every list's count and its first rows, each list's own pages, all of it the
same as the whole report (the CSV) holds."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser

from alliance87.plans.gaps import bounded, gap_report
from alliance87.plans.gaps.report import GapSection
from alliance87.plans.gaps.views import csv_rows
from alliance87.plans.models import BudgetLine, NodeStatus, ValueStatus

from .test_gaps import TODAY, D, framework, indicator, make_plan, node, report_value


def _described(report, key: str) -> list[dict]:
    return [row for row in csv_rows(report) if row["section"] == key]


@pytest.fixture
def many_gaps(world):
    """Plans with every kind of gap, several rows of each."""
    build_many_gaps(world)


def build_many_gaps(world) -> None:
    """Plans with every kind of gap, several rows of each."""
    for n in range(4):
        plan = make_plan(f"plan-{n}", owner_body=world.supply_chains, title=f"Plan {3 - n}", currency="USD")
        parts = framework(plan)
        for code in ("A", "B", "C"):
            falling = indicator(parts["outcome"], f"{code}{n}", source="Survey")
            report_value(falling, 2022, 90 + n, source="Survey 2022")
        report_value(indicator(parts["output"], f"F{n}"), 2026, 150, end=D(2026, 3, 31))  # fresh, on track
        indicator(parts["outcome"], f"NB{n}", baseline_value=None, baseline_year=None)
        indicator(parts["outcome"], f"NT{n}", target_year=None)
        indicator(parts["outcome"], f"Q{n}", measure="qualitative", baseline_value=None, target_value=None)
        report_value(indicator(parts["outcome"], f"S{n}"), 2022, 80, status=ValueStatus.SUBMITTED)
        node(plan, f"L{n}", parent=parts["output"], due_date=D(2025, 1, 31 - n), status=NodeStatus.DELAYED)
        node(plan, f"X{n}", parent=parts["output"], due_date=D(2025, 1, 1), status=NodeStatus.COMPLETED)
        node(plan, f"G{n}", parent=parts["goal"])  # an outcome without indicators
        BudgetLine.objects.create(plan=plan, node=parts["activity"], year=2026, planned=Decimal(100 + n))
        BudgetLine.objects.create(plan=plan, year=2027, planned=Decimal(50), committed=Decimal(10))
    young = make_plan("young", owner_body=world.supply_chains, period_start=D(2026, 1, 1), title="Young")
    indicator(framework(young)["outcome"], "Y")  # not yet asked for data; its activity has no budget
    make_plan("empty", owner_body=world.supply_chains, title="Empty")


def test_the_page_counts_every_list_as_the_whole_report_and_shows_its_first_rows(
    many_gaps, world, monkeypatch
):
    monkeypatch.setattr(bounded, "FIRST_ROWS", 3)
    for user in (AnonymousUser(), world.secretariat):
        whole = gap_report(user=user, today=TODAY)
        page = bounded.gap_report_page(user=user, today=TODAY)

        assert [plan.id for plan in page.plans] == [plan.id for plan in whole.plans][: bounded.FIRST_PLANS]
        assert page.plan_count == len(whole.plans)
        for key in GapSection.ORDER:
            assert page.count(key) == len(whole.section(key)), key
            assert page.count(key) >= 1, key  # the fixture has every kind of gap
            assert _described(page, key) == _described(whole, key)[:3], key
        assert page.funding_gap_totals() == whole.funding_gap_totals()
        assert page.largest_section == whole.largest_section


def test_each_list_has_pages_that_hold_all_its_rows_in_order(many_gaps, world, monkeypatch):
    monkeypatch.setattr(bounded, "SECTION_PAGE_ROWS", 5)
    whole = gap_report(user=world.secretariat, today=TODAY)
    for key in GapSection.ORDER:
        rows: list[dict] = []
        number = 1
        while True:
            page = bounded.gap_report_page(user=world.secretariat, section=key, page=number, today=TODAY)
            shown = page.shown[key]
            assert shown.paged and shown.number == number
            rows += _described(page, key)
            if shown.next is None:
                break
            number += 1
        assert rows == _described(whole, key), key
    beyond = bounded.gap_report_page(user=world.secretariat, section="off_track", page=99, today=TODAY)
    assert beyond.shown["off_track"].number == beyond.shown["off_track"].pages  # the last page, not an error


def test_the_report_page_links_to_each_long_lists_own_pages(many_gaps, client, monkeypatch):
    monkeypatch.setattr(bounded, "FIRST_ROWS", 2)
    monkeypatch.setattr(bounded, "FIRST_PLANS", 2)
    monkeypatch.setattr(bounded, "SECTION_PAGE_ROWS", 4)

    html = client.get("/plans/gaps/").content.decode()

    off_track = html[html.index('id="off_track-h"') : html.index('id="no_recent_data-h"')]
    assert "(12)</h2>" in off_track  # 3 falling indicators in each of 4 plans, all public
    assert off_track.count("<tr>") == 1 + 2  # the header and the first two rows
    assert "Rows 1 to 2 of 12." in off_track
    assert 'href="?section=off_track&amp;page=1#off_track"' in off_track
    assert "Every row is in the CSV download." in off_track
    summary = html[html.index('id="summary-h"') : html.index("Sections of the report")]
    assert summary.count("<li>") == 2 and "Rows 1 to 2 of 6." in summary

    second = client.get("/plans/gaps/", {"section": "off_track", "page": 2}).content.decode()
    off_track = second[second.index('id="off_track-h"') : second.index('id="no_recent_data-h"')]
    assert off_track.count("<tr>") == 1 + 4
    assert "Rows 5 to 8 of 12." in off_track and "Page 2 of 3" in off_track
    assert 'href="?section=off_track&amp;page=1#off_track" rel="prev"' in off_track
    assert 'href="?section=off_track&amp;page=3#off_track" rel="next"' in off_track
    for nonsense in ({"section": "nothing", "page": "x"}, {"section": "off_track", "page": "-4"}):
        assert client.get("/plans/gaps/", nonsense).status_code == 200


def test_the_csv_still_holds_every_row(many_gaps, client, monkeypatch):
    monkeypatch.setattr(bounded, "FIRST_ROWS", 1)
    rows = list(csv.DictReader(io.StringIO(client.get("/plans/gaps.csv").getvalue().decode("utf-8-sig"))))
    whole = gap_report(user=AnonymousUser())
    assert len(rows) == sum(len(whole.section(key)) for key in GapSection.ORDER) > 30


def test_a_lists_own_pages_run_a_fixed_number_of_queries(world, client, django_assert_num_queries):
    from alliance87.core.tests.helpers import assert_queries_do_not_grow

    from .test_gaps import _add_plans

    added = [0]

    def add_rows(count: int) -> None:
        _add_plans(world, count, added[0])
        added[0] += count

    queries = assert_queries_do_not_grow(
        django_assert_num_queries,
        add_rows=add_rows,
        load=lambda: client.get("/plans/gaps/", {"section": "no_recent_data", "page": 2}),
    )
    assert queries <= 25
