"""The three layouts observations are imported from, each read into the same `ParsedRow`.

- The UN SDG Global Database CSV (what its data portal and API export): `SeriesCode`, `GeoAreaCode` (M49),
  `TimePeriod`, `Value`, `Time_Detail`, `UpperBound`, `LowerBound`, `Source`, `FootNote`, and the dimensions in
  brackets (`[Sex]`, `[Age]`, `[Location]`, `[Nature]`, `[Units]`, …).
- SDMX-CSV (version 1 with `DATAFLOW`, or version 2 with `STRUCTURE`/`STRUCTURE_ID`), with the SDG data structure's
  codes: `SERIES`, `REF_AREA`, `TIME_PERIOD`, `OBS_VALUE`, `SEX` (`_T`, `F`, `M`), `AGE` (`Y5T17`),
  `URBANISATION` (`_T`, `U`, `R`), `ACTIVITY`, `NATURE`, `UPPER_BOUND`, `LOWER_BOUND`, `COMMENT_OBS`. Cells in the
  "code: label" form are read by their code.
- The platform's template (CSV or XLSX, headings in English): series, area, year, sex, age, location, sector,
  value, lower bound, upper bound, nature, footnote, source.

Headings are matched without regard to case. Problems are collected row by row, never stopping at the first.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from .readers import Table

MIN_YEAR, MAX_YEAR = 1950, 2100
MAX_ABS_VALUE = Decimal(10) ** 13
NATURES = {"C", "CA", "E", "G", "M", "N"}
TOTALS = {"", "_T", "_Z", "T", "TOTAL", "ALL", "BOTHSEX", "ALLAREA", "ALLAGE", "BOTH"}


@dataclass
class ParsedRow:
    row: int
    series_code: str
    area_code: str
    year: int
    end_year: int
    sex: str
    age: str
    location: str
    sector: str
    value: Decimal
    lower_bound: Decimal | None
    upper_bound: Decimal | None
    nature: str
    footnote: str
    source: str
    units: str
    carried: frozenset[str] = frozenset()  # the optional fields the file has a column for


#: For each layout, the columns that carry each optional field; a re-import leaves a field alone when its file has
#: no such column (a file without footnotes does not erase the footnotes already recorded).
OPTIONAL_COLUMNS: dict[str, dict[str, tuple[str, ...]]] = {
    "sdg": {"lower_bound": ("lowerbound",), "upper_bound": ("upperbound",), "nature": ("[nature]", "nature"),
            "footnote": ("footnote",), "source": ("source",)},
    "sdmx": {"lower_bound": ("lower_bound",), "upper_bound": ("upper_bound",), "nature": ("nature",),
             "footnote": ("comment_obs",), "source": ("source_detail",)},
    "template": {"lower_bound": ("lower bound",), "upper_bound": ("upper bound",), "nature": ("nature",),
                 "footnote": ("footnote",), "source": ("source",)},
}  # fmt: skip


def carried_fields(layout: str, headings: list[str]) -> frozenset[str]:
    present = {h.split(": ", 1)[0].strip().lower().replace("_", " ") for h in headings}
    present |= {h.split(": ", 1)[0].strip().lower() for h in headings}
    return frozenset(field for field, names in OPTIONAL_COLUMNS[layout].items() if present & set(names))


class RowErrors:
    """Errors found while reading, each naming its row (and the column where it helps)."""

    def __init__(self) -> None:
        self.messages: list[str] = []
        self.by_row: list[tuple[int | None, str]] = []

    def add(self, row: int | None, message: str) -> None:
        self.by_row.append((row, message))
        self.messages.append(
            _("Row %(row)s: %(message)s") % {"row": row, "message": message} if row else message
        )

    def __bool__(self) -> bool:
        return bool(self.messages)


class _Row:
    """One row's cells by lower-cased heading, with converters that record what is wrong instead of raising."""

    def __init__(self, number: int, cells: dict[str, str], errors: RowErrors) -> None:
        self.number, self.cells, self.errors, self.ok = number, cells, errors, True

    def fail(self, message: str) -> None:
        self.ok = False
        self.errors.add(self.number, message)

    def text(self, *names: str) -> str:
        for name in names:
            value = self.cells.get(name.lower(), "")
            if value:
                return value.split(": ", 1)[0].strip() if ": " in value and name.isupper() else value.strip()
        return ""

    def required(self, label: str, *names: str) -> str:
        value = self.text(*names)
        if not value:
            self.fail(_("%(column)s is empty.") % {"column": label})
        return value

    def decimal(self, label: str, *names: str, required: bool = False) -> Decimal | None:
        raw = self.text(*names)
        if not raw:
            if required:
                self.fail(_("%(column)s is empty.") % {"column": label})
            return None
        try:
            value = Decimal(raw)
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite() or abs(value) >= MAX_ABS_VALUE:
            self.fail(_("%(column)s “%(value)s” is not a number.") % {"column": label, "value": raw[:40]})
            return None
        return value.quantize(Decimal("0.000001"))

    def period(self, label: str, *names: str, detail: str = "") -> tuple[int, int] | None:
        raw = (detail or self.text(*names)).replace("–", "-").replace("/", "-").strip()
        if not raw:
            self.fail(_("%(column)s is empty.") % {"column": label})
            return None
        match = re.fullmatch(r"(\d{4})(?:\.0)?(?:\s*-\s*(\d{2,4}))?", raw)
        if not match:
            self.fail(
                _("%(column)s “%(value)s” is not a year (2020) or a period (2013-2014).")
                % {"column": label, "value": raw[:40]}
            )
            return None
        start = int(match.group(1))
        end_text = match.group(2)
        end = (
            start
            if not end_text
            else int(end_text)
            if len(end_text) == 4
            else start // 100 * 100 + int(end_text)
        )
        if not (MIN_YEAR <= start <= end <= MAX_YEAR):
            self.fail(
                _("%(column)s “%(value)s” is not a period between %(min)s and %(max)s.")
                % {"column": label, "value": raw[:40], "min": MIN_YEAR, "max": MAX_YEAR}
            )
            return None
        return start, end

    def code(self, label: str, value: str, mapping: dict[str, str]) -> str:
        key = value.strip().upper()
        if key in mapping:
            return mapping[key]
        self.fail(
            _("%(column)s “%(value)s” is not one of %(allowed)s.")
            % {"column": label, "value": value[:40], "allowed": ", ".join(sorted(k for k in mapping if k))}
        )
        return ""


