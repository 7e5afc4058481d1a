from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "alliance87.meetings"
    verbose_name = _("Events and meetings")
