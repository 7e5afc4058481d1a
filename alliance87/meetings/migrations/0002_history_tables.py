"""Historical tables (django-simple-history) for the edited models, and a first record for existing rows."""

import alliance87.meetings.models
import django.core.validators
import django.db.models.deletion
import django_countries.fields
import simple_history.models
from django.conf import settings
from django.db import migrations, models

from alliance87.core.history_migrations import record_baseline


class Migration(migrations.Migration):

    dependencies = [
        ('bodies', '0003_body_position_limit'),
        ('countries', '0001_initial'),
        ("meetings", "0001_initial"),
        ('partners', '0004_applications_before_confirmation_count_as_confirmed'),
        ('plans', '0004_resultnode_library_items'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalAgendaSession',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('is_demo', models.BooleanField(db_index=True, default=False, help_text='Created by the demo loader; removed by `alliance87 remove_demo_data`.', verbose_name='demo data')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created')),
                ('starts_at', models.DateTimeField(verbose_name='starts')),
                ('ends_at', models.DateTimeField(blank=True, null=True, verbose_name='ends')),
                ('title', models.CharField(max_length=300, verbose_name='title')),
                ('description', models.TextField(blank=True, help_text='Markdown is allowed.', verbose_name='description')),
                ('speakers', models.CharField(blank=True, max_length=500, verbose_name='speakers')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('event', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='meetings.event')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical agenda session',
                'verbose_name_plural': 'historical agenda sessions',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalEvent',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('is_demo', models.BooleanField(db_index=True, default=False, help_text='Created by the demo loader; removed by `alliance87 remove_demo_data`.', verbose_name='demo data')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created')),
                ('kind', models.CharField(choices=[('gcg_meeting', 'GCG meeting'), ('workshop', 'Workshop'), ('national_consultation', 'National consultation'), ('webinar', 'Webinar'), ('conference', 'Conference')], db_index=True, max_length=24, verbose_name='kind')),
                ('title', models.CharField(max_length=300, verbose_name='title')),
                ('slug', models.SlugField(max_length=120, verbose_name='slug')),
                ('description', models.TextField(blank=True, help_text='Markdown is allowed.', verbose_name='description')),
                ('starts_at', models.DateTimeField(db_index=True, verbose_name='starts')),
                ('ends_at', models.DateTimeField(verbose_name='ends')),
                ('timezone', models.CharField(default='UTC', help_text='Where the event takes place, e.g. Europe/Zurich; times are entered in this zone.', max_length=64, validators=[alliance87.meetings.models.validate_time_zone], verbose_name='time zone')),
                ('venue', models.CharField(blank=True, max_length=255, verbose_name='venue')),
                ('city', models.CharField(blank=True, max_length=120, verbose_name='city')),
                ('country', django_countries.fields.CountryField(blank=True, max_length=2, verbose_name='country')),
                ('online_url', models.URLField(blank=True, max_length=500, verbose_name='online link')),
                ('is_open', models.BooleanField(default=True, help_text='Anyone signed in may register; otherwise the organisers approve each participant.', verbose_name='open registration')),
                ('capacity', models.PositiveIntegerField(blank=True, help_text='Places; further registrations go on the waiting list. Empty for no limit.', null=True, validators=[django.core.validators.MinValueValidator(1)], verbose_name='capacity')),
                ('registration_deadline', models.DateTimeField(blank=True, null=True, verbose_name='registration deadline')),
                ('status', models.CharField(choices=[('scheduled', 'Scheduled'), ('cancelled', 'Cancelled')], db_index=True, default='scheduled', max_length=16, verbose_name='status')),
                ('sequence', models.PositiveIntegerField(default=0, help_text='iCalendar SEQUENCE: raised on every significant change.', verbose_name='revision')),
                ('uid', models.CharField(db_index=True, default=alliance87.meetings.models.new_uid, editable=False, max_length=64, verbose_name='calendar identifier')),
                ('is_illustrative', models.BooleanField(default=False, help_text='Dates or details not confirmed by a published source; shown as an illustration only.', verbose_name='illustrative')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('owner_body', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='bodies.body', verbose_name='held by body')),
                ('owner_country', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='countries.pathfindercountry', verbose_name='held by country')),
            ],
            options={
                'verbose_name': 'historical event',
                'verbose_name_plural': 'historical events',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalOutcomeNote',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('is_demo', models.BooleanField(db_index=True, default=False, help_text='Created by the demo loader; removed by `alliance87 remove_demo_data`.', verbose_name='demo data')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created')),
                ('kind', models.CharField(choices=[('decision', 'Decision'), ('priority', 'Agreed priority'), ('research_question', 'Research question')], db_index=True, max_length=20, verbose_name='kind')),
                ('text', models.TextField(help_text='Markdown is allowed.', verbose_name='text')),
                ('position', models.PositiveIntegerField(default=0, verbose_name='position')),
                ('is_illustrative', models.BooleanField(default=False, help_text='Not from a published source; an illustration only.', verbose_name='illustrative')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('event', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='meetings.event')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical outcome',
                'verbose_name_plural': 'historical outcomes',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalRoadmapAction',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('is_demo', models.BooleanField(db_index=True, default=False, help_text='Created by the demo loader; removed by `alliance87 remove_demo_data`.', verbose_name='demo data')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created')),
                ('description', models.TextField(verbose_name='action')),
                ('due_date', models.DateField(blank=True, null=True, verbose_name='due date')),
                ('status', models.CharField(choices=[('planned', 'Planned'), ('in_progress', 'In progress'), ('done', 'Done'), ('dropped', 'Dropped')], db_index=True, default='planned', max_length=16, verbose_name='status')),
                ('position', models.PositiveIntegerField(default=0, verbose_name='position')),
                ('is_illustrative', models.BooleanField(default=False, help_text='Not from a published source; an illustration only.', verbose_name='illustrative')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('event', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='meetings.event')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('plan_activity', models.ForeignKey(blank=True, db_constraint=False, help_text="The result in a plan's framework through which this action is tracked.", null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='plans.resultnode', verbose_name='plan activity')),
                ('responsible_organisation', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='partners.organisation', verbose_name='responsible organisation')),
            ],
            options={
                'verbose_name': 'historical roadmap action',
                'verbose_name_plural': 'historical roadmap actions',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        # Rows made before history was kept get one "created" record of their current state.
        migrations.RunPython(record_baseline("meetings", ['AgendaSession', 'Event', 'OutcomeNote', 'RoadmapAction']), migrations.RunPython.noop, elidable=True),
    ]
