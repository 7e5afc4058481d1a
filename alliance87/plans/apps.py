from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "alliance87.plans"
    verbose_name = _("Plans and progress")

    def ready(self) -> None:
        from alliance87.core.layout import fill_slot

        # A library item's page lists the plan results that link it, without the library knowing plans.
        fill_slot("library-item-facts", "plans/includes/item_results.html")
