# The plans list's order (newest period first, then title as queried): a page walks the index instead of sorting
# every plan. Depends on the plans' previous migration only (tests migrate other apps back and forth).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('plans', '0014_indicator_definition_and_tier_name_translations'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='plan',
            index=models.Index(fields=['-period_start', 'title_en'], name='plans_plan_list_order_idx'),
        ),
    ]
