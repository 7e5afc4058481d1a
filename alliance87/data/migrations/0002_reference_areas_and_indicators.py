"""Reference data: the world, the SDG and ILO regions, every ISO 3166 country with its M49 code and SDG region,
and the SDG indicators of Target 8.7 and its neighbours. Not demo data: a deployment keeps it."""

from django.db import migrations
from django.utils import translation

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


def load(apps, schema_editor):
    from django_countries import countries

    from alliance87.data.areas import ENGLISH_REGION_NAMES, ILO_REGIONS, SDG_REGIONS, WORLD_CODE, country_codes

    Area = apps.get_model("data", "Area")
    SdgIndicator = apps.get_model("data", "SdgIndicator")
    for code, title in INDICATORS:
        SdgIndicator.objects.update_or_create(code=code, defaults={"title": title})
    Area.objects.update_or_create(
        code=WORLD_CODE, defaults={"kind": "world", "m49": 1, "name": ENGLISH_REGION_NAMES[WORLD_CODE]}
    )
    regions = {}
    for code in SDG_REGIONS:
        regions[code], _created = Area.objects.update_or_create(
            code=code,
            defaults={"kind": "region", "scheme": "sdg", "m49": int(code), "name": ENGLISH_REGION_NAMES[code]},
        )
    for code in ILO_REGIONS:
        Area.objects.update_or_create(
            code=code, defaults={"kind": "region", "scheme": "ilo", "name": ENGLISH_REGION_NAMES[code]}
        )
    with translation.override("en"):
        for country in country_codes():
            Area.objects.update_or_create(
                code=country.iso2,
                defaults={
                    "kind": "country",
                    "iso3": country.iso3,
                    "m49": country.m49,
                    "name": str(countries.name(country.iso2) or country.iso2),
                    "sdg_region": regions.get(country.sdg_region),
                },
            )


class Migration(migrations.Migration):
    dependencies = [("data", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
