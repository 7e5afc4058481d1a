"""The data API: series, observations (also as CSV), area profiles, Target 8.7 paces, imports and published tables.

Reads take credentials optionally: a series or table limited to partners or to a body shows only to them. Imports
need a person who may import (the Secretariat, or a series' data steward's focal points) and answer every problem
in the file by row, with nothing saved.
"""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from alliance87.accounts.api_auth import OPTIONAL_CREDENTIALS, PERSON, READER, caller, viewer
from alliance87.core.api.errors import AUTH_ERRORS, READ_ERRORS, WRITE_ERRORS
from alliance87.core.api.imports import ImportJobOut, job_out
from alliance87.core.api.pagination import LimitOffset
from alliance87.core.csv_export import csv_response
from alliance87.core.imports import start_import

from . import import_jobs, selectors, services
from .models import Area, ImportBatch, ImportFormat, Observation, PublishedTable, Series
from .schemas import (
    DataAreaOut,
    DataAreaProfileOut,
    DataImportOut,
    DataObservationOut,
    DataSeriesOut,
    DataTableOut,
    DataTargetPaceOut,
)
from .selectors import Value

router = Router(tags=["data"])
READ_ERRORS_WITH_TOKEN = {**READ_ERRORS, 401: AUTH_ERRORS[401]}
CSV_RESPONSE = {
    "responses": {
        "200": {
            "description": "CSV, UTF-8 with a byte-order mark.",
            "content": {"text/csv": {"schema": {"type": "string"}}},
        }
    },
    **OPTIONAL_CREDENTIALS,
}
TOTAL_CODES = {"_T", "total"}


def _dimension(value: str | None) -> str | None:
    """A dimension filter: absent means any value; "_T" or "total" means the total ("")."""
    if value is None:
        return None
    return "" if value in TOTAL_CODES else value


class DataSeriesQuery(Schema):
    indicator: str | None = Field(None, description="An SDG indicator code, e.g. 8.7.1.")


class DataObservationQuery(Schema):
    series: str | None = Field(None, description="A series code.")
    indicator: str | None = Field(None, description="An SDG indicator code, e.g. 8.7.1.")
    area: str | None = Field(
        None, description="An area code: ISO alpha-2, or M49 for the world and SDG regions."
    )
    year: int | None = Field(None, ge=1950, le=2100)
    year_from: int | None = Field(None, ge=1950, le=2100, description="Periods ending in or after this year.")
    year_to: int | None = Field(
        None, ge=1950, le=2100, description="Periods starting in or before this year."
    )
    sex: str | None = Field(None, description="F, M, or _T for both sexes; absent for every value.")
    age: str | None = Field(None, description="An age group (e.g. 5-11) or _T for the series' whole range.")
    location: str | None = Field(None, description="U, R, or _T for urban and rural together.")
    sector: str | None = Field(None, description="A sector code, or _T for all sectors.")


def _filtered(request: HttpRequest, filters: DataObservationQuery) -> QuerySet[Observation]:
    return selectors.observations(
        viewer(request),
        series=filters.series or "",
        indicator=filters.indicator or "",
        area=filters.area or "",
        year=filters.year,
        year_from=filters.year_from,
        year_to=filters.year_to,
        sex=_dimension(filters.sex),
        age=_dimension(filters.age),
        location=_dimension(filters.location),
        sector=_dimension(filters.sector),
    )


@router.get(
    "/data/series",
    response={200: list[DataSeriesOut], **READ_ERRORS_WITH_TOKEN},
    auth=READER,
    openapi_extra=OPTIONAL_CREDENTIALS,
)
@paginate(LimitOffset)
def list_series(request: HttpRequest, filters: Query[DataSeriesQuery]) -> QuerySet[Series]:
    """The series catalogue, as far as the caller may see it."""
    return selectors.series_catalogue(viewer(request), indicator=filters.indicator or "")


