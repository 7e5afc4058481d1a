"""Derive each Pathfinder Country's status from its recorded path.

A country whose one-word status said more than its recorded steps gets the step that status stood for, citing the
country's own source (or illustrative like the country), so no country changes status by this migration: a
Pathfinder gets its national consultation or strategy workshop, a country preparing its acceptance by the GCG, a
country that expressed interest its expression of interest. Earlier steps not on record are recorded as passed by,
with the reason. The step's date is "Pathfinder since" when the record had one, else the day the record was made;
its notes say so. Then every country's status and "Pathfinder since" are read from the path, as the services do.
"""

from django.db import migrations
from django.db.models import Max, Min

#: The order of the path (countries.models.PathStepKind), frozen here as the migration was written.
PATH = [
    "expression_of_interest",
    "gcg_acceptance",
    "coordination",
    "consultation",
    "roadmap",
    "action_plan",
    "progress_report",
    "review",
]
STEP_OF_STATUS = {"pathfinder": "consultation", "preparing": "gcg_acceptance", "expressed_interest": "expression_of_interest"}
NOTE = (
    "Recorded from the country's status when the platform began keeping the path; the date is the country's "
    "“Pathfinder since” date or, when it had none, the day its record was made."
)
REASON = "Not on record: the country's record before the path was kept gave only its status."


def position(kind):
    return PATH.index(kind) + 1


def status_from_path(reached):
    if reached is None or reached < position("gcg_acceptance"):
        return "expressed_interest"
    if reached < position("consultation"):
        return "preparing"
    return "pathfinder"


def forwards(apps, schema_editor):
    PathfinderCountry = apps.get_model("countries", "PathfinderCountry")
    PathStep = apps.get_model("countries", "PathStep")
    for country in PathfinderCountry.objects.all():
        taken = PathStep.objects.filter(pathfinder=country, skip_reason="")
        reached = taken.aggregate(reached=Max("position"))["reached"]
        wanted = STEP_OF_STATUS.get(country.status, "expression_of_interest")
        if position(wanted) > (reached or 0):
            on_record = set(PathStep.objects.filter(pathfinder=country).values_list("kind", flat=True))
            date = country.pathfinder_since or country.created_at.date()
            latest = PathStep.objects.filter(pathfinder=country).aggregate(latest=Max("date"))["latest"]
            if latest and latest > date:
                date = latest
            common = {"pathfinder": country, "date": date, "source": country.source, "is_illustrative": country.is_illustrative, "is_demo": country.is_demo}
            for kind in PATH[: position(wanted) - 1]:
                if kind not in on_record:
                    PathStep.objects.create(kind=kind, position=position(kind), skip_reason=REASON, **common)
            if wanted not in on_record:
                PathStep.objects.create(kind=wanted, position=position(wanted), notes=NOTE, **common)
        taken = PathStep.objects.filter(pathfinder=country, skip_reason="")
        country.status = status_from_path(taken.aggregate(reached=Max("position"))["reached"])
        country.pathfinder_since = taken.filter(position__gte=position("consultation")).aggregate(
            since=Min("date")
        )["since"]
        country.save(update_fields=["status", "pathfinder_since"])


class Migration(migrations.Migration):
    dependencies = [("countries", "0006_path_step_history_and_derived_status")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
