"""Changes to statistical data: the series catalogue and imports of observations (case-level data: case_data.py).

Every door (page, API, management command) calls these. Each is keyword-only, runs in one transaction, checks the
permission itself, and refuses bad input with a ValidationError naming the field.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from alliance87.accounts.models import User
from alliance87.bodies.models import Body
from alliance87.core.content_translation import blank_to_none, translation_field_names
from alliance87.partners.models import Organisation

from . import permissions
from .imports import FORMATS, ParsedRow, RowErrors, detect_format, missing_columns, read_table
from .imports.readers import check_size
from .models import (
    Access,
    Area,
    Direction,
    ImportBatch,
    Licence,
    Observation,
    ObservationChange,
    SdgIndicator,
    Series,
    Source,
    TargetPart,
    Unit,
)

MAX_ERRORS_SHOWN = 50
SERIES_CODE = re.compile(r"^[A-Za-z0-9_]{2,40}$")


def errors_on_field(field: str, messages: list[str]) -> ValidationError:
    """At most MAX_ERRORS_SHOWN messages on one field, then how many more there were."""
    shown = messages[:MAX_ERRORS_SHOWN]
    if len(messages) > MAX_ERRORS_SHOWN:
        shown.append(_("… and %(count)s more problems.") % {"count": len(messages) - MAX_ERRORS_SHOWN})
    return ValidationError({field: shown})


class RowsRefused(ValidationError):
    """Problems in a file's rows: a ValidationError on `file` (at most MAX_ERRORS_SHOWN messages), which also
    keeps every problem as (row, message) for an import job's list."""

    def __init__(self, errors: RowErrors):
        super().__init__(errors_on_field("file", errors.messages).error_dict)
        self.by_row = errors.by_row


# --- the series catalogue ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SeriesData:
    """What a series is made of; the form and the API fill it, `save_series` checks and stores it."""

    code: str
    name: str
    unit: str
    source_organisation: str
    licence: str
    decimals: int = 1
    indicator: SdgIndicator | None = None
    definition: str = ""
    default_source: Source | None = None
    methodology: str = ""
    caveats: str = ""
    direction: str = Direction.DECREASE
    access: str = Access.PUBLIC
    access_body: Body | None = None
    steward: Organisation | None = None
    is_illustrative: bool = False
    tracks: str = ""
    is_headline: bool = False
    # Translations (core.content_translation): None or empty where there is none, so the original shows.
    name_fr: str | None = None
    definition_fr: str | None = None
    name_es: str | None = None
    definition_es: str | None = None


#: The translation fields of a series (SeriesData).
SERIES_TRANSLATIONS = translation_field_names(("name", "definition"))


def _others(series: Series | None) -> QuerySet[Series]:
    return Series.objects.exclude(pk=series.pk) if series is not None else Series.objects.all()


def _series_errors(data: SeriesData, *, code: str, series: Series | None) -> dict[str, str]:
    """What is wrong with a series record, by field (empty when nothing is)."""
    errors: dict[str, str] = {}
    if not SERIES_CODE.match(code):
        errors["code"] = _("Use 2 to 40 letters, digits or underscores.")
    elif _others(series).filter(code__iexact=code).exists():
        errors["code"] = _("Another series has this code.")
    if not data.name.strip():
        errors["name"] = _("This field is required.")
    if data.unit not in Unit.values:
        errors["unit"] = _("This is not one of the allowed values.")
    if data.licence not in Licence.values:
        errors["licence"] = _("This is not one of the allowed values.")
    if not data.source_organisation.strip():
        errors["source_organisation"] = _("Name the organisation that publishes the series.")
    if data.access not in Access.values:
        errors["access"] = _("This is not one of the allowed values.")
    elif data.access == Access.BODY and data.access_body is None:
        errors["access_body"] = _("Name the body whose members may see the series.")
    if data.tracks and data.tracks not in TargetPart.values:
        errors["tracks"] = _("This is not one of the allowed values.")
    elif data.tracks and _others(series).filter(tracks=data.tracks).exists():
        errors["tracks"] = _("Another series already measures this part of the target.")
    if data.tracks and data.access != Access.PUBLIC:
        errors["tracks"] = _("The dashboard shows only public series.")
    if not 0 <= data.decimals <= 6:
        errors["decimals"] = _("Between 0 and 6.")
    return errors


