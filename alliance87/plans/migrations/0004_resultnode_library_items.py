"""A plan's results link library items: the link library 0004 took off library.Item, on the same table.

State only: library_item_results (columns item_id, resultnode_id) and its rows are kept as they are.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0004_item_results_move_to_plans"),
        ("plans", "0003_value_evidence_item"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="resultnode",
                    name="library_items",
                    field=models.ManyToManyField(
                        blank=True,
                        db_table="library_item_results",
                        related_name="results",
                        to="library.item",
                        verbose_name="library items",
                    ),
                )
            ],
            database_operations=[],
        )
    ]