SEX_CODES = {
    **dict.fromkeys(TOTALS, ""),
    "F": "F",
    "FEMALE": "F",
    "GIRLS": "F",
    "WOMEN": "F",
    "M": "M",
    "MALE": "M",
    "BOYS": "M",
    "MEN": "M",
}
LOCATION_CODES = {**dict.fromkeys(TOTALS, ""), "U": "U", "URBAN": "U", "R": "R", "RURAL": "R"}
NATURE_CODES = {"": "", **{code: code for code in NATURES}}


def age_code(value: str) -> str:
    """ "Y5T17" (SDMX), "5-17" (SDG), "ALLAGE" or "_T" (all ages) → "5-17" or ""; other labels kept, trimmed."""
    text = value.strip()
    if text.upper() in TOTALS:
        return ""
    sdmx = re.fullmatch(r"Y(\d+)T(\d+)", text.upper())
    if sdmx:
        return f"{int(sdmx.group(1))}-{int(sdmx.group(2))}"
    at_least = re.fullmatch(r"Y_GE(\d+)", text.upper())
    if at_least:
        return f"{int(at_least.group(1))}+"
    return re.sub(r"\s+", "", text)[:16]


def sector_code(value: str) -> str:
    text = value.strip()
    if text.upper() in TOTALS:
        return ""
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:40]