@transaction.atomic
def save_series(*, by: User, data: SeriesData, series: Series | None = None) -> Series:
    """Create a series, or change one; the Secretariat keeps the catalogue."""
    if not permissions.can_manage_series(by):
        raise PermissionDenied(_("Only the Secretariat keeps the catalogue of series."))
    code = data.code.strip()
    errors = _series_errors(data, code=code, series=series)
    if errors:
        raise ValidationError(errors)
    fields = {**asdict(data), "code": code, "name": data.name.strip()}
    fields.update({name: blank_to_none(fields[name]) for name in SERIES_TRANSLATIONS})
    fields["indicator"], fields["default_source"] = data.indicator, data.default_source
    fields["access_body"] = data.access_body if data.access == Access.BODY else None
    fields["steward"] = data.steward
    if series is None:
        return Series.objects.create(**fields)
    for name, value in fields.items():
        setattr(series, name, value)
    series.save()
    return series


def check_upload_size(size: int) -> None:
    """Refuse a file over the import limit before a page reads it into memory (the services check it again)."""
    check_size(size)


# --- importing observations -----------------------------------------------------------------------------------

UNIT_CODES = {
    "PERCENT": Unit.PERCENT,
    "PT": Unit.PERCENT,
    "%": Unit.PERCENT,
    "NUMBER": Unit.NUMBER,
    "NU": Unit.NUMBER,
    "PER_1000_POP": Unit.PER_THOUSAND,
    "PER_1000": Unit.PER_THOUSAND,
    "PER_100000_POP": Unit.PER_100K,
    "PER_100000": Unit.PER_100K,
    "MILLIONS": Unit.MILLIONS,
}
COMPARED_FIELDS = ("value", "lower_bound", "upper_bound", "nature", "footnote", "source_id")


def area_lookup() -> dict[str, Area]:
    """Every area under each code an import may use: ISO alpha-2, ISO alpha-3, M49 (with or without zeros)."""
    lookup: dict[str, Area] = {}
    for area in Area.objects.all():
        lookup[area.code.upper()] = area
        if area.iso3:
            lookup[area.iso3.upper()] = area
        if area.m49 is not None:
            lookup[str(area.m49)] = area
            lookup[f"{area.m49:03d}"] = area
    return lookup


def _key(series_id: int, area_id: int, row: ParsedRow) -> tuple[Any, ...]:
    return (series_id, area_id, row.year, row.end_year, row.sex, row.age, row.location, row.sector)


def _observation_key(observation: Observation) -> tuple[Any, ...]:
    o = observation
    return (o.series_id, o.area_id, o.year, o.end_year, o.sex, o.age, o.location, o.sector)


def _describe_key(row: ParsedRow) -> str:
    period = str(row.year) if row.end_year == row.year else f"{row.year}-{row.end_year}"
    parts = [period] + [
        f"{name}={value}"
        for name, value in (
            ("sex", row.sex),
            ("age", row.age),
            ("location", row.location),
            ("sector", row.sector),
        )
        if value
    ]
    return " ".join(parts)


def _as_json(value: Any) -> Any:
    """A value for the change log: decimals as plain text without trailing zeros ("39.2", not "39.200000")."""
    return format(value.normalize(), "f") if isinstance(value, Decimal) else value


@dataclass
class _Resolved:
    row: ParsedRow
    series: Series
    area: Area


