"""Reads of statistical data, each with the access rule applied and a fixed number of queries.

The hub pages (a country's page, the home page) include what these return: `area_profile(person, area)` for a
country's or region's data, `headline_figures(person)` for the world's figures, `target_paces(person)` for where the
world stands against Target 8.7.
"""

from __future__ import annotations

import datetime
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery

from alliance87.accounts.types import Person

from . import charts
from . import pace as pace_rules
from .models import (
    Access,
    Area,
    AreaKind,
    CaseDataset,
    GoodsListing,
    ImportBatch,
    Observation,
    PublicationLog,
    PublishedTable,
    RegionScheme,
    SdgIndicator,
    Series,
    Source,
    TargetPart,
)
from .permissions import (
    visible_case_datasets,
    visible_series,
    visible_series_of_observations,
    visible_tables,
)

TOTALS = Q(sex="", age="", location="", sector="")
STALE_AFTER_YEARS = 5
RECENT_YEARS = 6
PROFILE_INDICATORS = ("8.7.1", "16.2.2", "10.7.1", "5.3.1")
OBSERVATION_FIELDS = (
    "series_id", "area_id", "year", "end_year", "sex", "age", "location", "sector", "value", "lower_bound",
    "upper_bound", "nature", "footnote", "source_id",
)  # fmt: skip


@dataclass(slots=True)
class Value:
    """One observation as read for display: plain data, no model instance (profiles read thousands)."""

    series_id: int
    area_id: int
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
    source_id: int | None
    source: Source | None = None

    @property
    def period(self) -> str:
        return str(self.year) if self.end_year == self.year else f"{self.year}–{self.end_year}"

    @property
    def is_total(self) -> bool:
        return not (self.sex or self.age or self.location or self.sector)

    @property
    def plotted_year(self) -> float:
        """A period is drawn at its middle."""
        return (self.year + self.end_year) / 2


def _values(queryset: QuerySet[Observation]) -> list[Value]:
    """Observations as Values with their sources: two queries, one object per row."""
    rows = list(queryset.values_list(*OBSERVATION_FIELDS))
    ids = {row[-1] for row in rows if row[-1]}
    sources = {s.pk: s for s in Source.objects.filter(pk__in=ids)} if ids else {}
    values = [Value(*row) for row in rows]
    for value in values:
        value.source = sources.get(value.source_id) if value.source_id else None
    return values


# --- series -----------------------------------------------------------------------------------------------------


def series_catalogue(user: Person, *, indicator: str = "") -> QuerySet[Series]:
    """The series a person may see, with the first and latest year of their values."""
    first = Observation.objects.filter(series=OuterRef("pk")).order_by("year").values("year")[:1]
    latest = Observation.objects.filter(series=OuterRef("pk")).order_by("-year").values("year")[:1]
    series = (
        Series.objects.filter(visible_series(user))
        .select_related("indicator", "default_source")
        .annotate(first_year=Subquery(first), latest_year=Subquery(latest))
    )
    if indicator:
        series = series.filter(indicator__code=indicator)
    return series.order_by(F("indicator__code").asc(nulls_last=True), "code")


def series_by_code(user: Person, code: str) -> Series:
    """One series by code; one the person may not see does not exist for them."""
    return Series.objects.select_related("indicator", "default_source", "access_body", "steward").get(
        visible_series(user), code=code
    )


def indicators_with_series(user: Person) -> QuerySet[SdgIndicator]:
    return SdgIndicator.objects.filter(
        Exists(Series.objects.filter(visible_series(user), indicator=OuterRef("pk")))
    )


@dataclass
class SeriesOverview:
    """A series' page: its world and regional values over time, and every area's latest value."""

    series: Series
    aggregates: dict[Area, list[Value]]
    latest_by_area: list[tuple[Area, Value]]
    imports: list[ImportBatch]


def series_overview(user: Person, series: Series) -> SeriesOverview:
    values = _values(Observation.objects.filter(TOTALS, series=series).order_by("year"))
    areas = {
        a.pk: a for a in Area.objects.filter(pk__in={v.area_id for v in values}).select_related("sdg_region")
    }
    aggregates: dict[Area, list[Value]] = defaultdict(list)
    latest: dict[int, Value] = {}
    for value in values:
        area = areas[value.area_id]
        if area.kind != AreaKind.COUNTRY:
            aggregates[area].append(value)
        if value.area_id not in latest or value.year >= latest[value.area_id].year:
            latest[value.area_id] = value
    latest_rows = sorted(
        (
            (areas[area_id], value)
            for area_id, value in latest.items()
            if areas[area_id].kind == AreaKind.COUNTRY
        ),
        key=lambda pair: pair[0].display_name,
    )
    ordered = dict(
        sorted(aggregates.items(), key=lambda pair: (pair[0].kind != AreaKind.WORLD, pair[0].code))
    )
    imports = list(series.imports.select_related("created_by").order_by("-created_at")[:10])
    return SeriesOverview(series=series, aggregates=ordered, latest_by_area=latest_rows, imports=imports)


