"""Each plan's counts of its results for the gap report (`plans.gap_counts`): results without indicators,
activities, and overdue results with the days that count holds for, filled from the results.

The counts are filled in two aggregate queries over every result (the rules as they stand in `gap_counts`, written
out here so that the migration does not change when the code does). Overdue is counted for the day the migration
runs; on a later day, a plan one of whose results has fallen due since is counted again (by the page, or the
scheduled task after midnight).
"""

import datetime

from django.db import migrations, models
from django.db.models import Count, Exists, Max, Min, OuterRef, Q
from django.utils import timezone

BATCH = 2000
FINISHED = ("completed", "cancelled")
DEFAULT_TIERS = 4  # Goal, Outcome, Output, Activity
FIELDS = ("unmeasured", "activities", "overdue", "overdue_latest_due", "next_due")


def fill(apps, schema_editor, today: datetime.date | None = None):
    Plan = apps.get_model("plans", "Plan")
    ResultNode = apps.get_model("plans", "ResultNode")
    Indicator = apps.get_model("plans", "Indicator")
    PlanGapCounts = apps.get_model("plans", "PlanGapCounts")
    database = schema_editor.connection.alias
    today = today or timezone.localdate()
    activity = {}
    for pk, names in Plan.objects.using(database).values_list("pk", "tier_names"):
        tiers = len(names or ()) or DEFAULT_TIERS
        activity[pk] = tiers - 1 if tiers >= 3 else None
    counts = {pk: {"unmeasured": 0, "activities": 0, "overdue": 0} for pk in activity}
    results = ResultNode.objects.using(database)
    measured = Exists(Indicator.objects.using(database).filter(node_id=OuterRef("pk")))
    for plan_id, level, number, unmeasured in (
        results.values_list("plan_id", "level")
        .annotate(number=Count("pk"), unmeasured=Count("pk", filter=~Q(measured)))
        .order_by()
    ):
        if activity[plan_id] is not None and level >= activity[plan_id]:
            counts[plan_id]["activities"] += number
        else:
            counts[plan_id]["unmeasured"] += unmeasured
    for plan_id, overdue, latest, upcoming in (
        results.filter(due_date__isnull=False)
        .exclude(status__in=FINISHED)
        .values_list("plan_id")
        .annotate(
            overdue=Count("pk", filter=Q(due_date__lt=today)),
            latest=Max("due_date", filter=Q(due_date__lt=today)),
            upcoming=Min("due_date", filter=Q(due_date__gte=today)),
        )
        .order_by()
    ):
        counts[plan_id].update(overdue=overdue, overdue_latest_due=latest, next_due=upcoming)
    # Only the plans counted already: one without counts is counted whole by the page (`gap_counts.stale_filter`).
    counted = set(PlanGapCounts.objects.using(database).values_list("plan_id", flat=True))
    rows = [PlanGapCounts(plan_id=pk, **values) for pk, values in sorted(counts.items()) if pk in counted]
    PlanGapCounts.objects.using(database).bulk_create(
        rows, batch_size=BATCH, update_conflicts=True, unique_fields=["plan"], update_fields=list(FIELDS)
    )

class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0016_plan_gap_counts"),
    ]

    operations = [
        migrations.AddField(
            model_name="plangapcounts",
            name="unmeasured",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="plangapcounts",
            name="activities",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="plangapcounts",
            name="overdue",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="plangapcounts",
            name="overdue_latest_due",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="plangapcounts",
            name="next_due",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
