"""Historical tables (django-simple-history) for the edited models, and a first record for existing rows."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

from alliance87.core.history_migrations import record_baseline


class Migration(migrations.Migration):

    dependencies = [
        ('bodies', '0003_body_position_limit'),
        ("library", "0005_search_spelling_vocabulary"),
        ('partners', '0004_applications_before_confirmation_count_as_confirmed'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalCollection',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('is_demo', models.BooleanField(db_index=True, default=False, help_text='Created by the demo loader; removed by `alliance87 remove_demo_data`.', verbose_name='demo data')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created')),
                ('title', models.CharField(max_length=255, verbose_name='title')),
                ('slug', models.SlugField(max_length=100, verbose_name='slug')),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('owner_body', models.ForeignKey(blank=True, db_constraint=False, help_text='Empty: kept by the Secretariat.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='bodies.body', verbose_name='kept by')),
            ],
            options={
                'verbose_name': 'historical collection',
                'verbose_name_plural': 'historical collections',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalItem',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('is_demo', models.BooleanField(db_index=True, default=False, help_text='Created by the demo loader; removed by `alliance87 remove_demo_data`.', verbose_name='demo data')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created')),
                ('kind', models.CharField(choices=[('report', 'Report / publication'), ('research_paper', 'Research paper'), ('policy_brief', 'Policy brief or guide'), ('evidence_summary', 'Evidence summary'), ('legal_instrument', 'Legal instrument'), ('dataset', 'Data set'), ('toolkit', 'Toolkit'), ('workshop_report', 'Workshop report'), ('news', 'News article'), ('media', 'Video / podcast')], db_index=True, max_length=20, verbose_name='kind')),
                ('title', models.CharField(max_length=500, verbose_name='title')),
                ('subtitle', models.CharField(blank=True, max_length=500, verbose_name='subtitle')),
                ('slug', models.SlugField(max_length=120, verbose_name='slug')),
                ('publication_date', models.DateField(blank=True, db_index=True, null=True, verbose_name='date')),
                ('year', models.PositiveSmallIntegerField(blank=True, db_index=True, null=True, verbose_name='year')),
                ('place_of_publication', models.CharField(blank=True, max_length=200, verbose_name='place of publication')),
                ('language', models.CharField(db_index=True, default='en', help_text='ISO 639-1 code, e.g. en, fr, es.', max_length=8, verbose_name='language')),
                ('pages', models.CharField(blank=True, help_text='e.g. xi, 45', max_length=60, verbose_name='pages')),
                ('isbn', models.CharField(blank=True, db_index=True, max_length=20, verbose_name='ISBN')),
                ('issn', models.CharField(blank=True, max_length=9, verbose_name='ISSN')),
                ('doi', models.CharField(blank=True, db_index=True, max_length=200, verbose_name='DOI')),
                ('url', models.URLField(blank=True, max_length=500, verbose_name='web address')),
                ('abstract', models.TextField(blank=True, verbose_name='abstract')),
                ('licence', models.CharField(blank=True, max_length=300, verbose_name='licence / copyright')),
                ('event_title', models.CharField(blank=True, max_length=300, verbose_name='title of event')),
                ('event_place', models.CharField(blank=True, max_length=200, verbose_name='place of event')),
                ('event_dates', models.CharField(blank=True, max_length=60, verbose_name='date of event')),
                ('publisher_name', models.CharField(blank=True, max_length=255, verbose_name='publisher (if not in the directory)')),
                ('keywords', models.JSONField(blank=True, default=list, verbose_name='free keywords')),
                ('countries', models.JSONField(blank=True, default=list, help_text='ISO 3166-1 alpha-2 codes.', verbose_name='countries')),
                ('access', models.CharField(choices=[('public', 'Public'), ('partners', 'Partners only'), ('body', 'Members of one body only')], db_index=True, default='public', max_length=10, verbose_name='access')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('access_body', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='bodies.body', verbose_name='visible to members of')),
                ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('publisher', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='partners.organisation', verbose_name='publisher')),
            ],
            options={
                'verbose_name': 'historical library item',
                'verbose_name_plural': 'historical library items',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalItemFile',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('is_demo', models.BooleanField(db_index=True, default=False, help_text='Created by the demo loader; removed by `alliance87 remove_demo_data`.', verbose_name='demo data')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created')),
                ('file', models.TextField(max_length=300, verbose_name='file')),
                ('original_name', models.CharField(max_length=255, verbose_name='file name')),
                ('content_type', models.CharField(max_length=120, verbose_name='type')),
                ('size', models.PositiveBigIntegerField(verbose_name='size in bytes')),
                ('sha256', models.CharField(db_index=True, max_length=64)),
                ('description', models.CharField(blank=True, max_length=255, verbose_name='description')),
                ('extraction_status', models.CharField(choices=[('pending', 'Waiting for text extraction'), ('done', 'Text extracted'), ('empty', 'No text found (scanned image?)'), ('failed', 'Could not be read')], db_index=True, default='pending', max_length=10, verbose_name='text extraction')),
                ('extraction_message', models.CharField(blank=True, max_length=500, verbose_name='extraction message')),
                ('page_count', models.PositiveIntegerField(blank=True, null=True)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('item', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='library.item')),
                ('uploaded_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical file',
                'verbose_name_plural': 'historical files',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        # Rows made before history was kept get one "created" record of their current state.
        migrations.RunPython(record_baseline("library", ['Collection', 'Item', 'ItemFile']), migrations.RunPython.noop, elidable=True),
    ]