# --- areas and their profiles -----------------------------------------------------------------------------------


def area_by_code(code: str) -> Area:
    return Area.objects.select_related("sdg_region").get(code__iexact=code)


def areas_with_data(user: Person) -> QuerySet[Area]:
    """Every area, marked with whether any series the person may see has values for it."""
    has_data = Observation.objects.filter(visible_series_of_observations(user), area=OuterRef("pk"))
    return Area.objects.annotate(has_data=Exists(has_data)).order_by("kind", "scheme", "name")


@dataclass
class SeriesBlock:
    """One series in an area's profile: the trend of its total, and the breakdowns of its latest year."""

    series: Series
    trend: list[Value]
    breakdown: list[Value]

    @cached_property
    def chart(self) -> charts.TrendChart | None:
        """The trend of the total, when there are two values or more to join."""
        if len(self.trend) < 2:
            return None
        return charts.trend_chart([("", [(v.plotted_year, float(v.value)) for v in self.trend])])

    @property
    def latest(self) -> Value | None:
        return self.trend[-1] if self.trend else (self.breakdown[0] if self.breakdown else None)

    @property
    def latest_year(self) -> int | None:
        years = [v.end_year for v in self.trend] + [v.end_year for v in self.breakdown]
        return max(years) if years else None


@dataclass
class AreaProfile:
    area: Area
    blocks: list[SeriesBlock]
    goods: list[GoodsListing] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    missing_indicators: list[SdgIndicator] = field(default_factory=list)
    stale: list[SeriesBlock] = field(default_factory=list)
    today: datetime.date = field(default_factory=datetime.date.today)

    @property
    def is_empty(self) -> bool:
        return not self.blocks


def area_profile(user: Person, area: Area, *, today: datetime.date | None = None) -> AreaProfile:
    """An area's data: each visible series' trend and latest breakdowns, its listed goods, and what is missing.

    Four queries whatever the number of series and values: observations, series, sources, goods (countries only).
    """
    today = today or datetime.date.today()
    of_area = Observation.objects.filter(visible_series_of_observations(user), area=area)
    latest_year = (
        Observation.objects.filter(series=OuterRef("series"), area=area).order_by("-year").values("year")[:1]
    )
    values = _values(of_area.filter(TOTALS | Q(year=Subquery(latest_year))).order_by("series_id", "year"))
    series = {
        s.pk: s
        for s in Series.objects.filter(pk__in={v.series_id for v in values}).select_related(
            "indicator", "default_source"
        )
    }
    by_series: dict[int, list[Value]] = defaultdict(list)
    for value in values:
        by_series[value.series_id].append(value)
    blocks = []
    for series_id, series_values in by_series.items():
        trend = [v for v in series_values if v.is_total]
        last_year = max(v.year for v in series_values)
        breakdown = [v for v in series_values if v.year == last_year and not v.is_total]
        blocks.append(SeriesBlock(series=series[series_id], trend=trend, breakdown=breakdown))
    blocks.sort(key=lambda b: (b.series.indicator.code if b.series.indicator else "~", b.series.code))
    profile = AreaProfile(area=area, blocks=blocks, today=today)
    if area.kind == AreaKind.COUNTRY:
        profile.goods = list(GoodsListing.objects.filter(area=area).select_related("source").order_by("good"))
        measured = {b.series.indicator.code for b in blocks if b.series.indicator}
        profile.missing_indicators = [
            indicator
            for indicator in SdgIndicator.objects.filter(code__in=PROFILE_INDICATORS)
            if indicator.code not in measured
        ]
    profile.stale = [b for b in blocks if (b.latest_year or 0) < today.year - STALE_AFTER_YEARS]
    return profile


# --- the dashboard ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """A headline figure: a series' latest world value, with its year and source."""

    series: Series
    value: Value


def headline_figures(user: Person) -> list[Figure]:
    """The latest world value of each headline series (public or visible to the person), with its source."""
    series = {
        s.pk: s
        for s in Series.objects.filter(visible_series(user), is_headline=True).select_related(
            "default_source"
        )
    }
    if not series:
        return []
    values = _values(
        Observation.objects.filter(TOTALS, series_id__in=series, area__kind=AreaKind.WORLD).order_by("year")
    )
    latest: dict[int, Value] = {}
    for value in values:
        latest[value.series_id] = value
    parts = [p for p in TargetPart.values if p]

    def order(series_id: int) -> tuple[int, str]:
        tracks = series[series_id].tracks
        return (parts.index(tracks) if tracks in parts else len(parts), series[series_id].code)

    return [Figure(series=series[sid], value=latest[sid]) for sid in sorted(latest, key=order)]


