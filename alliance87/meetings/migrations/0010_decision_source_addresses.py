"""Move the address a decision's source text ended with ("Title, https://…") into `source_url`, now that decisions have
the shared provenance fields; reversing writes it back into the text."""

from django.db import migrations

from alliance87.core.provenance import join_address, split_address


def split_sources(apps, schema_editor):
    Decision = apps.get_model("meetings", "Decision")
    for pk, source in Decision.objects.exclude(source="").values_list("pk", "source"):
        title, url = split_address(source)
        if url:
            Decision.objects.filter(pk=pk).update(source=title, source_url=url)


def join_sources(apps, schema_editor):
    Decision = apps.get_model("meetings", "Decision")
    for pk, source, url in Decision.objects.values_list("pk", "source", "source_url"):
        joined = join_address(source, url)[:300]
        if (joined, "") != (source, url):
            Decision.objects.filter(pk=pk).update(source=joined, source_url="")


class Migration(migrations.Migration):
    dependencies = [("meetings", "0009_decision_shared_provenance")]

    operations = [migrations.RunPython(split_sources, join_sources)]
