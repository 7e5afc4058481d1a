"""Series the platform measures from its own records (the theory of change's process indicators).

The apps that may read what is counted compute the figures (home, above every domain); this module stores them
like any other series, so the data pages and the API read them alike: one `Series` per measure (created or
brought up to date), one `Source` "Alliance 8.7 platform records, as of <date>", and one observation per area
and year, replaced when a refresh computes it again. Nobody edits these series by hand; a refresh is the only
writer.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.formats import date_format
from django.utils.functional import Promise

from .models import Area, Direction, Licence, Observation, Series, Source, Unit

PUBLISHER = "Alliance 8.7 Secretariat"
ORGANISATION = "Alliance 8.7 platform records"


@dataclass(frozen=True, kw_only=True)
class PlatformMeasure:
    """What one process indicator measures and how (its catalogue entry)."""

    code: str
    #: Translatable (gettext_lazy): stored in English, with its French and Spanish in the translation columns.
    name: str | Promise
    unit: str = Unit.NUMBER
    decimals: int = 0
    definition: str
    methodology: str
    caveats: str = ""


def platform_source(as_of: datetime.date) -> Source:
    """The source every observation of a refresh cites: the platform's records as of that day."""
    title = f"{ORGANISATION}, as of {date_format(as_of, 'Y-m-d')}"
    source, _created = Source.objects.get_or_create(
        title=title,
        defaults={
            "publisher": PUBLISHER,
            "url": f"{settings.SITE_URL.rstrip('/')}/",
            "year": as_of.year,
            "accessed": as_of,
            "note": "Computed by the platform from its own records (see each series' methodology).",
        },
    )
    return source


@transaction.atomic
def record_platform_series(
    *,
    measure: PlatformMeasure,
    values: Mapping[tuple[str, int], Decimal | int],
    as_of: datetime.date,
) -> Series:
    """Store a measure's values by (area code, year), replacing what an earlier refresh stored for those keys."""
    source = platform_source(as_of)
    series, _created = Series.objects.update_or_create(
        code=measure.code,
        defaults={
            **_names(measure.name),
            "unit": measure.unit,
            "decimals": measure.decimals,
            "definition": measure.definition,
            "methodology": measure.methodology,
            "caveats": measure.caveats,
            "source_organisation": ORGANISATION,
            "default_source": source,
            "licence": Licence.CC_BY_4,
            "direction": Direction.INCREASE,
        },
    )
    areas = {area.code: area for area in Area.objects.filter(code__in={code for code, _year in values})}
    for (area_code, year), value in values.items():
        Observation.objects.update_or_create(
            series=series,
            area=areas[area_code],
            year=year,
            end_year=year,
            sex="",
            age="",
            location="",
            sector="",
            defaults={
                "value": Decimal(value),
                "source": source,
                "footnote": f"As of {date_format(as_of, 'Y-m-d')}.",
            },
        )
    return series


def _names(name: str | Promise) -> dict[str, str | None]:
    """The name in English (the original) and its French and Spanish where the catalogue translates it."""
    with translation.override("en"):
        original = str(name)
    names: dict[str, str | None] = {"name": original}
    for language in ("fr", "es"):
        with translation.override(language):
            shown = str(name)
        names[f"name_{language}"] = shown if shown != original else None  # None: the original, marked
    return names


def prune_platform_sources() -> int:
    """Delete the platform-record sources no observation or series cites any more (a refresh a day makes one)."""
    unused = (
        Source.objects.filter(publisher=PUBLISHER, title__startswith=f"{ORGANISATION}, as of ")
        .exclude(pk__in=Observation.objects.filter(source__isnull=False).values("source"))
        .exclude(pk__in=Series.objects.filter(default_source__isnull=False).values("default_source"))
    )
    deleted, _by_model = unused.delete()
    return deleted
