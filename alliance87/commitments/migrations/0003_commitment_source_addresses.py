"""Move the address a commitment's source text ended with ("Title, https://…") into `source_url`, now that commitments have
the shared provenance fields; reversing writes it back into the text."""

from django.db import migrations

from alliance87.core.provenance import join_address, split_address


def split_sources(apps, schema_editor):
    Commitment = apps.get_model("commitments", "Commitment")
    for pk, source in Commitment.objects.exclude(source="").values_list("pk", "source"):
        title, url = split_address(source)
        if url:
            Commitment.objects.filter(pk=pk).update(source=title, source_url=url)


def join_sources(apps, schema_editor):
    Commitment = apps.get_model("commitments", "Commitment")
    for pk, source, url in Commitment.objects.exclude(source_url="").values_list("pk", "source", "source_url"):
        Commitment.objects.filter(pk=pk).update(source=join_address(source, url)[:500], source_url="")


class Migration(migrations.Migration):
    dependencies = [("commitments", "0002_commitment_shared_provenance")]

    operations = [migrations.RunPython(split_sources, join_sources)]
