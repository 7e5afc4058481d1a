"""Pages of data on Target 8.7: the dashboard with its map, series, area profiles, imports and case-level data."""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alliance87.accounts.types import SignedInRequest
from alliance87.core.csv_export import csv_response
from alliance87.core.form_views import handle_form
from alliance87.core.fragments import fragment
from alliance87.core.imports import see_job, start_import
from alliance87.core.pagecache import changed_in_open_transaction

from . import case_data, charts, import_jobs, permissions, selectors, services
from .forms import CaseUploadForm, ImportForm, IndicatorFilterForm, MapForm, PublishForm, SeriesForm
from .imports import TEMPLATE_COLUMNS
from .models import Area, AreaKind, CaseDataset, PublishedTable, Series
from .selectors import Value

UN_MAP_DISCLAIMER = (
    "The boundaries and names shown and the designations used on this map do not imply official endorsement or "
    "acceptance by the United Nations."
)
OBSERVATION_HEADER = [
    "series", "area", "area_name", "year", "end_year", "sex", "age", "location", "sector", "value", "lower_bound",
    "upper_bound", "unit", "nature", "footnote", "source", "source_url",
]  # fmt: skip


def _observation_row(series: Series, area: Area, v: Value) -> list[Any]:
    return [
        series.code, area.code, area.name, v.year, v.end_year, v.sex, v.age, v.location, v.sector, v.value,
        v.lower_bound, v.upper_bound, series.unit, v.nature, v.footnote,
        str(v.source) if v.source else "", v.source.url if v.source else "",
    ]  # fmt: skip


def _series_or_404(request: HttpRequest, code: str) -> Series:
    try:
        return selectors.series_by_code(request.user, code)
    except Series.DoesNotExist:
        raise Http404 from None


def _area_or_404(code: str) -> Area:
    try:
        return selectors.area_by_code(code)
    except Area.DoesNotExist:
        raise Http404 from None


# --- the dashboard and its map ------------------------------------------------------------------------------------


def _map_choice(request: HttpRequest) -> tuple[MapForm, selectors.MapData]:
    """The series and year the map shows, from the query string; an unknown one is a 404, not a guess."""
    choices = list(selectors.map_series_choices(request.user))
    default = next(
        (s for s in choices if s.indicator and s.indicator.code == "8.7.1"), choices[0] if choices else None
    )
    code = request.GET.get("series") or (default.code if default else "")
    series = next((s for s in choices if s.code == code), None)
    raw_year = request.GET.get("year", "")
    year = int(raw_year) if raw_year.isdigit() else None
    if (code and series is None) or (raw_year and year is None):
        raise Http404
    shown = selectors.map_data(request.user, series, year)
    if year is not None and year not in shown.years:
        raise Http404
    form = MapForm(
        initial={"series": code, "year": raw_year},
        series_choices=[
            (s.code, f"{s.indicator.code + ' — ' if s.indicator else ''}{s.name}") for s in choices
        ],
        years=shown.years,
    )
    return form, shown


def dashboard(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "data/dashboard.html",
        {
            "sections": _dashboard_sections(request),
            "can_import": permissions.can_import_observations(request.user),
            "can_upload_cases": permissions.can_upload_case_data(request.user),
        },
    )


def _dashboard_sections(request: HttpRequest) -> str:
    """The figures, paces, map and regional tables: the same for everyone who may see the same series, so kept once
    per data version, language, day, map choice and set of visible series (`core.fragments`) for visitors and
    signed-in people alike. An unknown series or year is a 404 before anything is kept."""
    user = request.user
    choice = request.GET.get("series", "") + "\x00" + request.GET.get("year", "")
    digest = hashlib.blake2b(choice.encode(), digest_size=12).hexdigest()

    def render_sections() -> str:
        form, shown = _map_choice(request)
        world = charts.world_map(
            [(area.code, area.display_name, area.m49, float(value.value)) for area, value in shown.rows]
        )
        regional = selectors.regional_breakdowns(user, selectors.regional_series(user, first=shown.series))
        return render_to_string(
            "data/includes/dashboard_sections.html",
            {
                "figures": selectors.headline_figures(user),
                "paces": selectors.target_paces(user),
                "map_form": form,
                "shown": shown,
                "world": world,
                "regional": [(table, _regional_chart(table)) for table in regional],
                "disclaimer": _(UN_MAP_DISCLAIMER),
            },
        )

    # Only where the part may be kept (`fragment` computes it on the spot otherwise): the key costs a query.
    kept = settings.PAGE_CACHE_VIEWS and not changed_in_open_transaction()
    audience = f"{selectors.visible_series_key(user)}:{digest}" if kept else ""
    return fragment("data.dashboard", audience=audience, compute=render_sections)


