from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CountriesConfig(AppConfig):
    name = "alliance87.countries"
    verbose_name = _("Pathfinder Countries")

    def ready(self) -> None:
        from alliance87.core.history import track_history

        from .models import PathfinderCountry, PathStep

        # Who changed what and when, for the History pages (registered here, after django-modeltranslation
        # has added its fields, as django-simple-history documents).
        for model in (PathfinderCountry, PathStep):
            track_history(model)
