"""A body's chair rotation rule becomes a record of its own with the shared provenance (core.models.Provenance):
`ChairRotationRule` (term length, source title and address, illustrative) and its history. 0009 carries the values
over from the body's own fields; 0010 removes those."""

import django.core.validators
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('bodies', '0007_content_translations'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ChairRotationRule',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('is_demo', models.BooleanField(db_index=True, default=False, help_text='Created by the demo loader; removed by `alliance87 remove_demo_data`.', verbose_name='demo data')),
                ('source', models.CharField(blank=True, help_text='Title and publisher of the document or page that states this.', max_length=500, verbose_name='source')),
                ('source_url', models.URLField(blank=True, max_length=500, verbose_name='source address')),
                ('source_read_on', models.DateField(blank=True, help_text="When the source's address was read.", null=True, verbose_name='source read on')),
                ('as_of', models.DateField(blank=True, help_text='The date at which the source says this was true.', null=True, verbose_name='as of')),
                ('is_illustrative', models.BooleanField(default=False, help_text='Not confirmed by a published source; shown as an illustration only.', verbose_name='illustrative')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('term_months', models.PositiveSmallIntegerField(blank=True, help_text="How long a chair serves before the chair rotates, as the body's rules give it; empty if they do not.", null=True, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(120)], verbose_name="chair's term (months)")),
                ('body', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='chair_rotation', to='bodies.body')),
            ],
            options={
                'verbose_name': 'chair rotation rule',
                'verbose_name_plural': 'chair rotation rules',
            },
        ),
        migrations.CreateModel(
            name='HistoricalChairRotationRule',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('is_demo', models.BooleanField(db_index=True, default=False, help_text='Created by the demo loader; removed by `alliance87 remove_demo_data`.', verbose_name='demo data')),
                ('source', models.CharField(blank=True, help_text='Title and publisher of the document or page that states this.', max_length=500, verbose_name='source')),
                ('source_url', models.URLField(blank=True, max_length=500, verbose_name='source address')),
                ('source_read_on', models.DateField(blank=True, help_text="When the source's address was read.", null=True, verbose_name='source read on')),
                ('as_of', models.DateField(blank=True, help_text='The date at which the source says this was true.', null=True, verbose_name='as of')),
                ('is_illustrative', models.BooleanField(default=False, help_text='Not confirmed by a published source; shown as an illustration only.', verbose_name='illustrative')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created')),
                ('term_months', models.PositiveSmallIntegerField(blank=True, help_text="How long a chair serves before the chair rotates, as the body's rules give it; empty if they do not.", null=True, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(120)], verbose_name="chair's term (months)")),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('body', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='bodies.body')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical chair rotation rule',
                'verbose_name_plural': 'historical chair rotation rules',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
    ]