def _regional_chart(table: selectors.RegionalBreakdown) -> charts.BarChart:
    latest = table.years[-1]
    rows = [
        (area.display_name, float(per_year[latest].value))
        for area, per_year in table.rows
        if latest in per_year
    ]
    return charts.bar_chart(sorted(rows, key=lambda row: -row[1]), decimals=table.series.decimals)


def map_csv(request: HttpRequest) -> HttpResponse:
    """Exactly the values the map shows, with their years and sources."""
    _form, shown = _map_choice(request)
    if shown.series is None:
        raise Http404
    suffix = str(shown.year) if shown.year else "latest"
    return csv_response(
        f"map-{shown.series.code}-{suffix}.csv",
        OBSERVATION_HEADER,
        [_observation_row(shown.series, area, value) for area, value in shown.rows],
    )


# --- series -------------------------------------------------------------------------------------------------------


def series_list(request: HttpRequest) -> HttpResponse:
    indicators = list(selectors.indicators_with_series(request.user))
    form = IndicatorFilterForm(request.GET or None, indicators=indicators)
    indicator = form.cleaned_data["indicator"] if form.is_valid() else ""
    return render(
        request,
        "data/series_list.html",
        {
            "form": form,
            "series_list": selectors.series_catalogue(request.user, indicator=indicator),
            "can_manage": permissions.can_manage_series(request.user),
        },
    )


def _trend(lines: list[tuple[str, list[Value]]]) -> charts.TrendChart:
    return charts.trend_chart(
        [(label, [(v.plotted_year, float(v.value)) for v in values]) for label, values in lines]
    )


def series_detail(request: HttpRequest, code: str) -> HttpResponse:
    series = _series_or_404(request, code)
    overview = selectors.series_overview(request.user, series)
    chart_lines = [(area.display_name, values) for area, values in list(overview.aggregates.items())[:6]]
    years = sorted({v.year for values in overview.aggregates.values() for v in values})
    return render(
        request,
        "data/series_detail.html",
        {
            "series": series,
            "overview": overview,
            "chart": _trend(chart_lines),
            "chart_lines": chart_lines,
            "aggregate_years": years,
            "can_manage": permissions.can_manage_series(request.user),
            "can_import": permissions.can_import_into_series(request.user, series),
        },
    )


def series_csv(request: HttpRequest, code: str) -> HttpResponse:
    series = _series_or_404(request, code)
    rows = selectors.observations(request.user, series=series.code)
    return csv_response(
        f"{series.code}.csv",
        OBSERVATION_HEADER,
        (
            [series.code, o.area.code, o.area.name, o.year, o.end_year, o.sex, o.age, o.location, o.sector,
             o.value, o.lower_bound, o.upper_bound, series.unit, o.nature, o.footnote,
             str(o.source) if o.source else "", o.source.url if o.source else ""]
            for o in rows.iterator(chunk_size=2000)
        ),
    )  # fmt: skip


@login_required
def series_edit(request: SignedInRequest, code: str | None = None) -> HttpResponse:
    if not permissions.can_manage_series(request.user):
        raise PermissionDenied
    series = _series_or_404(request, code) if code else None
    form = SeriesForm(request.POST or None, initial=SeriesForm.initial_for(series) if series else None)
    done = handle_form(
        request,
        form,
        lambda: services.save_series(by=request.user, data=form.data_for_service(), series=series),
        success=_("The series has been saved."),
    )
    return done or render(request, "data/series_form.html", {"form": form, "series": series})


# --- areas ----------------------------------------------------------------------------------------------------


