"""The areas observations belong to: the world, the SDG regions, the ILO regions, and every ISO 3166 country.

Reference data, not demo data: a migration loads it from `fixtures/m49/sdg_regions.csv` (UN M49 codes, see the
SOURCE.md beside it) and django-countries. Imports name an area by ISO alpha-2, ISO alpha-3 or M49 code.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils import translation
from django.utils.translation import gettext_lazy as _

FIXTURES = Path(__file__).parent / "fixtures"
WORLD_CODE = "001"

#: SDG regions (UN M49 codes) and ILO regions, with their names in the reader's language.
SDG_REGIONS = {
    "202": _("Sub-Saharan Africa"),
    "747": _("Northern Africa and Western Asia"),
    "062": _("Central and Southern Asia"),
    "753": _("Eastern and South-Eastern Asia"),
    "419": _("Latin America and the Caribbean"),
    "053": _("Australia and New Zealand"),
    "543": _("Oceania (excluding Australia and New Zealand)"),
    "513": _("Europe and Northern America"),
}
ILO_REGIONS = {
    "ILO-AFRICA": _("Africa (ILO region)"),
    "ILO-AMERICAS": _("Americas (ILO region)"),
    "ILO-ARAB-STATES": _("Arab States (ILO region)"),
    "ILO-ASIA-PACIFIC": _("Asia and the Pacific (ILO region)"),
    "ILO-EUROPE-CENTRAL-ASIA": _("Europe and Central Asia (ILO region)"),
}
REGION_NAMES = {WORLD_CODE: _("World"), **SDG_REGIONS, **ILO_REGIONS}
ENGLISH_REGION_NAMES = {
    WORLD_CODE: "World",
    "202": "Sub-Saharan Africa",
    "747": "Northern Africa and Western Asia",
    "062": "Central and Southern Asia",
    "753": "Eastern and South-Eastern Asia",
    "419": "Latin America and the Caribbean",
    "053": "Australia and New Zealand",
    "543": "Oceania (excluding Australia and New Zealand)",
    "513": "Europe and Northern America",
    "ILO-AFRICA": "Africa (ILO region)",
    "ILO-AMERICAS": "Americas (ILO region)",
    "ILO-ARAB-STATES": "Arab States (ILO region)",
    "ILO-ASIA-PACIFIC": "Asia and the Pacific (ILO region)",
    "ILO-EUROPE-CENTRAL-ASIA": "Europe and Central Asia (ILO region)",
}


@dataclass(frozen=True)
class CountryCodes:
    iso2: str
    iso3: str
    m49: int
    sdg_region: str


def country_codes() -> Iterator[CountryCodes]:
    """Every country or area of the M49 table with its codes and SDG region ("" for none)."""
    with (FIXTURES / "m49" / "sdg_regions.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield CountryCodes(
                iso2=row["iso2"], iso3=row["iso3"], m49=int(row["m49"]), sdg_region=row["sdg_region"]
            )


INDICATORS = [
    ("8.7.1", "Proportion and number of children aged 5–17 years engaged in child labour, by sex and age"),
    (
        "16.2.2",
        "Number of victims of human trafficking per 100,000 population, by sex, age and form of exploitation",
    ),
    (
        "10.7.1",
        "Recruitment cost borne by employee as a proportion of monthly income earned in country of destination",
    ),
    (
        "5.3.1",
        "Proportion of women aged 20–24 years who were married or in a union before age 15 and before age 18",
    ),
]


def load_reference_data(area_model: Any, indicator_model: Any) -> None:
    """Create or update the areas and SDG indicators; the migration passes its historical models."""
    from django_countries import countries

    for code, title in INDICATORS:
        indicator_model.objects.update_or_create(code=code, defaults={"title": title})
    area_model.objects.update_or_create(
        code=WORLD_CODE, defaults={"kind": "world", "m49": 1, "name": ENGLISH_REGION_NAMES[WORLD_CODE]}
    )
    regions = {}
    for code in SDG_REGIONS:
        regions[code], _created = area_model.objects.update_or_create(
            code=code,
            defaults={
                "kind": "region",
                "scheme": "sdg",
                "m49": int(code),
                "name": ENGLISH_REGION_NAMES[code],
            },
        )
    for code in ILO_REGIONS:
        area_model.objects.update_or_create(
            code=code, defaults={"kind": "region", "scheme": "ilo", "name": ENGLISH_REGION_NAMES[code]}
        )
    with translation.override("en"):
        for country in country_codes():
            area_model.objects.update_or_create(
                code=country.iso2,
                defaults={
                    "kind": "country",
                    "iso3": country.iso3,
                    "m49": country.m49,
                    "name": str(countries.name(country.iso2) or country.iso2),
                    "sdg_region": regions.get(country.sdg_region),
                },
            )


def ensure_reference_data() -> None:
    """Load the reference data if it is missing: a flushed test database (browser tests) loses what migrations made."""
    from .models import Area, SdgIndicator

    if not Area.objects.exists():
        load_reference_data(Area, SdgIndicator)
