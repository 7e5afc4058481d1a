"""Historical tables (django-simple-history) for the edited models, and a first record for existing rows."""

import django.db.models.deletion
import django_countries.fields
import simple_history.models
from django.conf import settings
from django.db import migrations, models

from alliance87.core.history_migrations import record_baseline


class Migration(migrations.Migration):

    dependencies = [
        ("countries", "0001_initial"),
        ('partners', '0004_applications_before_confirmation_count_as_confirmed'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalPathfinderCountry',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('is_demo', models.BooleanField(db_index=True, default=False, help_text='Created by the demo loader; removed by `alliance87 remove_demo_data`.', verbose_name='demo data')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created')),
                ('country', django_countries.fields.CountryField(db_index=True, max_length=2, verbose_name='country')),
                ('status', models.CharField(choices=[('expressed_interest', 'Expressed interest'), ('preparing', 'Preparing'), ('pathfinder', 'Pathfinder')], db_index=True, default='expressed_interest', max_length=24, verbose_name='status')),
                ('pathfinder_since', models.DateField(blank=True, null=True, verbose_name='pathfinder since')),
                ('summary', models.TextField(blank=True, help_text='Markdown is allowed.', verbose_name='summary')),
                ('is_illustrative', models.BooleanField(default=False, help_text='Not confirmed by a published source; shown as an illustration only.', verbose_name='illustrative')),
                ('latitude', models.DecimalField(blank=True, decimal_places=4, max_digits=8, null=True, verbose_name='latitude')),
                ('longitude', models.DecimalField(blank=True, decimal_places=4, max_digits=8, null=True, verbose_name='longitude')),
                ('source', models.CharField(blank=True, help_text='Where the status is published.', max_length=500, verbose_name='source')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('focal_institution', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='partners.organisation', verbose_name='national focal institution')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical Pathfinder Country',
                'verbose_name_plural': 'historical Pathfinder Countries',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        # Rows made before history was kept get one "created" record of their current state.
        migrations.RunPython(record_baseline("countries", ['PathfinderCountry']), migrations.RunPython.noop, elidable=True),
    ]
