from django.db import migrations, models


class Migration(migrations.Migration):
    """Each application remembers the language it was made in, so the answers to it are written in that language."""

    dependencies = [
        ("partners", "0007_content_translations"),
    ]

    operations = [
        migrations.AddField(
            model_name="partnerapplication",
            name="language",
            field=models.CharField(
                default="en",
                help_text="The language the contact person applied in; every e-mail about the application is in it.",
                max_length=8,
                verbose_name="language of the application",
            ),
        ),
    ]
