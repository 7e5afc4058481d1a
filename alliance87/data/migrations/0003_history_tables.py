"""Historical tables (django-simple-history) for the edited models, and a first record for existing rows."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

from alliance87.core.history_migrations import record_baseline


class Migration(migrations.Migration):

    dependencies = [
        ('bodies', '0003_body_position_limit'),
        ('data', '0002_reference_areas_and_indicators'),
        ('partners', '0004_applications_before_confirmation_count_as_confirmed'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalPublishedTable',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('is_demo', models.BooleanField(db_index=True, default=False, help_text='Created by the demo loader; removed by `alliance87 remove_demo_data`.', verbose_name='demo data')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created')),
                ('title', models.CharField(max_length=255, verbose_name='title')),
                ('row_variable', models.CharField(max_length=80, verbose_name='rows')),
                ('column_variable', models.CharField(max_length=80, verbose_name='columns')),
                ('threshold', models.PositiveSmallIntegerField(verbose_name='threshold')),
                ('cells', models.JSONField(verbose_name='cells')),
                ('rule', models.TextField(verbose_name='rule applied')),
                ('primary_suppressed', models.PositiveIntegerField(verbose_name='cells suppressed below the threshold')),
                ('secondary_suppressed', models.PositiveIntegerField(verbose_name='cells suppressed to protect them')),
                ('access', models.CharField(choices=[('public', 'Public'), ('partners', 'Partners only'), ('body', 'Members of a named body only')], default='public', max_length=8, verbose_name='access')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('access_body', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='bodies.body')),
                ('dataset', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='data.casedataset')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('published_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical published table',
                'verbose_name_plural': 'historical published tables',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalSeries',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('is_demo', models.BooleanField(db_index=True, default=False, help_text='Created by the demo loader; removed by `alliance87 remove_demo_data`.', verbose_name='demo data')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created')),
                ('code', models.CharField(db_index=True, help_text='As in the SDG Global Database where it has one (e.g. SL_TLF_CHLDEA); letters, digits, _.', max_length=40, verbose_name='code')),
                ('name', models.CharField(max_length=300, verbose_name='name')),
                ('unit', models.CharField(choices=[('percent', 'Per cent'), ('millions', 'Millions of people'), ('number', 'Number'), ('per_1000', 'Per 1,000 people'), ('per_100k', 'Per 100,000 people')], max_length=12, verbose_name='unit')),
                ('decimals', models.PositiveSmallIntegerField(default=1, verbose_name='decimals shown')),
                ('definition', models.TextField(blank=True, verbose_name='definition')),
                ('source_organisation', models.CharField(max_length=255, verbose_name='source organisation')),
                ('licence', models.CharField(choices=[('cc-by-4.0', 'Creative Commons Attribution 4.0 (CC BY 4.0)'), ('cc-by-nc-sa-3.0-igo', 'CC BY-NC-SA 3.0 IGO'), ('cc-by-sa-4.0', 'Creative Commons Attribution-ShareAlike 4.0'), ('un-terms', 'United Nations terms of use (free use with attribution)'), ('public-domain', 'Public domain (e.g. a work of the US Government)'), ('national-open', 'National open data terms (see the source)'), ('restricted', 'Restricted: not for redistribution')], max_length=24, verbose_name='licence')),
                ('methodology', models.TextField(blank=True, verbose_name='methodology note')),
                ('caveats', models.TextField(blank=True, verbose_name='caveats')),
                ('direction', models.CharField(choices=[('decrease', 'A decrease is progress'), ('increase', 'An increase is progress')], default='decrease', max_length=8, verbose_name='desired direction')),
                ('access', models.CharField(choices=[('public', 'Public'), ('partners', 'Partners only'), ('body', 'Members of a named body only')], db_index=True, default='public', max_length=8, verbose_name='access')),
                ('is_illustrative', models.BooleanField(default=False, help_text='Not real published figures; shown as an illustration.', verbose_name='illustrative')),
                ('tracks', models.CharField(blank=True, choices=[('', 'None'), ('child_labour', 'End child labour in all its forms by 2025'), ('forced_labour', 'Eradicate forced labour by 2030'), ('modern_slavery', 'End modern slavery by 2030'), ('trafficking', 'End human trafficking by 2030')], default='', help_text="The dashboard follows this part of Target 8.7 with the series' world values.", max_length=16, verbose_name='global measure of')),
                ('is_headline', models.BooleanField(default=False, help_text='Its latest world value is among the headline figures.', verbose_name='headline figure')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('access_body', models.ForeignKey(blank=True, db_constraint=False, help_text='Only its members see the series when access is limited to a body.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='bodies.body', verbose_name='named body')),
                ('default_source', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='data.source', verbose_name='main source')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('indicator', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='data.sdgindicator', verbose_name='SDG indicator')),
                ('steward', models.ForeignKey(blank=True, db_constraint=False, help_text='Its focal points may import observations into the series.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='partners.organisation', verbose_name='data steward')),
            ],
            options={
                'verbose_name': 'historical series',
                'verbose_name_plural': 'historical series',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalSource',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('is_demo', models.BooleanField(db_index=True, default=False, help_text='Created by the demo loader; removed by `alliance87 remove_demo_data`.', verbose_name='demo data')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created')),
                ('title', models.CharField(max_length=400, verbose_name='title')),
                ('publisher', models.CharField(max_length=255, verbose_name='publisher')),
                ('year', models.PositiveIntegerField(blank=True, null=True, verbose_name='year published')),
                ('url', models.URLField(blank=True, max_length=500, verbose_name='address')),
                ('licence', models.CharField(blank=True, choices=[('cc-by-4.0', 'Creative Commons Attribution 4.0 (CC BY 4.0)'), ('cc-by-nc-sa-3.0-igo', 'CC BY-NC-SA 3.0 IGO'), ('cc-by-sa-4.0', 'Creative Commons Attribution-ShareAlike 4.0'), ('un-terms', 'United Nations terms of use (free use with attribution)'), ('public-domain', 'Public domain (e.g. a work of the US Government)'), ('national-open', 'National open data terms (see the source)'), ('restricted', 'Restricted: not for redistribution')], max_length=24, verbose_name='licence')),
                ('accessed', models.DateField(blank=True, null=True, verbose_name='read on')),
                ('note', models.TextField(blank=True, verbose_name='note')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical source',
                'verbose_name_plural': 'historical sources',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        # Rows made before history was kept get one "created" record of their current state.
        migrations.RunPython(record_baseline("data", ['PublishedTable', 'Series', 'Source']), migrations.RunPython.noop, elidable=True),
    ]