@dataclass(frozen=True)
class TargetPace:
    series: Series | None
    pace: pace_rules.Pace


def target_paces(user: Person, *, today: datetime.date | None = None) -> list[TargetPace]:
    """For each part of Target 8.7, the world series that measures it and its pace against the deadline."""
    tracking = {
        s.tracks: s
        for s in Series.objects.filter(visible_series(user), access=Access.PUBLIC)
        .exclude(tracks="")
        .select_related("default_source")
    }
    world_values = _values(
        Observation.objects.filter(TOTALS, series__in=tracking.values(), area__kind=AreaKind.WORLD).order_by(
            "year"
        )
    )
    points: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for value in world_values:
        points[value.series_id].append((value.year, float(value.value)))
    results = []
    for part in (p for p in TargetPart.values if p):
        series = tracking.get(part)
        results.append(
            TargetPace(
                series=series,
                pace=pace_rules.assess_part(
                    part,
                    points.get(series.pk, []) if series else [],
                    unit=series.unit if series else "",
                    today=today,
                ),
            )
        )
    return results


@dataclass
class MapData:
    """What the world map shows: one value per country for a series and year (or each country's latest)."""

    series: Series | None
    year: int | None
    rows: list[tuple[Area, Value]]
    years: list[int]


def visible_series_key(user: Person) -> str:
    """A short digest of the series this person may see: two people with the same key see the same figures, map and
    tables (for parts of pages kept for everyone who may see the same rows), whoever they are. One indexed read of a
    small catalogue."""
    ids = Series.objects.filter(visible_series(user)).order_by("pk").values_list("pk", flat=True)
    return hashlib.blake2b(",".join(map(str, ids)).encode(), digest_size=12).hexdigest()


def map_series_choices(user: Person) -> QuerySet[Series]:
    """Series with values for countries, which the map can show."""
    return (
        Series.objects.filter(visible_series(user))
        .filter(Exists(Observation.objects.filter(series=OuterRef("pk"), area__kind=AreaKind.COUNTRY)))
        .select_related("indicator", "default_source")
        .order_by(F("indicator__code").asc(nulls_last=True), "code")
    )


def map_data(user: Person, series: Series | None, year: int | None) -> MapData:
    """The countries' totals for one year, or each country's latest total; the years the series has.

    One pass over the series' country totals reading only whole numbers (id, area, year: nothing to convert), then
    the chosen rows in full: picking each country's latest in Python is quicker on both databases than a
    correlated subquery per row, and reading the decimals of every year only to keep one was most of the page.
    """
    if series is None:
        return MapData(series=None, year=year, rows=[], years=[])
    rows = Observation.objects.filter(TOTALS, series=series, area__kind=AreaKind.COUNTRY).order_by()
    picked: dict[int, tuple[int, int]] = {}
    years: set[int] = set()
    for pk, area_id, row_year in rows.values_list("pk", "area_id", "year").iterator(chunk_size=5000):
        years.add(row_year)
        if (year is None and (area_id not in picked or row_year > picked[area_id][0])) or row_year == year:
            picked[area_id] = (row_year, pk)
    chosen = {
        row[1]: row
        for row in rows.filter(pk__in=[pk for _year, pk in picked.values()]).values_list(*OBSERVATION_FIELDS)
    }
    values = [Value(*row) for row in chosen.values()]
    ids = {v.source_id for v in values if v.source_id}
    sources = {s.pk: s for s in Source.objects.filter(pk__in=ids)} if ids else {}
    for value in values:
        value.source = sources.get(value.source_id) if value.source_id else None
    areas = {a.pk: a for a in Area.objects.filter(pk__in=chosen)}
    shown = sorted(((areas[v.area_id], v) for v in values), key=lambda pair: pair[0].display_name)
    return MapData(series=series, year=year, rows=shown, years=sorted(years))


@dataclass
class RegionalBreakdown:
    series: Series
    scheme: str
    years: list[int]
    rows: list[tuple[Area, dict[int, Value]]]

    @property
    def scheme_label(self) -> str:
        return str(RegionScheme(self.scheme).label)

    @property
    def recent_years(self) -> list[int]:
        """The years a table on the dashboard shows; the series page has them all."""
        return self.years[-RECENT_YEARS:]


