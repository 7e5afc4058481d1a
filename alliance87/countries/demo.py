"""Demo Pathfinder Countries: those a public page of Alliance 8.7 confirms (cited), the rest marked illustrative."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from alliance87.core.provenance import Cited

from .models import PathfinderCountry, PathStep, PathStepKind
from .services import refresh_status

#: Read on 6 December 2026. The seed documents name no Pathfinder Country: each status here cites a public page
#: of Alliance 8.7 or is marked illustrative. Each page reports a workshop held as a Pathfinder Country.
READ_ON = datetime.date(2026, 12, 6)
FIJI_SOURCE = Cited(
    source="“Pathfinder Country Strategic Workshop – Fiji”, Alliance 8.7 (Fiji's National Strategic Planning Forum "
    "on a roadmap “as a Pathfinder Country”)",
    url="https://alliance87.org/es/node/94",
    read_on=READ_ON,
)
MADAGASCAR_SOURCE = Cited(
    source="“Pathfinder Country Strategic Workshop – Madagascar”, Alliance 8.7 (strategic planning workshop of "
    "25 October; a roadmap agreed)",
    url="https://alliance87.org/es/node/76",
    read_on=READ_ON,
)
ILLUSTRATIVE = Cited(illustrative=True)

#: (ISO code, source or ILLUSTRATIVE, latitude, longitude, summary); each status is read from the steps below
#: (`countries.models.status_from_path`).
COUNTRIES = [
    (
        "FJ",
        FIJI_SOURCE,
        "-17.7134",
        "178.0650",
        "Fiji held a National Strategic Planning Forum to develop its roadmap as an Alliance 8.7 Pathfinder "
        "Country (see the source).",
    ),
    (
        "MG",
        MADAGASCAR_SOURCE,
        "-18.7669",
        "46.8691",
        "Madagascar held a Pathfinder Country strategic planning workshop and agreed on a roadmap (see the source).",
    ),
    (
        "CI",
        ILLUSTRATIVE,
        "7.5400",
        "-5.5471",
        "Illustrative record: the demo cites no published source for Côte d'Ivoire's status.",
    ),
    (
        "NP",
        ILLUSTRATIVE,
        "28.3949",
        "84.1240",
        "Illustrative record showing a country preparing its national consultation.",
    ),
    (
        "PE",
        ILLUSTRATIVE,
        "-9.1900",
        "-75.0152",
        "Illustrative record showing a country that has expressed interest.",
    ),
]


ILLUSTRATIVE_STEP = (
    "*Illustrative demo step: not a published fact; the seed documents name no Pathfinder Country.*"
)

#: Steps of the illustrative countries only: (ISO code, step, date, responsible, signatory)
ILLUSTRATIVE_STEPS = [
    ("NP", PathStepKind.EXPRESSION_OF_INTEREST, datetime.date(2019, 2, 11), "Ministry of Labour (illustrative)",
     "Minister of Labour (illustrative)"),
    ("NP", PathStepKind.GCG_ACCEPTANCE, datetime.date(2019, 7, 4), "Global Coordinating Group", ""),
    ("NP", PathStepKind.COORDINATION, datetime.date(2020, 1, 20), "Ministry of Labour (illustrative)", ""),
    ("PE", PathStepKind.EXPRESSION_OF_INTEREST, datetime.date(2024, 9, 2), "Ministry of Labour (illustrative)",
     "Minister of Labour (illustrative)"),
]  # fmt: skip

#: The day the sources of Fiji and Madagascar were read: they give no year for the workshop.
SOURCES_READ = datetime.date(2026, 12, 6)
UNDATED = (
    "The source reports the workshop but gives no year for it: the step is dated on the day the source was read "
    "(6 December 2026); the earlier steps are not in the source."
)
PASSED_BY_SOURCED = "Not in the cited source, which reports only the strategic planning workshop."
PASSED_BY_ILLUSTRATIVE = "Illustrative demo record: the earlier steps are not recorded."

#: The steps the cited sources report: each country's strategic planning workshop (the national consultation).
SOURCED_STEPS = [("FJ", FIJI_SOURCE), ("MG", MADAGASCAR_SOURCE)]


def load() -> list[str]:
    for code, source, lat, lon, summary in COUNTRIES:
        PathfinderCountry.objects.update_or_create(
            country=code,
            defaults={
                "latitude": Decimal(lat),
                "longitude": Decimal(lon),
                "summary": summary,
                **source.as_fields(),
                "is_demo": True,
            },
        )
    for code, kind, date, responsible, signatory in ILLUSTRATIVE_STEPS:
        PathStep.objects.update_or_create(
            pathfinder=PathfinderCountry.objects.get(country=code),
            kind=kind,
            defaults={
                "date": date,
                "responsible": responsible,
                "signatory": signatory,
                "notes": ILLUSTRATIVE_STEP,
                "is_illustrative": True,
                "is_demo": True,
            },
        )
    for code, source in SOURCED_STEPS:
        _with_earlier_passed_by(
            PathfinderCountry.objects.get(country=code),
            PathStepKind.CONSULTATION,
            {"date": SOURCES_READ, "notes": UNDATED, **source.as_fields()},
            PASSED_BY_SOURCED,
        )
    _with_earlier_passed_by(
        PathfinderCountry.objects.get(country="CI"),
        PathStepKind.CONSULTATION,
        {
            "date": datetime.date(2021, 3, 10),
            "notes": ILLUSTRATIVE_STEP,
            "is_illustrative": True,
            "responsible": "Ministry of Employment (illustrative)",
        },
        PASSED_BY_ILLUSTRATIVE,
    )
    for pathfinder in PathfinderCountry.objects.filter(country__in=[row[0] for row in COUNTRIES]):
        refresh_status(pathfinder)
    return []


def _with_earlier_passed_by(
    pathfinder: PathfinderCountry, kind: str, fields: dict[str, Any], reason: str
) -> None:
    """The step, and each earlier step not on record as passed by with `reason` (as the service records them)."""
    for earlier in PathStepKind.values[: PathStepKind.position_of(kind) - 1]:
        if not pathfinder.path_steps.filter(kind=earlier).exists():
            PathStep.objects.create(
                pathfinder=pathfinder,
                kind=earlier,
                date=fields["date"],
                skip_reason=reason,
                source=fields.get("source", ""),
                source_url=fields.get("source_url", ""),
                source_read_on=fields.get("source_read_on"),
                is_illustrative=fields["is_illustrative"],
                is_demo=True,
            )
    PathStep.objects.update_or_create(pathfinder=pathfinder, kind=kind, defaults={**fields, "is_demo": True})
