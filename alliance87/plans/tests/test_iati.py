"""IATI 2.03 export and import of a plan's results."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from lxml import etree

from alliance87.plans.interchange import iati
from alliance87.plans.models import (
    BudgetLine,
    Direction,
    Indicator,
    IndicatorValue,
    Measure,
    Plan,
    PlanStatus,
    ReportingPeriod,
    ResultNode,
    ValueChange,
    ValueOrigin,
    ValueStatus,
)

DATA = Path(__file__).parent / "data"
EXAMPLE = DATA / "activity-standard-example-annotated.xml"
SHOULD_FAIL = DATA / "should-fail-16-missing-indicator-period-period-start.xml"


def build_plan(world, *, slug: str = "supply-chains-2024", with_results: bool = True) -> Plan:
    """A plan of Supply Chains with a goal, outcomes, outputs, indicators, periods, values and budgets."""
    plan = Plan.objects.create(
        title="Supply Chains work plan 2024–2026",
        slug=slug,
        owner_body=world.supply_chains,
        description="Ending forced labour in supply chains.",
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2026, 12, 31),
        status=PlanStatus.IN_IMPLEMENTATION,
        currency="EUR",
    )
    plan.responsible_organisations.add(world.ilo, world.ngo)
    BudgetLine.objects.create(plan=plan, year=2024, planned=Decimal("1000.50"))
    BudgetLine.objects.create(plan=plan, year=2024, planned=Decimal("500"))
    BudgetLine.objects.create(plan=plan, year=2025, planned=Decimal("2500"))
    if not with_results:
        return plan
    goal = ResultNode.objects.create(
        plan=plan, level=0, code="1", title="Forced labour ends in supply chains"
    )
    Indicator.objects.create(
        node=goal,
        code="1.a",
        title="Share of audited suppliers free of forced labour",
        measure=Measure.PERCENTAGE,
        baseline_value=Decimal("40"),
        baseline_year=2023,
        baseline_comment="Audit 2023",
    )
    outcome = ResultNode.objects.create(
        plan=plan,
        parent=goal,
        level=1,
        position=0,
        code="1.1",
        title="Companies apply due diligence",
        description="Human rights due diligence",
    )
    workers = Indicator.objects.create(
        node=outcome,
        code="1.1.a",
        title="Companies reporting due diligence",
        measure=Measure.NUMBER,
        baseline_value=Decimal("12"),
        baseline_year=2023,
    )
    first = ReportingPeriod.objects.create(
        indicator=workers,
        start=datetime.date(2024, 1, 1),
        end=datetime.date(2024, 12, 31),
        target_value=Decimal("20"),
    )
    second = ReportingPeriod.objects.create(
        indicator=workers,
        start=datetime.date(2025, 1, 1),
        end=datetime.date(2025, 12, 31),
        target_value=Decimal("30.5"),
    )
    IndicatorValue.objects.create(
        period=first, value=Decimal("18"), status=ValueStatus.APPROVED, comment="Survey"
    )
    IndicatorValue.objects.create(period=second, value=Decimal("999"), status=ValueStatus.SUBMITTED)
    output = ResultNode.objects.create(
        plan=plan, parent=outcome, level=2, code="1.1.1", title="Guidance published"
    )
    guidance = Indicator.objects.create(
        node=output,
        title="Guidance notes published",
        measure=Measure.QUALITATIVE,
        direction=Direction.DECREASE,
    )
    period = ReportingPeriod.objects.create(
        indicator=guidance,
        start=datetime.date(2024, 1, 1),
        end=datetime.date(2024, 6, 30),
        target_comment="Two notes",
    )
    IndicatorValue.objects.create(period=period, text_value="One note published", status=ValueStatus.APPROVED)
    ResultNode.objects.create(plan=plan, parent=outcome, level=2, code="1.1.2", title="Training held")
    return plan


def without_timestamps(xml: bytes) -> bytes:
    """The export with its generated timestamps removed: the only parts allowed to differ between two exports."""
    root = etree.fromstring(xml)
    root.attrib.pop("generated-datetime", None)
    for activity in root.iter("iati-activity"):
        activity.attrib.pop("last-updated-datetime", None)
    return etree.tostring(root)


def test_export_validates_against_the_iati_schema_and_leaves_out_unapproved_actuals(world):
    plan = build_plan(world)
    xml = iati.export_plan(plan)
    root = etree.fromstring(xml)
    assert iati.schema_errors(root) == []
    activity = root.find("iati-activity")
    assert activity.findtext("iati-identifier") == "XM-DAC-41302-supply-chains-2024"
    assert [r.get("type") for r in activity.findall("result")] == ["3", "2", "1"]
    assert [a.get("value") for a in root.iter("actual")] == ["18", None]
    assert "999" not in xml.decode()
    assert root.find(".//actual/comment/narrative").text == "Survey"
    assert [b.findtext("value") for b in activity.findall("budget")] == ["1500.5", "2500"]
    assert {p.findtext("narrative") for p in activity.findall("participating-org")} == {
        "Action Group on Supply Chains",
        "International Labour Organization",
        "Freedom Fund Example",
    }
    indicator = activity.find("result/indicator")
    assert (indicator.get("measure"), indicator.get("ascending")) == ("2", "1")
    assert indicator.find("baseline").attrib == {"year": "2023", "iso-date": "2023-01-01", "value": "40"}


def test_round_trip_export_import_export_gives_the_same_xml(world):
    original = build_plan(world)
    exported = iati.export_plan(original)
    fresh = build_plan(world, slug="fresh-copy", with_results=False)

    report = iati.import_results(plan=fresh, xml_bytes=exported, by=world.chair)

    assert report.created == {"result": 3, "indicator": 3, "period": 3, "actual": 2}
    assert without_timestamps(iati.export_plan(fresh)) == without_timestamps(exported)
    fresh.refresh_from_db()
    assert fresh.iati_identifier == "XM-DAC-41302-supply-chains-2024"


def test_the_official_example_imports(world):
    plan = build_plan(world, with_results=False)
    report = iati.import_results(plan=plan, xml_bytes=EXAMPLE.read_bytes(), by=world.chair)

    assert report.created == {"result": 2, "indicator": 1, "period": 1, "actual": 1}
    indicator = Indicator.objects.get(node__plan=plan)
    assert (indicator.title, indicator.code, indicator.measure) == ("Indicator title", "B1", Measure.NUMBER)
    assert (indicator.baseline_year, indicator.baseline_value) == (2012, Decimal("10"))
    assert indicator.node.level == 2 and indicator.node.parent.level == 0
    period = indicator.periods.get()
    assert (period.start, period.end, period.target_value) == (
        datetime.date(2013, 1, 1),
        datetime.date(2013, 3, 31),
        Decimal("10"),
    )
    assert (period.actual.value, period.actual.status, period.actual.origin) == (
        Decimal("11"),
        ValueStatus.APPROVED,
        ValueOrigin.IMPORT,
    )
    assert ValueChange.objects.filter(value=period.actual, action="import").count() == 1
    assert iati.schema_errors(etree.fromstring(iati.export_plan(plan))) == []


def test_importing_the_same_file_twice_creates_nothing_new(world):
    plan = build_plan(world, with_results=False)
    iati.import_results(plan=plan, xml_bytes=EXAMPLE.read_bytes(), by=world.chair)
    counts = (
        ResultNode.objects.count(),
        Indicator.objects.count(),
        ReportingPeriod.objects.count(),
        IndicatorValue.objects.count(),
        ValueChange.objects.count(),
    )

    report = iati.import_results(plan=plan, xml_bytes=EXAMPLE.read_bytes(), by=world.chair)

    assert not report.created_anything
    assert report.unchanged == {"result": 1, "indicator": 1, "period": 1, "actual": 1}
    assert counts == (
        ResultNode.objects.count(),
        Indicator.objects.count(),
        ReportingPeriod.objects.count(),
        IndicatorValue.objects.count(),
        ValueChange.objects.count(),
    )


def test_reimport_never_overwrites_a_value_entered_by_hand(world):
    plan = build_plan(world, with_results=False)
    iati.import_results(plan=plan, xml_bytes=EXAMPLE.read_bytes(), by=world.chair)
    value = IndicatorValue.objects.get(period__indicator__node__plan=plan)
    value.value, value.origin, value.status = Decimal("7"), ValueOrigin.MANUAL, ValueStatus.DRAFT
    value.save()

    report = iati.import_results(plan=plan, xml_bytes=EXAMPLE.read_bytes(), by=world.chair)

    value.refresh_from_db()
    assert (value.value, value.origin, value.status) == (Decimal("7"), ValueOrigin.MANUAL, ValueStatus.DRAFT)
    assert report.skipped_manual == ["Indicator title (1 Jan\u2009–\u200931 Mar 2013)"]


def test_reimport_updates_a_value_imported_earlier_when_the_file_changed(world):
    plan = build_plan(world, with_results=False)
    iati.import_results(plan=plan, xml_bytes=EXAMPLE.read_bytes(), by=world.chair)
    changed = EXAMPLE.read_bytes().replace(b'<actual value="11">', b'<actual value="12">')

    report = iati.import_results(plan=plan, xml_bytes=changed, by=world.chair)

    value = IndicatorValue.objects.get(period__indicator__node__plan=plan)
    assert (value.value, value.version, report.updated["actual"]) == (Decimal("12"), 2, 1)


def test_a_file_without_period_start_is_refused_and_nothing_saved(world):
    plan = build_plan(world, with_results=False)
    with pytest.raises(ValidationError) as refused:
        iati.import_results(plan=plan, xml_bytes=SHOULD_FAIL.read_bytes(), by=world.chair)
    message = " ".join(refused.value.messages)
    assert "not valid IATI 2.03" in message and "period-start" in message
    assert not ResultNode.objects.exists() and not Indicator.objects.exists()


def test_an_error_in_a_later_result_saves_nothing(world):
    plan = build_plan(world, with_results=False)
    bad = EXAMPLE.read_bytes().replace(b'<target value="10">', b'<target value="ten">')
    with pytest.raises(ValidationError, match="'ten' is not a number"):
        iati.import_results(plan=plan, xml_bytes=bad, by=world.chair)
    assert not ResultNode.objects.exists()


def test_entities_and_doctypes_are_refused(world):
    plan = build_plan(world, with_results=False)
    hostile = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><iati-activities/>'
    with pytest.raises(ValidationError, match="DOCTYPE"):
        iati.import_results(plan=plan, xml_bytes=hostile, by=world.chair)
    with pytest.raises(ValidationError, match="not well-formed"):
        iati.import_results(plan=plan, xml_bytes=b"<iati-activities", by=world.chair)


def test_only_editors_may_import(world):
    plan = build_plan(world, with_results=False)
    with pytest.raises(PermissionDenied):
        iati.import_results(plan=plan, xml_bytes=EXAMPLE.read_bytes(), by=world.outsider)


def test_an_indicator_the_services_would_refuse_is_refused_with_its_place_and_nothing_saved(world):
    plan = build_plan(world, with_results=False)
    percentage_of_250 = (
        EXAMPLE.read_bytes()
        .replace(b'<indicator measure="1"', b'<indicator measure="2"')
        .replace(
            b'<baseline year="2012" iso-date="2012-01-01" value="10">',
            b'<baseline year="2012" iso-date="2012-01-01" value="250">',
        )
    )
    with pytest.raises(ValidationError) as refused:
        iati.import_results(plan=plan, xml_bytes=percentage_of_250, by=world.chair)
    assert any("baseline_value: A percentage lies between 0 and 100" in m for m in refused.value.messages)
    assert not ResultNode.objects.filter(plan=plan).exists()


def test_a_negative_count_reported_in_a_file_is_refused_and_nothing_saved(world):
    plan = build_plan(world, with_results=False)
    negative = EXAMPLE.read_bytes().replace(b'<actual value="11">', b'<actual value="-5">')
    with pytest.raises(ValidationError) as refused:
        iati.import_results(plan=plan, xml_bytes=negative, by=world.chair)
    assert any("value: A count cannot be negative" in m for m in refused.value.messages)
    assert not IndicatorValue.objects.exists() and not ResultNode.objects.filter(plan=plan).exists()
