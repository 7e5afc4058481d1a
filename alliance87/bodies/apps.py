from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BodiesConfig(AppConfig):
    name = "alliance87.bodies"
    verbose_name = _("Bodies and roles")

    def ready(self) -> None:
        from alliance87.core.history import track_history

        from .models import Body, ChairRotationRule, RoleTerm

        # Who changed what and when, for the History pages (registered here, after django-modeltranslation
        # has added its fields, as django-simple-history documents).
        for model in (Body, RoleTerm, ChairRotationRule):
            track_history(model)

        from alliance87.partners.schemas import OrganisationDetailOut

        from .schemas import RoleTermOut

        # An organisation's API record lists the role terms it holds, which are ours: partners must not import
        # bodies, so the field names our schema and we complete it here.
        OrganisationDetailOut.model_rebuild(_types_namespace={"RoleTermOut": RoleTermOut})
