"""The link between library items and plan results now belongs to plans (ResultNode.library_items).

State only: the table library_item_results and its rows stay as they are; plans 0004 declares them again.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("library", "0003_search_index")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.RemoveField(model_name="item", name="results")],
            database_operations=[],
        )
    ]
