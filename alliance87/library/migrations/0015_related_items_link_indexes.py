from django.db import migrations, models

# The subject link table is Django's own (Item.concepts has no through model): its index is plain SQL, the same
# on SQLite and PostgreSQL.
CONCEPT_INDEX = "library_concept_item_idx"


class Migration(migrations.Migration):
    # An item's related items read the newest items of each of its subjects and countries from these indexes,
    # however many items share them (search/related.py).
    dependencies = [
        ("library", "0014_item_body_access_order_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="itemcountry",
            index=models.Index(fields=["country", "-item"], name="library_country_item_idx"),
        ),
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {CONCEPT_INDEX} ON library_item_concepts (concept_id, item_id DESC)",
            f"DROP INDEX IF EXISTS {CONCEPT_INDEX}",
        ),
    ]