def area_list(request: HttpRequest) -> HttpResponse:
    areas = list(selectors.areas_with_data(request.user))
    return render(
        request,
        "data/area_list.html",
        {
            "world_and_regions": [a for a in areas if a.kind != AreaKind.COUNTRY],
            "countries": sorted(
                (a for a in areas if a.kind == AreaKind.COUNTRY), key=lambda a: a.display_name
            ),
        },
    )


def area_detail(request: HttpRequest, code: str) -> HttpResponse:
    area = _area_or_404(code)
    if code != area.slug:
        return redirect(area, permanent=True)
    profile = selectors.area_profile(request.user, area)
    return render(request, "data/area_detail.html", {"area": area, "profile": profile})


def area_series_csv(request: HttpRequest, code: str, series_code: str) -> HttpResponse:
    """The values one chart and table of a profile show: the series' trend and its latest breakdowns."""
    area = _area_or_404(code)
    profile = selectors.area_profile(request.user, area)
    block = next((b for b in profile.blocks if b.series.code == series_code), None)
    if block is None:
        raise Http404
    return csv_response(
        f"{area.slug}-{block.series.code}.csv",
        OBSERVATION_HEADER,
        [_observation_row(block.series, area, v) for v in [*block.trend, *block.breakdown]],
    )


def area_csv(request: HttpRequest, code: str) -> HttpResponse:
    area = _area_or_404(code)
    profile = selectors.area_profile(request.user, area)
    return csv_response(
        f"{area.slug}-data.csv",
        OBSERVATION_HEADER,
        [_observation_row(b.series, area, v) for b in profile.blocks for v in [*b.trend, *b.breakdown]],
    )


# --- imports --------------------------------------------------------------------------------------------------