def _resolve(rows: list[ParsedRow], *, by: User, errors: RowErrors) -> list[_Resolved]:
    """Match codes to series and areas, check units, permissions and duplicate keys; collect every problem."""
    series_by_code = {
        s.code.upper(): s for s in Series.objects.all()
    }  # the catalogue is small; codes match in any case
    areas = area_lookup()
    allowed: dict[int, bool] = {}
    seen: dict[tuple[Any, ...], int] = {}
    resolved = []
    for row in rows:
        series = series_by_code.get(row.series_code.upper())
        area = areas.get(row.area_code.strip().upper())
        problems = []
        if series is None:
            problems.append(
                _("the series code “%(code)s” is not in the catalogue.") % {"code": row.series_code[:40]}
            )
        if area is None:
            problems.append(
                _("the area code “%(code)s” is unknown (use ISO 3166 alpha-2, alpha-3 or M49).")
                % {"code": row.area_code[:24]}
            )
        if series is not None:
            if series.pk not in allowed:
                allowed[series.pk] = permissions.can_import_into_series(by, series)
            if not allowed[series.pk]:
                problems.append(_("you may not import into the series “%(code)s”.") % {"code": series.code})
            unit = UNIT_CODES.get(row.units.strip().upper())
            if unit is not None and unit != series.unit:
                problems.append(
                    _("the units “%(units)s” do not match the series' unit (%(unit)s).")
                    % {"units": row.units, "unit": Unit(series.unit).label}
                )
        if (row.lower_bound is not None and row.lower_bound > row.value) or (
            row.upper_bound is not None and row.upper_bound < row.value
        ):
            problems.append(_("the value lies outside its confidence bounds."))
        if series is not None and area is not None:
            key = _key(series.pk, area.pk, row)
            if key in seen:
                problems.append(
                    _("the same series, area, period and dimensions as row %(row)s.") % {"row": seen[key]}
                )
            else:
                seen[key] = row.row
        for problem in problems:
            errors.add(row.row, problem)
        if not problems and series is not None and area is not None:
            resolved.append(_Resolved(row=row, series=series, area=area))
    return resolved


def _sources_for(resolved: list[_Resolved]) -> dict[str, Source | None]:
    """The Source named by each distinct source text (its address or title), created when there is none yet."""
    texts = {item.row.source for item in resolved if item.row.source}
    found: dict[str, Source | None] = {"": None}
    for source in Source.objects.filter(url__in=texts) | Source.objects.filter(title__in=texts):
        found.setdefault(source.url, source)
        found.setdefault(source.title, source)
    for item in resolved:
        text = item.row.source
        if text and text not in found:
            is_url = text.startswith(("http://", "https://"))
            found[text] = Source.objects.create(
                title=text if not is_url else item.series.source_organisation,
                url=text if is_url else "",
                publisher=item.series.source_organisation[:255],
            )
    return found


@dataclass
class StagedObservations:
    """A checked file of observations: every row matched to its series and area, nothing written yet."""

    by: User
    resolved: list[_Resolved]
    file_name: str
    format: str
    rows: int
    via_api: bool


def check_observations(
    *,
    by: User,
    content: bytes,
    file_name: str,
    format: str = "",
    via_api: bool = False,
    progress: Callable[..., None] | None = None,
) -> StagedObservations:
    """Read and check a whole file of observations without writing; every problem is raised at once, by row."""
    if not permissions.can_import_observations(by):
        raise PermissionDenied(_("You may not import observations."))
    if format and format not in FORMATS:
        raise ValidationError({"format": _("This is not one of the allowed values.")})
    table = read_table(content)
    chosen = format or detect_format(table.headings)
    if chosen is None:
        raise ValidationError(
            {
                "file": _(
                    "The headings match none of the layouts read here: the SDG Global Database (SeriesCode, GeoAreaCode, "
                    "TimePeriod, Value), SDMX-CSV (SERIES, REF_AREA, TIME_PERIOD, OBS_VALUE) or the platform's template "
                    "(series, area, year, value)."
                )
            }
        )
    missing = missing_columns(chosen, table.headings)
    if missing:
        raise ValidationError(
            {
                "file": _("The columns %(columns)s are missing from the heading row.")
                % {"columns": ", ".join(missing)}
            }
        )
    if not table.rows:
        raise ValidationError({"file": _("The file has headings but no rows.")})
    if progress is not None:
        progress(checked=0, total=len(table.rows))
    errors = RowErrors()
    for number, heading in table.formula_cells:
        errors.add(
            number,
            _("the column “%(column)s” holds a formula; formulas are not imported, paste the values instead.")
            % {"column": heading},
        )
    _required, parser = FORMATS[chosen]
    parsed = parser(table, errors)
    resolved = _resolve(parsed, by=by, errors=errors)
    if errors:
        raise RowsRefused(errors)
    if progress is not None:
        progress(checked=len(table.rows), total=len(table.rows))
    return StagedObservations(
        by=by, resolved=resolved, file_name=file_name, format=chosen, rows=len(table.rows), via_api=via_api
    )


