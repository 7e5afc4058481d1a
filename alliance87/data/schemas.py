"""The data API's shapes; every name starts with "Data" so that the OpenAPI document stays unambiguous."""

import datetime
from decimal import Decimal
from typing import Any

from ninja import Field, Schema

from alliance87.core.api.provenance import PROVENANCE_FIELD, ProvenanceOut
from alliance87.core.api.translations import TranslatedOut

from .models import Area, ImportBatch, Observation, PublishedTable, Series, Source


class DataSourceOut(Schema):
    title: str
    publisher: str
    year: int | None
    url: str
    licence: str
    accessed: datetime.date | None = Field(description="When the platform read it.")


class DataSeriesOut(TranslatedOut, Schema):
    """A series; its name and definition in your language where a translation is given (see `untranslated`)."""

    provenance: ProvenanceOut = PROVENANCE_FIELD
    code: str
    name: str
    unit: str = Field(description="percent, millions, number, per_1000 or per_100k.")
    decimals: int
    indicator: str | None = Field(description="The SDG indicator the series measures (e.g. 8.7.1).")
    definition: str
    source_organisation: str
    source: DataSourceOut | None = Field(description="The main source; each observation may cite its own.")
    licence: str
    licence_url: str
    methodology: str
    caveats: str
    direction: str
    access: str = Field(description="public, partners or body.")
    tracks: str = Field(description="The part of Target 8.7 the series' world values measure, if any.")
    is_illustrative: bool = Field(description="Not real figures: shown as an illustration only.")
    url: str

    @staticmethod
    def resolve_indicator(series: Series) -> str | None:
        return series.indicator.code if series.indicator else None

    @staticmethod
    def resolve_source(series: Series) -> Source | None:
        return series.default_source

    @staticmethod
    def resolve_url(series: Series) -> str:
        return series.get_absolute_url()


class DataAreaOut(Schema):
    code: str = Field(description="ISO 3166 alpha-2 for countries; M49 for the world and SDG regions.")
    kind: str
    scheme: str = Field(description="For regions: sdg or ilo.")
    name: str = Field(description="In the language of the request.")
    iso3: str
    m49: int | None
    sdg_region: str | None = Field(description="The code of a country's SDG region.")
    url: str

    @staticmethod
    def resolve_name(area: Area) -> str:
        return area.display_name

    @staticmethod
    def resolve_sdg_region(area: Area) -> str | None:
        return area.sdg_region.code if area.sdg_region else None

    @staticmethod
    def resolve_url(area: Area) -> str:
        return area.get_absolute_url()


class DataObservationOut(Schema):
    series: str
    area: str
    year: int
    end_year: int = Field(description="Equal to year for a single year; the last year of a period otherwise.")
    sex: str = Field(description='"" for both sexes, F or M.')
    age: str = Field(description='"" for the series\' whole age range, else a group such as 5-11.')
    location: str = Field(description='"" for urban and rural together, U or R.')
    sector: str
    value: Decimal
    lower_bound: Decimal | None
    upper_bound: Decimal | None
    nature: str = Field(description="C, CA, E, G, M or N, as the SDG Global Database codes it.")
    footnote: str
    source: DataSourceOut | None

    @staticmethod
    def resolve_series(observation: Observation) -> str:
        return observation.series.code

    @staticmethod
    def resolve_area(observation: Observation) -> str:
        return observation.area.code


class DataValueOut(Schema):
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
    source: DataSourceOut | None


class DataProfileSeriesOut(Schema):
    series: DataSeriesOut
    trend: list[DataValueOut] = Field(description="The total over time.")
    breakdown: list[DataValueOut] = Field(description="The breakdowns of the latest year.")


class DataGoodOut(Schema):
    good: str
    child_labour: bool
    forced_labour: bool
    edition: int
    source: DataSourceOut


class DataAreaProfileOut(Schema):
    area: DataAreaOut
    series: list[DataProfileSeriesOut]
    goods: list[DataGoodOut]
    missing_indicators: list[str] = Field(
        description="SDG indicators with no value recorded for the country."
    )
    stale_series: list[str] = Field(description="Series whose latest value is more than five years old.")


class DataTargetPaceOut(Schema):
    part: str
    title: str
    deadline: int
    deadline_passed: bool
    series: str | None
    points: list[tuple[int, float]]
    base_year: int | None
    latest_year: int | None
    latest_value: float | None
    observed_per_year: float | None = Field(description="Straight-line change a year from the base estimate.")
    required_per_year: float | None = Field(description="Straight-line change a year needed to reach zero.")
    required_by: int | None
    times_faster: float | None
    zero_year: int | None
    verdict: str | None = Field(description="The Open SDG progress measure's category.")
    headline: str
    method: str


class DataChangeOut(Schema):
    series: str = Field(alias="series_code")
    area: str = Field(alias="area_code")
    key: str
    before: dict[str, Any]
    after: dict[str, Any]


class DataImportOut(Schema):
    id: int
    created_at: datetime.datetime
    created_by: str | None
    file_name: str
    format: str
    via_api: bool
    rows: int
    created: int
    updated: int
    unchanged: int
    series: list[str]
    changes: list[DataChangeOut]

    @staticmethod
    def resolve_created_by(batch: ImportBatch) -> str | None:
        return batch.created_by.display_name if batch.created_by else None

    @staticmethod
    def resolve_series(batch: ImportBatch) -> list[str]:
        return [series.code for series in batch.series.all()]

    @staticmethod
    def resolve_changes(batch: ImportBatch) -> list[Any]:
        return list(batch.changes.all()[:1000])


class DataTableOut(Schema):
    id: int
    title: str
    organisation: str
    row_variable: str
    column_variable: str
    threshold: int
    rows: list[str]
    columns: list[str]
    cells: list[list[int | None]] = Field(description="null where a count is withheld.")
    row_totals: list[int | None]
    column_totals: list[int | None]
    grand_total: int | None
    rule: str
    is_illustrative: bool
    published_at: datetime.datetime

    @staticmethod
    def resolve_organisation(table: PublishedTable) -> str:
        return str(table.dataset.organisation)

    @staticmethod
    def resolve_rows(table: PublishedTable) -> list[str]:
        return list(table.cells["rows"])

    @staticmethod
    def resolve_columns(table: PublishedTable) -> list[str]:
        return list(table.cells["columns"])

    @staticmethod
    def resolve_cells(table: PublishedTable) -> list[list[int | None]]:
        return list(table.cells["cells"])

    @staticmethod
    def resolve_row_totals(table: PublishedTable) -> list[int | None]:
        return list(table.cells["row_totals"])

    @staticmethod
    def resolve_column_totals(table: PublishedTable) -> list[int | None]:
        return list(table.cells["column_totals"])

    @staticmethod
    def resolve_grand_total(table: PublishedTable) -> int | None:
        total = table.cells["grand_total"]
        return int(total) if total is not None else None

    @staticmethod
    def resolve_is_illustrative(table: PublishedTable) -> bool:
        return table.dataset.is_illustrative

    @staticmethod
    def resolve_published_at(table: PublishedTable) -> datetime.datetime:
        return table.created_at
