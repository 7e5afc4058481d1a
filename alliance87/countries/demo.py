"""Demo Pathfinder Countries: those published sources confirm, plus clearly marked illustrative ones."""

from __future__ import annotations

import datetime
from decimal import Decimal

from .models import PathfinderCountry, PathfinderStatus, PathStep, PathStepKind

SOURCE = "Alliance 8.7 published sources (Pathfinder Countries)"

#: (ISO code, status, illustrative?, latitude, longitude, summary)
COUNTRIES = [
    (
        "FJ",
        PathfinderStatus.PATHFINDER,
        False,
        "-17.7134",
        "178.0650",
        "Fiji is an Alliance 8.7 Pathfinder Country.",
    ),
    (
        "MG",
        PathfinderStatus.PATHFINDER,
        False,
        "-18.7669",
        "46.8691",
        "Madagascar is an Alliance 8.7 Pathfinder Country.",
    ),
    (
        "CI",
        PathfinderStatus.PATHFINDER,
        False,
        "7.5400",
        "-5.5471",
        "Côte d'Ivoire is an Alliance 8.7 Pathfinder Country; it also takes part in ACCEL Africa, which accelerates "
        "the elimination of child labour in supply chains such as cocoa, coffee, cotton, gold and tea.",
    ),
    (
        "NP",
        PathfinderStatus.PREPARING,
        True,
        "28.3949",
        "84.1240",
        "Illustrative record showing a country preparing its national consultation.",
    ),
    (
        "PE",
        PathfinderStatus.EXPRESSED_INTEREST,
        True,
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
    for code, status, illustrative, lat, lon, summary in COUNTRIES:
        PathfinderCountry.objects.update_or_create(
            country=code,
            defaults={
                "status": status,
                "is_illustrative": illustrative,
                "latitude": Decimal(lat),
                "longitude": Decimal(lon),
                "summary": summary,
                "source": "" if illustrative else SOURCE,
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
