"""Applications sent before contact addresses were confirmed stay in the review queue: they count as confirmed."""

from django.db import migrations
from django.db.models import F


def confirm_existing(apps, schema_editor):
    PartnerApplication = apps.get_model("partners", "PartnerApplication")
    PartnerApplication.objects.filter(email_confirmed_at__isnull=True).update(email_confirmed_at=F("created_at"))


class Migration(migrations.Migration):
    dependencies = [("partners", "0003_partnerapplication_email_confirmed_at")]

    operations = [migrations.RunPython(confirm_existing, migrations.RunPython.noop)]
