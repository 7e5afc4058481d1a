from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The front page and each person's dashboard: the one place that reads across every domain."""

    name = "alliance87.home"
    verbose_name = _("Home")
