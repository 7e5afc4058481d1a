# A body's events in date order and the events held in a country, each through its own index instead of a walk
# of every event's start. Depends on the meetings' previous migration only (tests migrate other apps back and forth).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0011_event_description_translations'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='event',
            index=models.Index(fields=['owner_body', 'starts_at'], name='meetings_event_body_start_idx'),
        ),
        migrations.AddIndex(
            model_name='event',
            index=models.Index(fields=['country'], name='meetings_event_country_idx'),
        ),
    ]