@router.get(
    "/data/series/{code}",
    response={200: DataSeriesOut, **READ_ERRORS_WITH_TOKEN},
    auth=READER,
    openapi_extra=OPTIONAL_CREDENTIALS,
)
def get_series(request: HttpRequest, code: str) -> Series:
    """One series with its definition, source, licence, access level and caveats."""
    return selectors.series_by_code(viewer(request), code)


@router.get(
    "/data/observations",
    response={200: list[DataObservationOut], **READ_ERRORS_WITH_TOKEN},
    auth=READER,
    openapi_extra=OPTIONAL_CREDENTIALS,
)
@paginate(LimitOffset)
def list_observations(request: HttpRequest, filters: Query[DataObservationQuery]) -> QuerySet[Observation]:
    """Observations filtered by series, SDG indicator, area, year and dimensions."""
    return _filtered(request, filters)


OBSERVATION_COLUMNS = [
    "series", "area", "year", "end_year", "sex", "age", "location", "sector", "value", "lower_bound",
    "upper_bound", "nature", "footnote", "source", "source_url",
]  # fmt: skip


@router.get(
    "/data/observations.csv",
    response={**READ_ERRORS_WITH_TOKEN},
    auth=READER,
    openapi_extra=CSV_RESPONSE,
)
def observations_csv(request: HttpRequest, filters: Query[DataObservationQuery]) -> HttpResponse:
    """The same observations as CSV, all of them (no pagination)."""
    rows = (
        [o.series.code, o.area.code, o.year, o.end_year, o.sex, o.age, o.location, o.sector, o.value,
         o.lower_bound, o.upper_bound, o.nature, o.footnote, str(o.source) if o.source else "",
         o.source.url if o.source else ""]
        for o in _filtered(request, filters).iterator(chunk_size=2000)
    )  # fmt: skip
    return csv_response("observations.csv", OBSERVATION_COLUMNS, rows)


@router.get("/data/areas", response={200: list[DataAreaOut], **READ_ERRORS})
@paginate(LimitOffset)
def list_areas(request: HttpRequest) -> QuerySet[Area]:
    """The world, the SDG and ILO regions and every country or area, with their codes."""
    return Area.objects.select_related("sdg_region").order_by("kind", "code")


def _area(code: str) -> Area:
    try:
        return selectors.area_by_code(code)
    except Area.DoesNotExist:
        raise Http404 from None


def _value(v: Value) -> dict[str, Any]:
    return {
        **{k: getattr(v, k) for k in selectors.OBSERVATION_FIELDS if not k.endswith("_id")},
        "source": v.source,
    }


@router.get(
    "/data/areas/{code}/profile",
    response={200: DataAreaProfileOut, **READ_ERRORS_WITH_TOKEN},
    auth=READER,
    openapi_extra=OPTIONAL_CREDENTIALS,
)
def area_profile(request: HttpRequest, code: str) -> dict[str, Any]:
    """An area's data profile: each series' trend and latest breakdowns, listed goods, and what is missing."""
    profile = selectors.area_profile(viewer(request), _area(code))
    return {
        "area": profile.area,
        "series": [
            {
                "series": block.series,
                "trend": [_value(v) for v in block.trend],
                "breakdown": [_value(v) for v in block.breakdown],
            }
            for block in profile.blocks
        ],
        "goods": profile.goods,
        "missing_indicators": [indicator.code for indicator in profile.missing_indicators],
        "stale_series": [block.series.code for block in profile.stale],
    }