@login_required
def import_observations(request: SignedInRequest) -> HttpResponse:
    if not permissions.can_import_observations(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.check_upload_size(upload.size)
            job = start_import(
                by=request.user,
                kind=import_jobs.KIND,
                file_name=upload.name or "upload",
                content=upload.read(),
                options={"format": form.cleaned_data["format"]},
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                for problem in problems:
                    form.add_error(field if field in form.fields else None, problem)
        else:
            return see_job(job)
    return render(request, "data/import_form.html", {"form": form, "columns": TEMPLATE_COLUMNS})


def import_template(request: HttpRequest) -> HttpResponse:
    return csv_response(
        "observations-template.csv",
        TEMPLATE_COLUMNS,
        [
            [
                "CL_RATE",
                "NG",
                2022,
                "female",
                "5-17",
                "rural",
                "",
                "44.3",
                "",
                "",
                "C",
                "",
                "https://example.org",
            ]
        ],
    )


@login_required
def import_list(request: SignedInRequest) -> HttpResponse:
    if not permissions.can_import_observations(request.user):
        raise PermissionDenied
    return render(
        request,
        "data/import_list.html",
        {
            "batches": selectors.import_batches(request.user)[:100],
            "can_import": True,
            "can_upload_cases": permissions.can_upload_case_data(request.user),
        },
    )


@login_required
def import_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    if not permissions.can_import_observations(request.user):
        raise PermissionDenied
    batch = get_object_or_404(selectors.import_batches(request.user), pk=pk)
    return render(
        request,
        "data/import_detail.html",
        {"batch": batch, "changes": batch.changes.all()[:1000], "series": batch.series.all()},
    )


# --- case-level data and published tables ----------------------------------------------------------------------


@login_required
def case_list(request: SignedInRequest) -> HttpResponse:
    if not permissions.can_upload_case_data(request.user):
        raise PermissionDenied
    return render(
        request,
        "data/case_list.html",
        {
            "datasets": selectors.case_datasets(request.user),
            "can_read_log": permissions.can_read_publication_log(request.user),
            "can_import": permissions.can_import_observations(request.user),
            "can_upload_cases": True,
        },
    )


@login_required
def case_upload(request: SignedInRequest) -> HttpResponse:
    if not permissions.can_upload_case_data(request.user):
        raise PermissionDenied
    organisations = case_data.upload_organisations(request.user)
    form = CaseUploadForm(request.POST or None, request.FILES or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.check_upload_size(upload.size)
            dataset = case_data.upload_case_dataset(
                by=request.user,
                organisation=form.cleaned_data["organisation"],
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                content=upload.read(),
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                for problem in problems:
                    form.add_error(field if field in form.fields else None, problem)
        else:
            messages.success(
                request, _("The records are stored, restricted to your organisation and the Secretariat.")
            )
            return redirect(dataset)
    return render(request, "data/case_upload.html", {"form": form})


def _dataset_or_404(request: HttpRequest, pk: int) -> CaseDataset:
    return get_object_or_404(selectors.case_datasets(request.user), pk=pk)


@login_required
def case_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    dataset = _dataset_or_404(request, pk)
    can_publish = permissions.can_publish_from_dataset(request.user, dataset)
    form = PublishForm(request.POST or None, columns=dataset.columns)
    if request.method == "POST":
        if not can_publish:
            raise PermissionDenied
        done = handle_form(
            request,
            form,
            lambda: case_data.publish_table(
                by=request.user,
                dataset=dataset,
                title=form.cleaned_data["title"],
                row_variable=form.cleaned_data["row_variable"],
                column_variable=form.cleaned_data["column_variable"],
                threshold=form.cleaned_data["threshold"],
                access=form.cleaned_data["access"],
                access_body=form.cleaned_data["access_body"],
            ),
            success=_("The table has been published after disclosure control."),
        )
        if done:
            return done
    return render(
        request,
        "data/case_detail.html",
        {
            "dataset": dataset,
            "form": form,
            "can_publish": can_publish,
            "tables": dataset.tables.order_by("-created_at"),
            "log": selectors.publication_log(dataset=dataset)[:50],
        },
    )


@login_required
@require_POST
def case_delete(request: SignedInRequest, pk: int) -> HttpResponse:
    dataset = _dataset_or_404(request, pk)
    try:
        case_data.delete_case_dataset(by=request.user, dataset=dataset)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(dataset)
    messages.success(request, _("The data set and its records have been erased."))
    return redirect("data:case-list")


def table_list(request: HttpRequest) -> HttpResponse:
    return render(request, "data/table_list.html", {"tables": selectors.published_tables(request.user)})


def _table_or_404(request: HttpRequest, pk: int) -> PublishedTable:
    return get_object_or_404(selectors.published_tables(request.user), pk=pk)


def table_detail(request: HttpRequest, pk: int) -> HttpResponse:
    table = _table_or_404(request, pk)
    cells = table.cells
    rows = list(zip(cells["rows"], cells["cells"], cells["row_totals"], strict=True))
    return render(
        request,
        "data/table_detail.html",
        {
            "table": table,
            "rows": rows,
            "columns": cells["columns"],
            "column_totals": cells["column_totals"],
            "grand_total": cells["grand_total"],
            "can_withdraw": permissions.can_withdraw_table(request.user, table),
        },
    )


def table_csv(request: HttpRequest, pk: int) -> HttpResponse:
    table = _table_or_404(request, pk)
    cells = table.cells
    suppressed = "x"
    header = [table.row_variable, *cells["columns"], "total"]
    body = [
        [label, *(suppressed if v is None else v for v in values), suppressed if total is None else total]
        for label, values, total in zip(cells["rows"], cells["cells"], cells["row_totals"], strict=True)
    ]
    body.append(
        ["total", *(suppressed if v is None else v for v in cells["column_totals"]),
         suppressed if cells["grand_total"] is None else cells["grand_total"]]
    )  # fmt: skip
    return csv_response(f"table-{table.pk}.csv", header, body)


@login_required
@require_POST
def table_withdraw(request: SignedInRequest, pk: int) -> HttpResponse:
    table = _table_or_404(request, pk)
    dataset = table.dataset
    case_data.withdraw_table(by=request.user, table=table)
    messages.success(request, _("The table has been withdrawn; the publication log keeps the record."))
    return redirect(dataset)


@login_required
def publication_log(request: SignedInRequest) -> HttpResponse:
    if not permissions.can_read_publication_log(request.user):
        raise PermissionDenied
    return render(request, "data/publication_log.html", {"log": selectors.publication_log()[:500]})