def _finish(
    row: _Row,
    *,
    series: str,
    area: str,
    period: tuple[int, int] | None,
    value: Decimal | None,
    **fields: Any,
) -> ParsedRow | None:
    if not row.ok or period is None or value is None:
        return None
    lower, upper = fields["lower_bound"], fields["upper_bound"]
    if isinstance(lower, Decimal) and isinstance(upper, Decimal) and lower > upper:
        row.fail(_("the lower bound is above the upper bound."))
        return None
    return ParsedRow(
        row=row.number,
        series_code=series,
        area_code=area,
        year=period[0],
        end_year=period[1],
        value=value,
        **fields,
    )


# --- UN SDG Global Database ---------------------------------------------------------------------------------

SDG_REQUIRED = ["SeriesCode", "GeoAreaCode", "TimePeriod", "Value"]
SDG_BREAKDOWNS_NOT_KEPT = {
    "[education level]",
    "[quantile]",
    "[disability status]",
    "[migratory status]",
    "[type of occupation]",
    "[name of international institution]",
}


def parse_sdg(table: Table, errors: RowErrors) -> list[ParsedRow]:
    carried = carried_fields("sdg", table.headings)
    headings = [h.lower() for h in table.headings]
    parsed = []
    for number, cells in table.rows:
        row = _Row(number, dict(zip(headings, cells, strict=False)), errors)
        _refuse_breakdowns(row, SDG_BREAKDOWNS_NOT_KEPT)
        series = row.required("SeriesCode", "seriescode")
        area = row.required("GeoAreaCode", "geoareacode")
        period = row.period("TimePeriod", "timeperiod", detail=_period_detail(row.text("time_detail")))
        value = row.decimal("Value", "value", required=True)
        parsed_row = _finish(
            row,
            series=series,
            area=area,
            period=period,
            value=value,
            sex=row.code("[Sex]", row.text("[sex]", "sex"), SEX_CODES),
            age=age_code(row.text("[age]", "age")),
            location=row.code("[Location]", row.text("[location]", "location"), LOCATION_CODES),
            sector=sector_code(row.text("[sector]", "[activity]")),
            lower_bound=row.decimal("LowerBound", "lowerbound"),
            upper_bound=row.decimal("UpperBound", "upperbound"),
            nature=row.code("[Nature]", row.text("[nature]", "nature"), NATURE_CODES),
            footnote=row.text("footnote")[:2000],
            source=row.text("source")[:400],
            units=row.text("[units]", "units"),
            carried=carried,
        )
        if parsed_row:
            parsed.append(parsed_row)
    return parsed


def _period_detail(detail: str) -> str:
    """Time_Detail carries the survey period ("2013-2014") when it spans years; a single year adds nothing."""
    return detail if re.fullmatch(r"\s*\d{4}\s*[-–/]\s*\d{2,4}\s*", detail or "") else ""


# --- SDMX-CSV -------------------------------------------------------------------------------------------------

SDMX_REQUIRED = ["SERIES", "REF_AREA", "TIME_PERIOD", "OBS_VALUE"]
SDMX_BREAKDOWNS_NOT_KEPT = {
    "income_wealth_quantile",
    "education_lev",
    "occupation",
    "cust_breakdown",
    "composite_breakdown",
    "disability_status",
    "product",
}


