"""Commitments take the shared provenance fields (core.models.Provenance): a source address, the date it was read,
"as of"; `source` and `is_illustrative` keep their values (0003 moves addresses out of the source texts)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("commitments", "0001_commitments")]

    operations = [
        migrations.AlterField(
            model_name="commitment",
            name="source",
            field=models.CharField(
                blank=True,
                help_text="Title and publisher of the document or page that states this.",
                max_length=500,
                verbose_name="source",
            ),
        ),
        migrations.AlterField(
            model_name="commitment",
            name="is_illustrative",
            field=models.BooleanField(
                default=False,
                help_text="Not confirmed by a published source; shown as an illustration only.",
                verbose_name="illustrative",
            ),
        ),
        migrations.AddField(
            model_name="commitment",
            name="source_url",
            field=models.URLField(blank=True, max_length=500, verbose_name="source address"),
        ),
        migrations.AddField(
            model_name="commitment",
            name="source_read_on",
            field=models.DateField(
                blank=True, help_text="When the source's address was read.", null=True, verbose_name="source read on"
            ),
        ),
        migrations.AddField(
            model_name="commitment",
            name="as_of",
            field=models.DateField(
                blank=True,
                help_text="The date at which the source says this was true.",
                null=True,
                verbose_name="as of",
            ),
        ),
        migrations.AlterField(
            model_name="historicalcommitment",
            name="source",
            field=models.CharField(
                blank=True,
                help_text="Title and publisher of the document or page that states this.",
                max_length=500,
                verbose_name="source",
            ),
        ),
        migrations.AlterField(
            model_name="historicalcommitment",
            name="is_illustrative",
            field=models.BooleanField(
                default=False,
                help_text="Not confirmed by a published source; shown as an illustration only.",
                verbose_name="illustrative",
            ),
        ),
        migrations.AddField(
            model_name="historicalcommitment",
            name="source_url",
            field=models.URLField(blank=True, max_length=500, verbose_name="source address"),
        ),
        migrations.AddField(
            model_name="historicalcommitment",
            name="source_read_on",
            field=models.DateField(
                blank=True, help_text="When the source's address was read.", null=True, verbose_name="source read on"
            ),
        ),
        migrations.AddField(
            model_name="historicalcommitment",
            name="as_of",
            field=models.DateField(
                blank=True,
                help_text="The date at which the source says this was true.",
                null=True,
                verbose_name="as of",
            ),
        ),
    ]
