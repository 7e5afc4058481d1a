from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "alliance87.core"
    verbose_name = _("Platform core")

    def ready(self) -> None:
        from . import checks  # noqa: F401 - registers the deployment checks
