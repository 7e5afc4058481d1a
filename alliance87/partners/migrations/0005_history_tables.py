"""Historical tables (django-simple-history) for the edited models, and a first record for existing rows."""

import django.db.models.deletion
import django_countries.fields
import simple_history.models
from django.conf import settings
from django.db import migrations, models

from alliance87.core.history_migrations import record_baseline


class Migration(migrations.Migration):

    dependencies = [
        ('partners', '0004_applications_before_confirmation_count_as_confirmed'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalOrganisation',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('is_demo', models.BooleanField(db_index=True, default=False, help_text='Created by the demo loader; removed by `alliance87 remove_demo_data`.', verbose_name='demo data')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created')),
                ('name', models.CharField(db_index=True, max_length=255, verbose_name='name')),
                ('acronym', models.CharField(blank=True, max_length=40, verbose_name='acronym')),
                ('slug', models.SlugField(max_length=80, verbose_name='slug')),
                ('type', models.CharField(choices=[('government', 'Government'), ('un_entity', 'UN entity'), ('international_organisation', 'Other international organisation'), ('workers', "Workers' organisation"), ('employers', "Employers' organisation"), ('business', 'Business or business network'), ('civil_society', 'Civil society / NGO'), ('faith_based', 'Faith-based organisation'), ('academic', 'Academic / research')], db_index=True, max_length=32, verbose_name='type')),
                ('country', django_countries.fields.CountryField(blank=True, db_index=True, help_text='Headquarters; empty for international bodies.', max_length=2, verbose_name='country')),
                ('website', models.URLField(blank=True, verbose_name='website')),
                ('description', models.TextField(blank=True, help_text='Markdown is allowed.', verbose_name='description')),
                ('is_partner', models.BooleanField(db_index=True, default=True, verbose_name='partner of Alliance 8.7')),
                ('partner_since', models.DateField(blank=True, null=True, verbose_name='partner since')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical organisation',
                'verbose_name_plural': 'historical organisations',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalOrganisationMembership',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('is_demo', models.BooleanField(db_index=True, default=False, help_text='Created by the demo loader; removed by `alliance87 remove_demo_data`.', verbose_name='demo data')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created')),
                ('job_title', models.CharField(blank=True, max_length=200, verbose_name='job title')),
                ('is_focal_point', models.BooleanField(default=False, verbose_name='focal point')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('organisation', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='partners.organisation')),
                ('user', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical organisation membership',
                'verbose_name_plural': 'historical organisation memberships',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        # Rows made before history was kept get one "created" record of their current state.
        migrations.RunPython(record_baseline("partners", ['Organisation', 'OrganisationMembership']), migrations.RunPython.noop, elidable=True),
    ]
