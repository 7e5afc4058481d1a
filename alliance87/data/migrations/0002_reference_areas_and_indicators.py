"""Reference data: the world, the SDG and ILO regions, every ISO 3166 country with its M49 code and SDG region,
and the SDG indicators of Target 8.7 and its neighbours. Not demo data: a deployment keeps it."""

from django.db import migrations


def load(apps, schema_editor):
    from alliance87.data.areas import load_reference_data

    load_reference_data(apps.get_model("data", "Area"), apps.get_model("data", "SdgIndicator"))


class Migration(migrations.Migration):
    dependencies = [("data", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
