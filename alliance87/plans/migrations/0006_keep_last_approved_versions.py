"""Values under review or returned keep counting with their last approved version, taken from their history.

Before 0005 a correction of an approved value replaced it until approved again; the approved figures survive in
the value's history (the `new` side of its last approval or import). Batched; reversible (nothing to undo).
"""

from django.db import migrations

BATCH = 500
KEPT = ("value", "numerator", "denominator", "text_value", "disaggregated", "source", "comment", "evidence_url")


def keep_last_approved(apps, schema_editor):
    IndicatorValue = apps.get_model("plans", "IndicatorValue")
    ValueChange = apps.get_model("plans", "ValueChange")
    pending = IndicatorValue.objects.exclude(status="approved").filter(last_approved={}).order_by("pk")
    ids = list(pending.values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        for value in IndicatorValue.objects.filter(pk__in=ids[start : start + BATCH]):
            change = (
                ValueChange.objects.filter(value=value, action__in=("approved", "import"))
                .order_by("-changed_at", "-pk")
                .first()
            )
            if change is None or not change.new:
                continue
            snapshot = {key: change.new.get(key) for key in KEPT}
            snapshot["approved_at"] = change.changed_at.isoformat()
            snapshot["version"] = change.new.get("version")
            snapshot["evidence_item_id"] = None
            value.last_approved = snapshot
            value.save(update_fields=["last_approved"])


class Migration(migrations.Migration):
    dependencies = [("plans", "0005_review_bounds_and_second_approver")]

    operations = [migrations.RunPython(keep_last_approved, migrations.RunPython.noop)]
