"""Historical tables (django-simple-history) for the edited models, and a first record for existing rows."""

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
        ('partners', '0004_applications_before_confirmation_count_as_confirmed'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalBody',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('is_demo', models.BooleanField(db_index=True, default=False, help_text='Created by the demo loader; removed by `alliance87 remove_demo_data`.', verbose_name='demo data')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created')),
                ('kind', models.CharField(choices=[('gcg', 'Global Coordinating Group'), ('secretariat', 'Secretariat'), ('action_group', 'Action Group'), ('working_group', 'Working group'), ('communication_group', 'Communication Group')], db_index=True, max_length=24, verbose_name='kind')),
                ('name', models.CharField(db_index=True, max_length=255, verbose_name='name')),
                ('short_name', models.CharField(blank=True, max_length=80, verbose_name='short name')),
                ('slug', models.SlugField(max_length=80, verbose_name='slug')),
                ('purpose', models.TextField(blank=True, help_text='Markdown is allowed.', verbose_name='purpose')),
                ('is_open_to_requests', models.BooleanField(default=True, help_text='Partners may ask to join it.', verbose_name='open to membership requests')),
                ('position', models.PositiveSmallIntegerField(default=0, validators=[django.core.validators.MaxValueValidator(32767)], verbose_name='position')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('parent', models.ForeignKey(blank=True, db_constraint=False, help_text='For a working group: its Action Group.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='bodies.body', verbose_name='part of')),
            ],
            options={
                'verbose_name': 'historical body',
                'verbose_name_plural': 'historical bodies',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalRoleTerm',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('is_demo', models.BooleanField(db_index=True, default=False, help_text='Created by the demo loader; removed by `alliance87 remove_demo_data`.', verbose_name='demo data')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created')),
                ('role', models.CharField(choices=[('chair', 'Chair'), ('co_chair', 'Co-chair'), ('deputy_chair', 'Vice/deputy chair'), ('member', 'Member'), ('focal_point', 'Focal point'), ('host', 'Host')], db_index=True, max_length=16, verbose_name='role')),
                ('country', django_countries.fields.CountryField(blank=True, max_length=2, verbose_name='country')),
                ('start_date', models.DateField(blank=True, null=True, verbose_name='from')),
                ('end_date', models.DateField(blank=True, null=True, verbose_name='until')),
                ('note', models.CharField(blank=True, max_length=255, verbose_name='note')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('body', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='bodies.body')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('organisation', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='partners.organisation')),
                ('representative', models.ForeignKey(blank=True, db_constraint=False, help_text='The person who acts for the holder in this role.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='representative')),
            ],
            options={
                'verbose_name': 'historical role term',
                'verbose_name_plural': 'historical role terms',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        # Rows made before history was kept get one "created" record of their current state.
        migrations.RunPython(record_baseline("bodies", ['Body', 'RoleTerm']), migrations.RunPython.noop, elidable=True),
    ]
