from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DataConfig(AppConfig):
    name = "alliance87.data"
    label = "data"
    verbose_name = _("Data on Target 8.7")