@router.get(
    "/data/areas/{code}/profile.csv",
    response={**READ_ERRORS_WITH_TOKEN},
    auth=READER,
    openapi_extra=CSV_RESPONSE,
)
def area_profile_csv(request: HttpRequest, code: str) -> HttpResponse:
    """Every value of an area's profile as CSV."""
    area = _area(code)
    profile = selectors.area_profile(viewer(request), area)
    rows = (
        [b.series.code, area.code, v.year, v.end_year, v.sex, v.age, v.location, v.sector, v.value, v.lower_bound,
         v.upper_bound, v.nature, v.footnote, str(v.source) if v.source else "", v.source.url if v.source else ""]
        for b in profile.blocks for v in [*b.trend, *b.breakdown]
    )  # fmt: skip
    return csv_response(f"{area.slug}-profile.csv", OBSERVATION_COLUMNS, rows)


@router.get(
    "/data/targets",
    response={200: list[DataTargetPaceOut], **READ_ERRORS_WITH_TOKEN},
    auth=READER,
    openapi_extra=OPTIONAL_CREDENTIALS,
)
def target_paces(request: HttpRequest) -> list[dict[str, Any]]:
    """Each part of Target 8.7: its world series, the observed and required pace, and the sentence to quote."""
    answers = []
    for item in selectors.target_paces(viewer(request)):
        pace = item.pace
        latest = pace.latest
        answers.append(
            {
                "part": pace.part,
                "title": pace.title,
                "deadline": pace.deadline,
                "deadline_passed": pace.deadline_passed,
                "series": item.series.code if item.series else None,
                "points": list(pace.points),
                "base_year": pace.base[0] if pace.base else None,
                "latest_year": latest[0] if latest else None,
                "latest_value": latest[1] if latest else None,
                "observed_per_year": pace.observed_per_year,
                "required_per_year": pace.required_per_year,
                "required_by": pace.required_by,
                "times_faster": pace.times_faster,
                "zero_year": pace.zero_year,
                "verdict": str(pace.assessment.category.value) if pace.assessment else None,
                "headline": pace.headline if item.series else "",
                "method": pace.method,
            }
        )
    return answers


@router.post("/data/imports", auth=PERSON, response={202: ImportJobOut, **WRITE_ERRORS})
def import_observations(
    request: HttpRequest, file: File[UploadedFile], format: Form[ImportFormat | None] = None
) -> Status[dict[str, Any]]:
    """Import observations from a file (multipart, field `file`): SDG Global Database CSV, SDMX-CSV or the template.

    Answers 202 with the import's record at once; GET its `url` until `state` is `done` or `failed`. All or
    nothing: a failed import lists every problem by row and saves nothing. Rows matching an existing observation
    update it; `counts.batch` names the import batch (`/data/imports/{id}`) with the changes, values before and
    after.
    """
    services.check_upload_size(file.size or 0)
    job = start_import(
        by=caller(request),
        kind=import_jobs.KIND,
        file_name=file.name or "upload",
        content=file.read(),
        options={"format": format.value if format else ""},
        via_api=True,
    )
    return Status(202, job_out(job))


@router.get(
    "/data/imports/{import_id}", auth=PERSON, response={200: DataImportOut, **AUTH_ERRORS, **READ_ERRORS}
)
def get_import(request: HttpRequest, import_id: int) -> ImportBatch:
    """One import, with what it changed (values before and after)."""
    return selectors.import_batches(caller(request)).get(pk=import_id)


@router.get(
    "/data/tables",
    response={200: list[DataTableOut], **READ_ERRORS_WITH_TOKEN},
    auth=READER,
    openapi_extra=OPTIONAL_CREDENTIALS,
)
@paginate(LimitOffset)
def list_tables(request: HttpRequest) -> QuerySet[PublishedTable]:
    """Tables of counts from case-level data, published after disclosure control."""
    return selectors.published_tables(viewer(request))


@router.get(
    "/data/tables/{table_id}",
    response={200: DataTableOut, **READ_ERRORS_WITH_TOKEN},
    auth=READER,
    openapi_extra=OPTIONAL_CREDENTIALS,
)
def get_table(request: HttpRequest, table_id: int) -> PublishedTable:
    """One published table; withheld counts are null."""
    return selectors.published_tables(viewer(request)).get(pk=table_id)
