# The plans list's order for French and Spanish readers (newest period first, then the title in their language,
# else the original: `core.content_translation.reading_order`, written out here so that the migration does not
# change when the code does). Depends on the plans' previous migration only.

from django.db import migrations, models
from django.db.models.functions import Coalesce, NullIf


def _order(language):
    return (
        models.OrderBy(models.F("period_start"), descending=True),
        Coalesce(NullIf(models.F(f"title_{language}"), models.Value("")), models.F("title_en")),
    )


class Migration(migrations.Migration):

    dependencies = [
        ("plans", "0017_gap_counts_of_results"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="plan",
            index=models.Index(*_order("fr"), name="plans_plan_list_order_fr_idx"),
        ),
        migrations.AddIndex(
            model_name="plan",
            index=models.Index(*_order("es"), name="plans_plan_list_order_es_idx"),
        ),
    ]
