from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "alliance87.plans"
    verbose_name = _("Plans and progress")

    def ready(self) -> None:
        from alliance87.core.history import track_history

        from .models import (
            BudgetLine,
            CommonIndicator,
            Indicator,
            IndicatorValue,
            Plan,
            ReportingPeriod,
            ResultNode,
        )

        # Who changed what and when, for the History pages (registered here, after django-modeltranslation
        # has added its fields, as django-simple-history documents).
        for model in (
            Plan,
            ResultNode,
            CommonIndicator,
            Indicator,
            ReportingPeriod,
            IndicatorValue,
            BudgetLine,
        ):
            track_history(model)

        from alliance87.core.api.links import provide_link
        from alliance87.core.layout import fill_slot

        from .services.framework import link_item_to_results

        # A library item's page lists the plan results that link it, without the library knowing plans.
        fill_slot("library-item-facts", "plans/includes/item_results.html")
        # Its API record sets them too, by plans' rule.
        provide_link("library-item-results", link_item_to_results)

        from .interchange.jobs import register

        register()  # the workbook and IATI imports, run as background jobs
