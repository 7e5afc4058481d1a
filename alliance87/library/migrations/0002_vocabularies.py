"""The controlled vocabularies every deployment needs: forms of exploitation, themes, evidence types, regions."""

from django.db import migrations

VOCABULARIES: dict[str, list[tuple[str, str]]] = {
    "exploitation": [
        ("forced-labour", "Forced labour"),
        ("child-labour", "Child labour"),
        ("human-trafficking", "Human trafficking"),
        ("modern-slavery", "Modern slavery"),
        ("forced-marriage", "Forced marriage"),
        ("child-recruitment", "Child recruitment"),
        ("debt-bondage", "Debt bondage"),
        ("sexual-exploitation", "Sexual exploitation"),
    ],
    "theme": [
        ("supply-chains", "Supply chains"),
        ("migration", "Migration"),
        ("rule-of-law-governance", "Rule of law and governance"),
        ("conflict-humanitarian", "Conflict and humanitarian settings"),
        ("data-measurement", "Data and measurement"),
    ],
    "evidence": [
        ("randomised-evaluation", "Randomised evaluation"),
        ("quasi-experimental", "Quasi-experimental"),
        ("qualitative", "Qualitative"),
        ("mixed-methods", "Mixed methods"),
        ("systematic-review", "Systematic review"),
        ("descriptive-statistical", "Descriptive / statistical"),
        ("legal-analysis", "Legal analysis"),
    ],
    "region": [
        ("africa", "Africa"),
        ("americas", "Americas"),
        ("arab-states", "Arab States"),
        ("asia-pacific", "Asia and the Pacific"),
        ("europe-central-asia", "Europe and Central Asia"),
    ],
}


def create_concepts(apps, schema_editor):
    Concept = apps.get_model("library", "Concept")
    for scheme, terms in VOCABULARIES.items():
        for position, (code, label) in enumerate(terms):
            Concept.objects.update_or_create(
                scheme=scheme, code=code, defaults={"label": label, "position": position}
            )


def remove_concepts(apps, schema_editor):
    Concept = apps.get_model("library", "Concept")
    for scheme, terms in VOCABULARIES.items():
        Concept.objects.filter(scheme=scheme, code__in=[code for code, _ in terms]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_concepts, remove_concepts),
    ]
