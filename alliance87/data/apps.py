from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DataConfig(AppConfig):
    name = "alliance87.data"
    label = "data"
    verbose_name = _("Data on Target 8.7")

    def ready(self) -> None:
        from alliance87.core.history import track_history

        from .models import PublishedTable, Series, Source

        # Who changed what and when, for the History pages (registered here, after django-modeltranslation
        # has added its fields, as django-simple-history documents).
        for model in (Source, Series, PublishedTable):
            track_history(model)
        from .import_jobs import register

        register()
