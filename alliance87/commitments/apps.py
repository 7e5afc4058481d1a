from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitmentsConfig(AppConfig):
    name = "alliance87.commitments"
    verbose_name = _("Partner commitments")

    def ready(self) -> None:
        from alliance87.core.history import track_history
        from alliance87.core.layout import fill_slot

        from .models import Commitment, Deliverable, DeliverableReport

        # Corrections of a report keep the earlier version, as every main record's changes do.
        for model in (Commitment, Deliverable, DeliverableReport):
            track_history(model)
        # A partner's page lists its commitments (partners, below, does not know them).
        fill_slot("organisation-sections", "commitments/includes/organisation_commitments.html")
