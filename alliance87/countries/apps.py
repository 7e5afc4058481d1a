from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CountriesConfig(AppConfig):
    name = "alliance87.countries"
    verbose_name = _("Pathfinder Countries")
