"""Imports of observations: three layouts, every problem by row, all or nothing, and re-imports that record changes."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from alliance87.data.models import ImportBatch, Observation, ObservationChange
from alliance87.data.services import import_observations
from conftest import World

from .conftest import csv_bytes, xlsx_bytes

SDG_CSV = """
Goal,Target,Indicator,SeriesCode,SeriesDescription,GeoAreaCode,GeoAreaName,TimePeriod,Value,Time_Detail,UpperBound,LowerBound,Source,FootNote,[Age],[Location],[Nature],[Sex],[Units],[Reporting Type]
8,8.7,8.7.1,CL_RATE,Children in child labour,566,Nigeria,2022,39.2,2022,,,Nigeria survey,,5-17,ALLAREA,C,BOTHSEX,PERCENT,N
8,8.7,8.7.1,CL_RATE,Children in child labour,566,Nigeria,2022,38.8,2022,,,Nigeria survey,,5-17,ALLAREA,C,FEMALE,PERCENT,N
8,8.7,8.7.1,CL_RATE,Children in child labour,566,Nigeria,2022,44.8,2022,,,Nigeria survey,,5-17,RURAL,C,BOTHSEX,PERCENT,N
8,8.7,8.7.1,CL_RATE,Children in child labour,646,Rwanda,2014,5.5,2013-2014,6.1,4.9,,Survey period,5-17,ALLAREA,C,BOTHSEX,PERCENT,N
8,8.7,8.7.1,CL_RATE,Children in child labour,1,World,2024,7.8,2024,,,,,5-17,ALLAREA,E,BOTHSEX,PERCENT,G
"""

SDMX_CSV = """
DATAFLOW,FREQ,REPORTING_TYPE,SERIES,REF_AREA,SEX,AGE,URBANISATION,UNIT_MEASURE,NATURE,TIME_PERIOD,OBS_VALUE,COMMENT_OBS
UN_SDG:DF_SDG_GLH(1.0),A,N,CL_RATE: Children in child labour,484: Mexico,_T,Y5T17,_T,PT,C,2019,7.07,
UN_SDG:DF_SDG_GLH(1.0),A,N,CL_RATE,484,_T,Y15T17,_T,PT,C,2019,16.6,
UN_SDG:DF_SDG_GLH(1.0),A,N,CL_RATE,484,M,Y5T17,U,PT,C,2017,10.14,national module
"""

TEMPLATE_CSV = """
series,area,year,sex,age,location,sector,value,lower bound,upper bound,nature,footnote,source
CL_RATE,AM,2015,,,,,8.7,,,C,,https://github.com/armstat/sdg-data-armenia
CL_RATE,ARM,2015,female,,,,5.7,,,C,,https://github.com/armstat/sdg-data-armenia
CL_RATE,AM,2015,,,rural,,16.8,,,C,,https://github.com/armstat/sdg-data-armenia
"""


def run(user, content: bytes, name: str = "values.csv", **options) -> ImportBatch:
    return import_observations(by=user, content=content, file_name=name, **options)


def errors_of(excinfo: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return excinfo.value.message_dict["file"]


@pytest.fixture
def rate(make_series):
    return make_series("CL_RATE")


def test_sdg_global_database_csv_is_read_with_its_dimensions_periods_and_bounds(world: World, rate) -> None:
    batch = run(world.secretariat, csv_bytes(SDG_CSV))
    assert (batch.format, batch.created, batch.updated) == ("sdg", 5, 0)
    nigeria = Observation.objects.get(area__code="NG", sex="", location="")
    assert (nigeria.value, nigeria.age, nigeria.nature) == (Decimal("39.2"), "5-17", "C")
    assert Observation.objects.get(area__code="NG", sex="F").value == Decimal("38.8")
    assert Observation.objects.get(area__code="NG", location="R").value == Decimal("44.8")
    rwanda = Observation.objects.get(area__code="RW")
    assert (rwanda.year, rwanda.end_year, rwanda.period) == (2013, 2014, "2013–2014")
    assert (rwanda.lower_bound, rwanda.upper_bound) == (Decimal("4.9"), Decimal("6.1"))
    assert Observation.objects.get(area__code="001").nature == "E"
    assert nigeria.source is not None and nigeria.source.title == "Nigeria survey"
    assert nigeria.updated_by == world.secretariat


def test_sdmx_csv_is_read_by_its_codes(world: World, rate) -> None:
    batch = run(world.secretariat, csv_bytes(SDMX_CSV))
    assert (batch.format, batch.created) == ("sdmx", 3)
    assert Observation.objects.get(area__code="MX", year=2019, age="5-17").value == Decimal("7.07")
    assert Observation.objects.get(area__code="MX", age="15-17").value == Decimal("16.6")
    boys = Observation.objects.get(area__code="MX", sex="M")
    assert (boys.location, boys.footnote) == ("U", "national module")


def test_the_template_is_read_from_csv_and_from_a_workbook(world: World, rate) -> None:
    batch = run(world.secretariat, csv_bytes(TEMPLATE_CSV))
    assert (batch.format, batch.created) == ("template", 3)
    rows = [line.split(",") for line in TEMPLATE_CSV.strip().splitlines()]
    rows[1][7] = "9.1"  # the workbook changes one value
    batch = run(world.secretariat, xlsx_bytes(rows), name="values.xlsx")
    assert (batch.created, batch.updated, batch.unchanged) == (0, 1, 2)
    assert Observation.objects.get(area__code="AM", sex="", location="").value == Decimal("9.1")


def test_a_reimport_changing_three_values_updates_them_in_place_and_records_who_and_what(
    world: World, rate
) -> None:
    run(world.secretariat, csv_bytes(SDG_CSV))
    changed = SDG_CSV.replace(",39.2,", ",40.1,").replace(",38.8,", ",39.0,").replace(",7.8,", ",7.9,")
    batch = run(world.admin, csv_bytes(changed), name="second.csv")
    assert (batch.created, batch.updated, batch.unchanged) == (0, 3, 2)
    assert Observation.objects.count() == 5
    changes = {(c.area_code, c.key): (c.before, c.after) for c in batch.changes.all()}
    assert changes == {
        ("NG", "2022 age=5-17"): ({"value": "39.2"}, {"value": "40.1"}),
        ("NG", "2022 sex=F age=5-17"): ({"value": "38.8"}, {"value": "39"}),
        ("001", "2024 age=5-17"): ({"value": "7.8"}, {"value": "7.9"}),
    }
    assert batch.created_by == world.admin
    assert Observation.objects.get(area__code="NG", sex="", location="").updated_by == world.admin


def test_wrong_columns_are_named(world: World, rate) -> None:
    with pytest.raises(ValidationError) as excinfo:
        run(world.secretariat, csv_bytes("country,when,amount\nNG,2022,39.2"))
    assert "SeriesCode, GeoAreaCode" in errors_of(excinfo)[0]
    with pytest.raises(ValidationError) as excinfo:
        run(world.secretariat, csv_bytes("series,area,value\nCL_RATE,NG,39.2"), format="template")
    assert errors_of(excinfo) == ["The columns year are missing from the heading row."]


def test_every_bad_row_is_reported_and_nothing_is_saved(world: World, rate) -> None:
    content = csv_bytes(
        """
