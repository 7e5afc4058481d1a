"""French and Spanish labels of the vocabularies created in 0002 (the ILO's own terms where it publishes them)."""

from django.db import migrations

LABELS: dict[tuple[str, str], tuple[str, str]] = {
    ("exploitation", "forced-labour"): ("Travail forcé", "Trabajo forzoso"),
    ("exploitation", "child-labour"): ("Travail des enfants", "Trabajo infantil"),
    ("exploitation", "human-trafficking"): ("Traite des êtres humains", "Trata de personas"),
    ("exploitation", "modern-slavery"): ("Esclavage moderne", "Esclavitud moderna"),
    ("exploitation", "forced-marriage"): ("Mariage forcé", "Matrimonio forzoso"),
    ("exploitation", "child-recruitment"): ("Recrutement d’enfants", "Reclutamiento de niños"),
    ("exploitation", "debt-bondage"): ("Servitude pour dettes", "Servidumbre por deudas"),
    ("exploitation", "sexual-exploitation"): ("Exploitation sexuelle", "Explotación sexual"),
    ("theme", "supply-chains"): ("Chaînes d’approvisionnement", "Cadenas de suministro"),
    ("theme", "migration"): ("Migrations", "Migración"),
    ("theme", "rule-of-law-governance"): ("État de droit et gouvernance", "Estado de derecho y gobernanza"),
    ("theme", "conflict-humanitarian"): (
        "Conflits et situations humanitaires",
        "Conflictos y situaciones humanitarias",
    ),
    ("theme", "data-measurement"): ("Données et mesure", "Datos y medición"),
    ("evidence", "randomised-evaluation"): ("Évaluation randomisée", "Evaluación aleatorizada"),
    ("evidence", "quasi-experimental"): ("Quasi expérimentale", "Cuasiexperimental"),
    ("evidence", "qualitative"): ("Qualitative", "Cualitativa"),
    ("evidence", "mixed-methods"): ("Méthodes mixtes", "Métodos mixtos"),
    ("evidence", "systematic-review"): ("Revue systématique", "Revisión sistemática"),
    ("evidence", "descriptive-statistical"): ("Descriptive / statistique", "Descriptiva / estadística"),
    ("evidence", "legal-analysis"): ("Analyse juridique", "Análisis jurídico"),
    ("region", "africa"): ("Afrique", "África"),
    ("region", "americas"): ("Amériques", "Américas"),
    ("region", "arab-states"): ("États arabes", "Estados Árabes"),
    ("region", "asia-pacific"): ("Asie et Pacifique", "Asia y el Pacífico"),
    ("region", "europe-central-asia"): ("Europe et Asie centrale", "Europa y Asia Central"),
}


def translate(apps, schema_editor):
    Concept = apps.get_model("library", "Concept")
    for (scheme, code), (french, spanish) in LABELS.items():
        Concept.objects.filter(scheme=scheme, code=code).update(label_fr=french, label_es=spanish)


def untranslate(apps, schema_editor):
    Concept = apps.get_model("library", "Concept")
    Concept.objects.filter(scheme__in={scheme for scheme, _ in LABELS}).update(label_fr=None, label_es=None)


class Migration(migrations.Migration):
    dependencies = [("library", "0012_content_translations")]

    operations = [migrations.RunPython(translate, untranslate)]
