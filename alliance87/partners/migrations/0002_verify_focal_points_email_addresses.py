"""Focal points whose account was created by an approved application proved their address by using its link."""

from django.db import migrations


def verify_applicants(apps, schema_editor):
    PartnerApplication = apps.get_model("partners", "PartnerApplication")
    EmailAddress = apps.get_model("account", "EmailAddress")
    approved = PartnerApplication.objects.filter(status="approved").values_list("contact_email", flat=True)
    emails = {email.lower() for email in approved}
    for start in range(0, len(emails), 500):
        batch = sorted(emails)[start : start + 500]
        EmailAddress.objects.filter(email__in=batch, verified=False).update(verified=True)


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0001_initial"),
        ("accounts", "0004_email_addresses_for_existing_accounts"),
    ]

    operations = [migrations.RunPython(verify_applicants, migrations.RunPython.noop)]