def regional_breakdowns(user: Person, series_list: list[Series]) -> list[RegionalBreakdown]:
    """Regional values of the given series, one table per series and grouping scheme (SDG or ILO regions)."""
    if not series_list:
        return []
    values = _values(
        Observation.objects.filter(TOTALS, series__in=series_list, area__kind=AreaKind.REGION).order_by(
            "year"
        )
    )
    areas = {a.pk: a for a in Area.objects.filter(pk__in={v.area_id for v in values})}
    tables: dict[tuple[int, str], dict[Area, dict[int, Value]]] = defaultdict(lambda: defaultdict(dict))
    for value in values:
        area = areas[value.area_id]
        tables[(value.series_id, area.scheme)][area][value.year] = value
    by_pk = {s.pk: s for s in series_list}
    breakdowns = []
    for (series_id, scheme), rows in sorted(
        tables.items(), key=lambda item: (by_pk[item[0][0]].code, item[0][1])
    ):
        years = sorted({year for per_year in rows.values() for year in per_year})
        breakdowns.append(
            RegionalBreakdown(
                series=by_pk[series_id],
                scheme=scheme,
                years=years,
                rows=sorted(rows.items(), key=lambda pair: pair[0].display_name),
            )
        )
    return breakdowns


def regional_series(user: Person, *, first: Series | None = None, limit: int = 6) -> list[Series]:
    """Series the dashboard breaks down by region: the map's series, then the headline ones, then others."""
    candidates = list(
        Series.objects.filter(visible_series(user))
        .filter(Exists(Observation.objects.filter(series=OuterRef("pk"), area__kind=AreaKind.REGION)))
        .select_related("default_source")
        .order_by("code")
    )

    def priority(series: Series) -> tuple[int, str]:
        if first is not None and series.pk == first.pk:
            return (0, "")
        return (1 if series.tracks or series.is_headline else 2, series.code)

    return sorted(candidates, key=priority)[:limit]


# --- imports, case data and published tables ------------------------------------------------------------------


def import_batches(user: Person) -> QuerySet[ImportBatch]:
    """Imports into series the person may see, newest first."""
    return (
        ImportBatch.objects.filter(
            Q(series__in=Series.objects.filter(visible_series(user))) | Q(created_by=user.pk)
        )
        .distinct()
        .select_related("created_by")
        .order_by("-created_at", "-pk")
    )


def case_datasets(user: Person) -> QuerySet[CaseDataset]:
    return CaseDataset.objects.filter(visible_case_datasets(user)).select_related(
        "organisation", "created_by"
    )


def published_tables(user: Person) -> QuerySet[PublishedTable]:
    return (
        PublishedTable.objects.filter(visible_tables(user))
        .select_related("dataset__organisation", "published_by")
        .order_by("-created_at")
    )


def publication_log(*, dataset: CaseDataset | None = None) -> QuerySet[PublicationLog]:
    entries = PublicationLog.objects.select_related("by", "dataset").order_by("-at", "-pk")
    return entries.filter(dataset=dataset) if dataset is not None else entries


def observations(
    user: Person,
    *,
    series: str = "",
    indicator: str = "",
    area: str = "",
    year: int | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
    sex: str | None = None,
    age: str | None = None,
    location: str | None = None,
    sector: str | None = None,
) -> QuerySet[Observation]:
    """Observations a person may see, filtered; a dimension left out (None) is not filtered, "" means the total."""
    rows = Observation.objects.filter(visible_series_of_observations(user)).select_related(
        "series", "area", "source"
    )
    if series:
        rows = rows.filter(series__code=series)
    if indicator:
        rows = rows.filter(series__indicator__code=indicator)
    if area:
        rows = rows.filter(area__code__iexact=area)
    if year is not None:
        rows = rows.filter(year=year)
    if year_from is not None:
        rows = rows.filter(end_year__gte=year_from)
    if year_to is not None:
        rows = rows.filter(year__lte=year_to)
    for name, value in (("sex", sex), ("age", age), ("location", location), ("sector", sector)):
        if value is not None:
            rows = rows.filter(**{name: value})
    return rows.order_by("series__code", "area__code", "year", "sex", "age", "location", "sector")


def countries_by_region() -> list[tuple[Area | None, list[Area]]]:
    """Every country or area, grouped by SDG region in the reader's alphabetical order (for the profile index)."""
    found = Area.objects.filter(kind=AreaKind.COUNTRY).select_related("sdg_region")
    groups: dict[Area | None, list[Area]] = {}
    for area in found:
        groups.setdefault(area.sdg_region, []).append(area)
    ordered = sorted(
        groups.items(), key=lambda group: (group[0] is None, group[0].display_name if group[0] else "")
    )
    return [(region, sorted(members, key=lambda a: a.display_name)) for region, members in ordered]
