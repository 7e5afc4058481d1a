from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "alliance87.partners"
    verbose_name = _("Partners")

    def ready(self) -> None:
        from alliance87.core.history import track_history

        from .models import Organisation, OrganisationMembership

        # Who changed what and when, for the History pages (registered here, after django-modeltranslation
        # has added its fields, as django-simple-history documents).
        for model in (Organisation, OrganisationMembership):
            track_history(model)