series,area,year,value,sex,nature
CL_RATE,NG,2022,39.2,,C
CL_RATE,NG,2022,abc,,C
CL_RATE,ZZ,2022,1.0,,C
NOPE,NG,2022,1.0,,C
CL_RATE,NG,20x2,1.0,,C
CL_RATE,NG,2022,39.3,,C
CL_RATE,NG,2021,5,unknown,C
CL_RATE,NG,2021,5,,Q
CL_RATE,NG,2021,NaN,,C
"""
    )
    with pytest.raises(ValidationError) as excinfo:
        run(world.secretariat, content)
    messages = errors_of(excinfo)
    assert "Row 3: value “abc” is not a number." in messages
    assert any(m.startswith("Row 4: the area code “ZZ” is unknown") for m in messages)
    assert "Row 5: the series code “NOPE” is not in the catalogue." in messages
    assert any(m.startswith("Row 6: year “20x2” is not a year") for m in messages)
    assert "Row 7: the same series, area, period and dimensions as row 2." in messages
    assert any(m.startswith("Row 8: sex “unknown” is not one of") for m in messages)
    assert any(m.startswith("Row 9: nature “Q” is not one of") for m in messages)
    assert "Row 10: value “NaN” is not a number." in messages
    assert Observation.objects.count() == 0
    assert ImportBatch.objects.count() == 0


def test_units_that_contradict_the_series_are_refused(world: World, rate) -> None:
    content = csv_bytes(SDG_CSV.replace("BOTHSEX,PERCENT", "BOTHSEX,NUMBER", 1))
    with pytest.raises(ValidationError) as excinfo:
        run(world.secretariat, content)
    assert errors_of(excinfo) == ["Row 2: the units “NUMBER” do not match the series' unit (Per cent)."]


def test_formulas_are_refused_in_csv_and_in_workbooks(world: World, rate) -> None:
    with pytest.raises(ValidationError) as excinfo:
        run(
            world.secretariat,
            csv_bytes("series,area,year,value\nCL_RATE,NG,2022,=1+2\nCL_RATE,AM,2015,@SUM(A1)"),
        )
    messages = errors_of(excinfo)
    assert any("Row 2: the column “value” holds a formula" in m for m in messages)
    assert any("Row 3: the column “value” holds a formula" in m for m in messages)
    workbook = xlsx_bytes([["series", "area", "year", "value"], ["CL_RATE", "NG", 2022, "=SUM(1,2)"]])
    with pytest.raises(ValidationError) as excinfo:
        run(world.secretariat, workbook, name="values.xlsx")
    assert any("Row 2: the column “value” holds a formula" in m for m in errors_of(excinfo))
    assert Observation.objects.count() == 0


def test_a_50_mb_file_is_refused_before_it_is_read(world: World, rate) -> None:
    header = b"series,area,year,value\n"
    content = header + b"CL_RATE,NG,2022,39.2\n" * (50 * 1024 * 1024 // 21)
    assert len(content) >= 50 * 1024 * 1024 - 64
    with pytest.raises(ValidationError) as excinfo:
        run(world.secretariat, content)
    assert "files up to 20.0 MB are read" in errors_of(excinfo)[0]
    assert Observation.objects.count() == 0


def test_too_many_rows_are_refused(world: World, rate, settings) -> None:
    settings.DATA_IMPORT_MAX_ROWS = 3
    content = csv_bytes("series,area,year,value\n" + "\n".join(f"CL_RATE,NG,{2000 + i},1" for i in range(5)))
    with pytest.raises(ValidationError) as excinfo:
        run(world.secretariat, content)
    assert "more than 3 rows" in errors_of(excinfo)[0]


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_archives_are_checked_before_openpyxl_reads_them(world: World, rate) -> None:
    workbook_parts = {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}
    bomb = _zip({**workbook_parts, "xl/worksheets/sheet1.xml": b"\0" * (60 * 1024 * 1024)})
    assert len(bomb) < 1024 * 1024
    with pytest.raises(ValidationError) as excinfo:
        run(world.secretariat, bomb, name="bomb.xlsx")
    assert "zip bomb" in errors_of(excinfo)[0]
    crowded = _zip({**workbook_parts, **{f"xl/media/{i}.xml": b"x" for i in range(300)}})
    with pytest.raises(ValidationError) as excinfo:
        run(world.secretariat, crowded, name="crowded.xlsx")
    assert "302 parts" in errors_of(excinfo)[0]
    entity = _zip({**workbook_parts, "xl/sharedStrings.xml": b'<!DOCTYPE x [<!ENTITY a "aaaa">]><sst/>'})
    with pytest.raises(ValidationError) as excinfo:
        run(world.secretariat, entity, name="entity.xlsx")
    assert "DOCTYPE" in errors_of(excinfo)[0]
    with pytest.raises(ValidationError) as excinfo:
        run(world.secretariat, _zip({"hello.txt": b"hi"}), name="other.zip")
    assert "not an Excel workbook" in errors_of(excinfo)[0]


def test_binary_and_non_utf8_files_are_refused_with_a_sentence(world: World, rate) -> None:
    with pytest.raises(ValidationError) as excinfo:
        run(world.secretariat, b"series,area\x00,year")
    assert "binary" in errors_of(excinfo)[0]
    with pytest.raises(ValidationError) as excinfo:
        run(world.secretariat, "series,area,year,value\nCL_RATE,CI,2020,1,Côte".encode("latin-1"))
    assert "UTF-8" in errors_of(excinfo)[0]


def test_only_the_secretariat_and_a_series_stewards_focal_points_may_import(
    world: World, make_series
) -> None:
    own = make_series("NGO_SERIES", steward=world.ngo)
    make_series("CL_RATE")
    with pytest.raises(PermissionDenied):
        run(world.outsider, csv_bytes(TEMPLATE_CSV))
    with pytest.raises(PermissionDenied):
        run(world.member, csv_bytes(TEMPLATE_CSV))  # a member of the steward, not its focal point
    batch = run(world.focal_point, csv_bytes("series,area,year,value\nNGO_SERIES,GB,2023,12"))
    assert batch.created == 1 and own.observations.count() == 1
    with pytest.raises(ValidationError) as excinfo:
        run(world.focal_point, csv_bytes(TEMPLATE_CSV))
    assert "Row 2: you may not import into the series “CL_RATE”." in errors_of(excinfo)
    assert ObservationChange.objects.count() == 0


def test_a_reimport_without_footnote_or_source_columns_keeps_them(world: World, rate) -> None:
    run(world.secretariat, csv_bytes(TEMPLATE_CSV.replace(",C,,https", ",C,A note,https")))
    batch = run(world.secretariat, csv_bytes("series,area,year,value\nCL_RATE,AM,2015,8.9"))
    kept = Observation.objects.get(area__code="AM", sex="", location="")
    assert (kept.value, kept.footnote, kept.nature) == (Decimal("8.9"), "A note", "C")
    assert kept.source is not None and kept.source.url == "https://github.com/armstat/sdg-data-armenia"
    assert [(c.before, c.after) for c in batch.changes.all()] == [({"value": "8.7"}, {"value": "8.9"})]
