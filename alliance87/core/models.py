"""What every domain model shares; nothing here knows about a domain."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DemoFlagged(models.Model):
    """A record that `make demo` may have created; a real deployment removes them with one command."""

    is_demo = models.BooleanField(
        _("demo data"),
        default=False,
        db_index=True,
        help_text=_("Created by the demo loader; removed by `alliance87 remove_demo_data`."),
    )

    class Meta:
        abstract = True


class Timestamped(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True
