"""Each plan's counts for the gap report's indicator lists (`plans.gap_counts`), filled from the stored verdicts.

The counts are filled in two aggregate queries over every indicator with its verdict (the rules as they stand in
`gap_counts.indicator_rules`, written out here so that the migration does not change when the code does).
Indicators without a verdict are counted as missing: the gap page stores their verdicts and their plan's counts
on its next request (`alliance87 refresh_verdicts` does all of them at once).
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Count, Min, Q

BATCH = 2000
OFF_TRACK = ("target_missed", "deterioration", "limited_progress")


def fill(apps, schema_editor):
    Plan = apps.get_model("plans", "Plan")
    Indicator = apps.get_model("plans", "Indicator")
    PlanGapCounts = apps.get_model("plans", "PlanGapCounts")
    PlanLastValueCount = apps.get_model("plans", "PlanLastValueCount")
    database = schema_editor.connection.alias
    quantitative = ~Q(measure="qualitative")
    indicators = Indicator.objects.using(database)
    counted = {
        row["node__plan_id"]: row
        for row in indicators.values("node__plan_id")
        .annotate(
            number=Count("pk"),
            off=Count(
                "pk",
                filter=quantitative
                & Q(verdict__latest_period_end__isnull=False)
                & Q(verdict__category__in=OFF_TRACK),
            ),
            baseline=Count(
                "pk", filter=quantitative & (Q(baseline_value__isnull=True) | Q(baseline_year__isnull=True))
            ),
            target=Count("pk", filter=quantitative & (Q(target_value__isnull=True) | Q(target_year__isnull=True))),
            without=Count("pk", filter=Q(verdict__isnull=True)),
            oldest=Min("verdict__computed_at"),
        )
        .order_by()
    }
    rows = []
    for pk in Plan.objects.using(database).order_by("pk").values_list("pk", flat=True):
        row = counted.get(pk, {})
        rows.append(
            PlanGapCounts(
                plan_id=pk,
                indicators=row.get("number", 0),
                off_track=row.get("off", 0),
                no_baseline=row.get("baseline", 0),
                no_target=row.get("target", 0),
                missing=row.get("without", 0),
                oldest_verdict=row.get("oldest"),
            )
        )
    PlanGapCounts.objects.using(database).bulk_create(rows, batch_size=BATCH)
    last_values = (
        indicators.values_list("node__plan_id", "verdict__latest_period_end").annotate(number=Count("pk")).order_by()
    )
    PlanLastValueCount.objects.using(database).bulk_create(
        (
            PlanLastValueCount(plan_id=plan_id, latest_period_end=end, indicators=number)
            for plan_id, end, number in last_values
        ),
        batch_size=BATCH,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0015_plan_list_order_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="PlanGapCounts",
            fields=[
                (
                    "plan",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="gap_counts",
                        serialize=False,
                        to="plans.plan",
                    ),
                ),
                ("indicators", models.PositiveIntegerField(default=0)),
                ("off_track", models.PositiveIntegerField(default=0)),
                ("no_baseline", models.PositiveIntegerField(default=0)),
                ("no_target", models.PositiveIntegerField(default=0)),
                ("missing", models.PositiveIntegerField(default=0)),
                ("oldest_verdict", models.DateTimeField(blank=True, null=True)),
                ("computed_at", models.DateTimeField(auto_now=True)),
            ],
            options={
                "verbose_name": "gap counts of a plan",
                "verbose_name_plural": "gap counts of plans",
            },
        ),
        migrations.CreateModel(
            name="PlanLastValueCount",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("latest_period_end", models.DateField(blank=True, null=True)),
                ("indicators", models.PositiveIntegerField()),
                (
                    "plan",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="last_value_counts",
                        to="plans.plan",
                    ),
                ),
            ],
            options={
                "verbose_name": "indicators of a plan by their latest value",
                "verbose_name_plural": "indicators of plans by their latest value",
                "indexes": [
                    models.Index(fields=["plan", "latest_period_end"], name="plans_lastvalue_plan_end_idx")
                ],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