def parse_sdmx(table: Table, errors: RowErrors) -> list[ParsedRow]:
    carried = carried_fields("sdmx", table.headings)
    headings = [h.split(": ", 1)[0].strip().lower() for h in table.headings]
    parsed = []
    for number, cells in table.rows:
        row = _Row(number, dict(zip(headings, cells, strict=False)), errors)
        _refuse_breakdowns(row, SDMX_BREAKDOWNS_NOT_KEPT)
        series = row.required("SERIES", "SERIES")
        area = row.required("REF_AREA", "REF_AREA")
        period = row.period("TIME_PERIOD", "TIME_PERIOD")
        value = row.decimal("OBS_VALUE", "OBS_VALUE", required=True)
        parsed_row = _finish(
            row,
            series=series,
            area=area,
            period=period,
            value=value,
            sex=row.code("SEX", row.text("SEX"), SEX_CODES),
            age=age_code(row.text("AGE")),
            location=row.code("URBANISATION", row.text("URBANISATION"), LOCATION_CODES),
            sector=sector_code(row.text("ACTIVITY", "SECTOR")),
            lower_bound=row.decimal("LOWER_BOUND", "LOWER_BOUND"),
            upper_bound=row.decimal("UPPER_BOUND", "UPPER_BOUND"),
            nature=row.code("NATURE", row.text("NATURE"), NATURE_CODES),
            footnote=row.text("COMMENT_OBS")[:2000],
            source=row.text("SOURCE_DETAIL")[:400],
            units=row.text("UNIT_MEASURE"),
            carried=carried,
        )
        if parsed_row:
            parsed.append(parsed_row)
    return parsed


# --- the platform's template --------------------------------------------------------------------------------

TEMPLATE_COLUMNS = [
    "series",
    "area",
    "year",
    "sex",
    "age",
    "location",
    "sector",
    "value",
    "lower bound",
    "upper bound",
    "nature",
    "footnote",
    "source",
]
TEMPLATE_REQUIRED = ["series", "area", "year", "value"]


def parse_template(table: Table, errors: RowErrors) -> list[ParsedRow]:
    carried = carried_fields("template", table.headings)
    headings = [h.lower().replace("_", " ") for h in table.headings]
    parsed = []
    for number, cells in table.rows:
        row = _Row(number, dict(zip(headings, cells, strict=False)), errors)
        series = row.required("series", "series")
        area = row.required("area", "area")
        period = row.period("year", "year")
        value = row.decimal("value", "value", required=True)
        parsed_row = _finish(
            row,
            series=series,
            area=area,
            period=period,
            value=value,
            sex=row.code("sex", row.text("sex"), SEX_CODES),
            age=age_code(row.text("age")),
            location=row.code("location", row.text("location"), LOCATION_CODES),
            sector=sector_code(row.text("sector")),
            lower_bound=row.decimal("lower bound", "lower bound"),
            upper_bound=row.decimal("upper bound", "upper bound"),
            nature=row.code("nature", row.text("nature"), NATURE_CODES),
            footnote=row.text("footnote")[:2000],
            source=row.text("source")[:400],
            units="",
            carried=carried,
        )
        if parsed_row:
            parsed.append(parsed_row)
    return parsed


def _refuse_breakdowns(row: _Row, names: set[str]) -> None:
    for name in names:
        value = row.cells.get(name, "").split(": ", 1)[0].strip()
        if value and value.upper() not in TOTALS:
            row.fail(
                _(
                    "the breakdown by %(column)s is not kept by the platform (only sex, age, location and sector)."
                )
                % {"column": name}
            )


Parser = Callable[[Table, RowErrors], list[ParsedRow]]
FORMATS: dict[str, tuple[list[str], Parser]] = {
    "sdg": (SDG_REQUIRED, parse_sdg),
    "sdmx": (SDMX_REQUIRED, parse_sdmx),
    "template": (TEMPLATE_REQUIRED, parse_template),
}


def detect_format(headings: list[str]) -> str | None:
    """The layout whose required headings are all present, or None."""
    present = {h.split(": ", 1)[0].strip().lower().replace("_", " ") for h in headings}
    present |= {h.split(": ", 1)[0].strip().lower() for h in headings}
    for name, (required, _parser) in FORMATS.items():
        if all(column.lower() in present for column in required):
            return name
    return None


def missing_columns(format_name: str, headings: list[str]) -> list[str]:
    present = {h.split(": ", 1)[0].strip().lower() for h in headings}
    present |= {p.replace("_", " ") for p in present}
    required, _parser = FORMATS[format_name]
    return [column for column in required if column.lower() not in present]
