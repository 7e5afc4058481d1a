"""The logframe workbook: template, import (all or nothing) and export."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import load_workbook

from alliance87.plans.interchange import xlsx
from alliance87.plans.models import Indicator, Measure, ReportingPeriod, ResultNode

from .test_iati import build_plan


def sheet_values(data: bytes) -> dict[str, list[tuple]]:
    workbook = load_workbook(io.BytesIO(data))
    return {
        name: list(workbook[name].iter_rows(values_only=True))
        for name in ("Results", "Indicators", "Periods")
    }


def filled_template(plan, results, indicators, periods) -> bytes:
    workbook = load_workbook(io.BytesIO(xlsx.template_workbook(plan)))
    for name, rows in (("Results", results), ("Indicators", indicators), ("Periods", periods)):
        for row in rows:
            workbook[name].append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


RESULTS = [
    ["Goal", "1", "", "Forced labour ends", "", "", "", None, None, "in_progress"],
    [
        "Outcome",
        "1.1",
        "1",
        "Companies act",
        "Due diligence",
        "Markets reward it",
        "Backlash",
        datetime.date(2024, 1, 1),
        datetime.date(2025, 12, 31),
        "",
    ],
]
INDICATORS = [
    [
        "1.1",
        "1.1.a",
        "Companies reporting",
        "result",
        "number",
        "companies",
        "increase",
        12,
        2023,
        40,
        2026,
        "cumulative_sum",
        "Registry",
    ],
    ["1", "1.a", "Share of suppliers audited", "", "percentage", "", "", "40.5", 2023, "", "", "", ""],
]
PERIODS = [
    ["1.1.a", datetime.date(2024, 1, 1), datetime.date(2024, 12, 31), 20],
    ["1.1.a", "2025-01-01", "2025-12-31", 30.5],
]


def test_template_has_the_sheets_headings_and_dropdowns(world):
    plan = build_plan(world, with_results=False)
    workbook = load_workbook(io.BytesIO(xlsx.template_workbook(plan)))
    assert workbook.sheetnames == ["Instructions", "Results", "Indicators", "Periods", "Lists"]
    assert [c.value for c in workbook["Indicators"][1]] == [
        *xlsx.INDICATOR_COLUMNS,
        "title (french)",
        "title (spanish)",
    ]
    assert workbook["Lists"].sheet_state == "hidden"
    validated = {str(v.sqref).split(":")[0] for v in workbook["Indicators"].data_validations.dataValidation}
    assert validated == {"D2", "E2", "G2", "L2"}  # kind, measure, direction, period rule


def test_a_filled_template_imports(world):
    plan = build_plan(world, with_results=False)
    report = xlsx.import_workbook(
        plan=plan, data=filled_template(plan, RESULTS, INDICATORS, PERIODS), by=world.chair
    )

    assert report.created == {"result": 2, "indicator": 2, "period": 2}
    outcome = ResultNode.objects.get(plan=plan, code="1.1")
    assert (outcome.level, outcome.parent.code, outcome.assumptions) == (1, "1", "Markets reward it")
    indicator = Indicator.objects.get(code="1.1.a")
    assert (indicator.node, indicator.unit, indicator.target_value) == (outcome, "companies", Decimal("40"))
    assert Indicator.objects.get(code="1.a").measure == Measure.PERCENTAGE
    assert list(indicator.periods.values_list("target_value", flat=True)) == [Decimal("20"), Decimal("30.5")]


def test_a_workbook_with_two_bad_rows_reports_both_and_saves_nothing(world):
    plan = build_plan(world, with_results=False)
    indicators = [*INDICATORS, ["1", "1.b", "Bad measure", "", "percent", "", "", "", "", "", "", "", ""]]
    periods = [*PERIODS, ["1.1.a", "2026-12-31", "2026-01-01", "many"]]

    with pytest.raises(ValidationError) as refused:
        xlsx.import_workbook(
            plan=plan, data=filled_template(plan, RESULTS, indicators, periods), by=world.chair
        )

    messages = refused.value.messages
    assert (
        "Indicators row 4: measure 'percent' is not one of number, percentage, currency, yes_no, ordinal, "
        "qualitative." in messages
    )
    assert "Periods row 4: target 'many' is not a number." in messages
    assert "Periods row 4: end is before start." in messages
    assert not ResultNode.objects.exists() and not Indicator.objects.exists()


def test_export_then_import_into_an_empty_plan_gives_the_same_workbook(world):
    original = build_plan(world)
    exported = xlsx.export_workbook(original)
    empty = build_plan(world, slug="empty", with_results=False)

    xlsx.import_workbook(plan=empty, data=exported, by=world.chair)

    assert sheet_values(xlsx.export_workbook(empty)) == sheet_values(exported)
    assert sheet_values(exported)["Results"][1][:4] == (
        "Goal",
        "1",
        None,
        "Forced labour ends in supply chains",
    )


def test_reimporting_an_export_updates_by_code_and_creates_nothing(world):
    plan = build_plan(world)
    counts = (ResultNode.objects.count(), Indicator.objects.count(), ReportingPeriod.objects.count())
    report = xlsx.import_workbook(plan=plan, data=xlsx.export_workbook(plan), by=world.chair)
    assert not report.created
    assert report.updated == {"indicator": 1}  # the indicator without a code now has the generated one
    assert counts == (ResultNode.objects.count(), Indicator.objects.count(), ReportingPeriod.objects.count())


def test_titles_translations_travel_in_their_own_columns(world):
    plan = build_plan(world, with_results=False)
    results = [[*RESULTS[0], "La fin du travail forcé", "El fin del trabajo forzoso"], RESULTS[1]]
    indicators = [[*INDICATORS[0], "", "Empresas que informan"], INDICATORS[1]]
    xlsx.import_workbook(plan=plan, data=filled_template(plan, results, indicators, PERIODS), by=world.chair)

    goal = ResultNode.objects.get(plan=plan, code="1")
    assert (goal.title_en, goal.title_fr, goal.title_es) == (  # type: ignore[attr-defined]
        "Forced labour ends",
        "La fin du travail forcé",
        "El fin del trabajo forzoso",
    )
    assert ResultNode.objects.get(plan=plan, code="1.1").title_fr is None  # type: ignore[attr-defined]
    indicator = Indicator.objects.get(code="1.1.a")
    assert (indicator.title_fr, indicator.title_es) == (None, "Empresas que informan")  # type: ignore[attr-defined]
    exported = sheet_values(xlsx.export_workbook(plan))
    assert exported["Results"][0][-2:] == ("title (french)", "title (spanish)")
    assert exported["Results"][1][-2:] == ("La fin du travail forcé", "El fin del trabajo forzoso")


def test_a_file_that_is_not_a_workbook_is_refused(world):
    plan = build_plan(world, with_results=False)
    with pytest.raises(ValidationError, match="not an Excel workbook"):
        xlsx.import_workbook(plan=plan, data=b"PK\x03\x04 not really", by=world.chair)


def test_only_editors_may_import_a_workbook(world):
    plan = build_plan(world, with_results=False)
    with pytest.raises(PermissionDenied):
        xlsx.import_workbook(plan=plan, data=xlsx.template_workbook(plan), by=world.outsider)


def test_each_rule_the_services_enforce_is_refused_row_by_row_and_nothing_is_saved(world):
    plan = build_plan(world, with_results=False)
    blank = ["1", "", "", "", "number", "", "", "", "", "", "", "", ""]

    def row(code, **cells):
        columns = {
            "measure": 4,
            "baseline": 7,
            "baseline_year": 8,
            "target": 9,
            "target_year": 10,
            "rule": 11,
        }
        line = list(blank)
        line[1], line[2] = code, f"Indicator {code}"
        for name, value in cells.items():
            line[columns[name]] = value
        return line

    indicators = [
        *INDICATORS,
        row("p250", measure="percentage", baseline=250, baseline_year=2023),
        row("years", baseline=5, baseline_year=2025, target=10, target_year=2020),
        row("sum", measure="percentage", rule="cumulative_sum"),
        row("neg", baseline=-5, baseline_year=2023),
    ]
    periods = [*PERIODS, ["1.a", "2024-01-01", "2024-12-31", 150], ["1.1.a", "2024-06-01", "2025-05-31", 25]]

    with pytest.raises(ValidationError) as refused:
        xlsx.import_workbook(
            plan=plan, data=filled_template(plan, RESULTS, indicators, periods), by=world.chair
        )

    messages = "\n".join(refused.value.messages)
    assert "Indicators row 4: baseline_value: A percentage lies between 0 and 100" in messages
    assert "Indicators row 5: target_year: The target year must come after the baseline year." in messages
    assert (
        "Indicators row 6: period_rule: Percentages, yes/no answers and ordinal values are not added"
        in messages
    )
    assert "Indicators row 7: baseline_value: A count cannot be negative" in messages
    assert "Periods row 4: target_value: A percentage lies between 0 and 100" in messages
    assert "Periods row 5: start: This period overlaps the period" in messages
    assert not ResultNode.objects.exists() and not Indicator.objects.exists()
