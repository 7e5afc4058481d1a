"""What the data app's tests share: series to import into, and files to import."""

from __future__ import annotations

import io
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from alliance87.data.areas import ensure_reference_data
from alliance87.data.models import Access, Area, Licence, Observation, Series, TargetPart, Unit


@pytest.fixture(autouse=True)
def _reference_areas(request: pytest.FixtureRequest) -> None:
    """Areas come from a migration; a transactional (browser) test elsewhere may have flushed them."""
    if "transactional_db" in request.fixturenames:
        ensure_reference_data()
    elif "db" in request.fixturenames or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("db")
        ensure_reference_data()


@pytest.fixture
def make_series(db: None) -> Callable[..., Series]:
    def make(code: str = "CL_RATE", **fields: Any) -> Series:
        defaults: dict[str, Any] = {
            "name": f"Series {code}",
            "unit": Unit.PERCENT,
            "source_organisation": "ILO and UNICEF",
            "licence": Licence.CC_BY_4,
            "access": Access.PUBLIC,
        }
        return Series.objects.create(code=code, **{**defaults, **fields})

    return make


@pytest.fixture
def observe(db: None) -> Callable[..., Observation]:
    def add(series: Series, area: str, year: int, value: str, **fields: Any) -> Observation:
        return Observation.objects.create(
            series=series,
            area=Area.objects.get(code=area),
            year=year,
            end_year=fields.pop("end_year", year),
            value=Decimal(value),
            **fields,
        )

    return add


def csv_bytes(text: str) -> bytes:
    return text.strip().encode() + b"\n"


def xlsx_bytes(rows: list[list[Any]], sheet: str = "Observations") -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    worksheet = workbook.active
    assert worksheet is not None
    worksheet.title = sheet
    for row in rows:
        worksheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def world_series(
    make_series: Callable[..., Series], observe: Callable[..., Observation]
) -> dict[str, Series]:
    """The two world series the dashboard's hand computations use (ILO/UNICEF and GEMS figures)."""
    child = make_series("CL_NUMBER", unit=Unit.MILLIONS, tracks=TargetPart.CHILD_LABOUR, is_headline=True)
    forced = make_series("FL_NUMBER", unit=Unit.MILLIONS, tracks=TargetPart.FORCED_LABOUR, is_headline=True)
    for year, value in [(2000, "245.5"), (2012, "168.0"), (2016, "151.6"), (2020, "160.0"), (2024, "137.6")]:
        observe(child, "001", year, value)
    for year, value in [(2016, "24.9"), (2021, "27.6")]:
        observe(forced, "001", year, value)
    return {"child": child, "forced": forced}