def write_observations(staged: StagedObservations) -> ImportBatch:
    """Write checked observations in bulk (call inside a transaction): one import batch with what changed."""
    if not permissions.can_import_observations(staged.by):
        raise PermissionDenied(_("You may not import observations."))
    return _save(
        staged.resolved,
        by=staged.by,
        file_name=staged.file_name,
        format=staged.format,
        via_api=staged.via_api,
        rows=staged.rows,
    )


def import_observations(
    *, by: User, content: bytes, file_name: str, format: str = "", via_api: bool = False
) -> ImportBatch:
    """Read a file of observations and save it whole or not at all.

    Rows whose series, area, period and dimensions match an observation update it in place (each change recorded
    with its values before and after); other rows create observations; nothing is deleted. Every problem in the
    file is reported at once, by row. The file is checked whole before the one short write transaction begins
    (pages and the API run the same two halves as a background job: `data.import_jobs`).
    """
    staged = check_observations(by=by, content=content, file_name=file_name, format=format, via_api=via_api)
    with transaction.atomic():
        return write_observations(staged)


def _save(
    resolved: list[_Resolved], *, by: User, file_name: str, format: str, via_api: bool, rows: int
) -> ImportBatch:
    sources = _sources_for(resolved)
    series_ids = {item.series.pk for item in resolved}
    area_ids = {item.area.pk for item in resolved}
    existing = {
        _observation_key(o): o
        for o in Observation.objects.select_for_update().filter(
            series_id__in=series_ids, area_id__in=area_ids
        )
    }
    batch = ImportBatch.objects.create(
        created_by=by, file_name=file_name[:255], format=format, via_api=via_api, rows=rows
    )
    batch.series.set(series_ids)
    to_create, to_update, changes = [], [], []
    for item in resolved:
        row = item.row
        fields = {
            "value": row.value,
            "lower_bound": row.lower_bound,
            "upper_bound": row.upper_bound,
            "nature": row.nature,
            "footnote": row.footnote,
            "source_id": _source_id(sources.get(row.source)) or item.series.default_source_id,
        }
        current = existing.get(_key(item.series.pk, item.area.pk, row))
        if current is not None:  # a re-import leaves alone what its file has no column for
            absent = {"lower_bound", "upper_bound", "nature", "footnote", "source"} - row.carried
            if {"lower_bound", "upper_bound"} & absent:
                absent |= {"lower_bound", "upper_bound"}
            for name in absent:
                field = "source_id" if name == "source" else name
                fields[field] = getattr(current, field)
        if current is None:
            to_create.append(
                Observation(
                    series=item.series,
                    area=item.area,
                    year=row.year,
                    end_year=row.end_year,
                    sex=row.sex,
                    age=row.age,
                    location=row.location,
                    sector=row.sector,
                    updated_by=by,
                    **fields,
                )
            )
            continue
        before = {name: getattr(current, name) for name in COMPARED_FIELDS}
        if all(_same(before[name], fields[name]) for name in COMPARED_FIELDS):
            batch.unchanged += 1
            continue
        for name, value in fields.items():
            setattr(current, name, value)
        current.updated_by = by
        to_update.append(current)
        changed = [name for name in COMPARED_FIELDS if not _same(before[name], fields[name])]
        changes.append(
            ObservationChange(
                batch=batch,
                observation=current,
                series_code=item.series.code,
                area_code=item.area.code,
                key=_describe_key(row)[:120],
                before={name: _as_json(before[name]) for name in changed},
                after={name: _as_json(fields[name]) for name in changed},
            )
        )
    Observation.objects.bulk_create(to_create, batch_size=2000)
    Observation.objects.bulk_update(
        to_update, [*(name for name in COMPARED_FIELDS), "updated_by", "updated_at"], batch_size=2000
    )
    ObservationChange.objects.bulk_create(changes, batch_size=2000)
    batch.created, batch.updated = len(to_create), len(to_update)
    batch.save(update_fields=["created", "updated", "unchanged"])
    return batch


def _source_id(source: Source | None) -> int | None:
    return source.pk if source is not None else None


def _same(a: Any, b: Any) -> bool:
    """Equal values; an empty text and None are the same, and decimals compare by value (1.50 == 1.5)."""
    if a in (None, "") and b in (None, ""):
        return True
    if isinstance(a, Decimal) or isinstance(b, Decimal):
        return a is not None and b is not None and Decimal(a) == Decimal(b)
    return bool(a == b)
