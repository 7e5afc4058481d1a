"""Every existing account's address becomes its primary allauth EmailAddress.

Demo accounts' addresses count as verified (they cannot receive mail); the partners app verifies the addresses of
focal points created by an approved application. Anyone else confirms their address once, at their next sign-in.
"""

from django.db import migrations

BATCH = 500


def create_addresses(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    have = set(EmailAddress.objects.values_list("user_id", flat=True))
    pending = []
    for user in User.objects.exclude(email="").only("pk", "email", "is_demo").iterator(chunk_size=BATCH):
        if user.pk in have:
            continue
        pending.append(EmailAddress(user_id=user.pk, email=user.email.lower(), primary=True, verified=user.is_demo))
        if len(pending) >= BATCH:
            EmailAddress.objects.bulk_create(pending)
            pending = []
    EmailAddress.objects.bulk_create(pending)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_apitoken_expiry_and_scope"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [migrations.RunPython(create_addresses, migrations.RunPython.noop)]
