"""The body's own chair rotation fields go: their values are in its `ChairRotationRule` since 0009."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('bodies', '0009_chair_rotation_rule_from_body'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='body',
            name='chair_rotation_is_illustrative',
        ),
        migrations.RemoveField(
            model_name='body',
            name='chair_rotation_source',
        ),
        migrations.RemoveField(
            model_name='body',
            name='chair_term_months',
        ),
        migrations.RemoveField(
            model_name='historicalbody',
            name='chair_rotation_is_illustrative',
        ),
        migrations.RemoveField(
            model_name='historicalbody',
            name='chair_rotation_source',
        ),
        migrations.RemoveField(
            model_name='historicalbody',
            name='chair_term_months',
        ),
    ]
