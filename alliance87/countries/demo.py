"""Demo Pathfinder Countries: those a public page of Alliance 8.7 confirms (cited), the rest marked illustrative."""

from __future__ import annotations

import datetime
from decimal import Decimal

from alliance87.core.provenance import Cited

from .models import PathfinderCountry, PathfinderStatus, PathStep, PathStepKind

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

#: (ISO code, status, source or ILLUSTRATIVE, latitude, longitude, summary)
COUNTRIES = [
    (
        "FJ",
        PathfinderStatus.PATHFINDER,
        FIJI_SOURCE,
        "-17.7134",
        "178.0650",
        "Fiji held a National Strategic Planning Forum to develop its roadmap as an Alliance 8.7 Pathfinder "
        "Country (see the source).",
    ),
    (
        "MG",
        PathfinderStatus.PATHFINDER,
        MADAGASCAR_SOURCE,
        "-18.7669",
        "46.8691",
        "Madagascar held a Pathfinder Country strategic planning workshop and agreed on a roadmap (see the source).",
    ),
    (
        "CI",
        PathfinderStatus.PATHFINDER,
        ILLUSTRATIVE,
        "7.5400",
        "-5.5471",
        "Illustrative record: the demo cites no published source for Côte d'Ivoire's status.",
    ),
    (
        "NP",
        PathfinderStatus.PREPARING,
        ILLUSTRATIVE,
        "28.3949",
        "84.1240",
        "Illustrative record showing a country preparing its national consultation.",
    ),
    (
        "PE",
        PathfinderStatus.EXPRESSED_INTEREST,
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


def load() -> list[str]:
    for code, status, source, lat, lon, summary in COUNTRIES:
        PathfinderCountry.objects.update_or_create(
            country=code,
            defaults={
                "status": status,
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
    return []
