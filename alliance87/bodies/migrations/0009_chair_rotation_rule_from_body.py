"""Carry each body's chair rotation fields over to its `ChairRotationRule`: term length, source (an address that
ended the source text moves to `source_url`) and the illustrative flag. Bodies with none of them get no rule.
Reversing writes the rule back into the body's fields (the address joined to the source text, cut to its old 300
characters)."""

from django.db import migrations
from django.db.models import Q

from alliance87.core.provenance import join_address, split_address


def rules_from_bodies(apps, schema_editor):
    Body = apps.get_model("bodies", "Body")
    ChairRotationRule = apps.get_model("bodies", "ChairRotationRule")
    stated = (
        Q(chair_term_months__isnull=False) | ~Q(chair_rotation_source="") | Q(chair_rotation_is_illustrative=True)
    )
    for body in Body.objects.filter(stated).order_by("pk"):
        source, url = split_address(body.chair_rotation_source)
        ChairRotationRule.objects.create(
            body=body,
            term_months=body.chair_term_months,
            source=source,
            source_url=url,
            is_illustrative=body.chair_rotation_is_illustrative,
            is_demo=body.is_demo,
        )


def bodies_from_rules(apps, schema_editor):
    Body = apps.get_model("bodies", "Body")
    ChairRotationRule = apps.get_model("bodies", "ChairRotationRule")
    for rule in ChairRotationRule.objects.order_by("pk"):
        Body.objects.filter(pk=rule.body_id).update(
            chair_term_months=rule.term_months,
            chair_rotation_source=join_address(rule.source, rule.source_url)[:300],
            chair_rotation_is_illustrative=rule.is_illustrative,
        )
    ChairRotationRule.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("bodies", "0008_chair_rotation_rule")]

    operations = [migrations.RunPython(rules_from_bodies, bodies_from_rules)]
