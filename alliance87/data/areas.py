"""The areas observations belong to: the world, the SDG regions, the ILO regions, and every ISO 3166 country.

Reference data, not demo data: a migration loads it from `fixtures/m49/sdg_regions.csv` (UN M49 codes, see the
SOURCE.md beside it) and django-countries. Imports name an area by ISO alpha-2, ISO alpha-3 or M49 code.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

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
