from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "alliance87.plans"
    verbose_name = _("Plans and progress")

    def ready(self) -> None:
        from alliance87.core.api.links import provide_link
        from alliance87.core.layout import fill_slot

        from .services.framework import link_item_to_results

        # A library item's page lists the plan results that link it, without the library knowing plans.
        fill_slot("library-item-facts", "plans/includes/item_results.html")
        # Its API record sets them too, by plans' rule.
        provide_link("library-item-results", link_item_to_results)
