"""Plans in Django's admin, for administrators only (core.admin restricts the site); people use the plan pages."""

from django.contrib import admin

from .models import BudgetLine, Indicator, IndicatorValue, Plan, ReportingPeriod, ResultNode, ValueChange


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["title", "owner_body", "owner_country", "status", "period_start", "period_end", "is_demo"]
    list_filter = ["status", "is_demo", "is_illustrative"]
    search_fields = ["title", "slug", "iati_identifier"]
    filter_horizontal = ["responsible_organisations"]


@admin.register(ResultNode)
class ResultNodeAdmin(admin.ModelAdmin):
    list_display = ["__str__", "plan", "level", "position", "status"]
    list_filter = ["status", "level"]
    search_fields = ["title", "code", "plan__title"]
    raw_id_fields = ["plan", "parent"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "node",
        "measure",
        "direction",
        "baseline_value",
        "target_value",
        "target_year",
    ]
    list_filter = ["measure", "kind", "period_rule"]
    search_fields = ["title", "code"]
    raw_id_fields = ["node"]


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(admin.ModelAdmin):
    list_display = ["indicator", "start", "end", "target_value"]
    raw_id_fields = ["indicator"]


class ValueChangeInline(admin.TabularInline):
    model = ValueChange
    extra = 0
    can_delete = False
    readonly_fields = ["changed_by", "changed_at", "action", "old", "new", "comment"]

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(IndicatorValue)
class IndicatorValueAdmin(admin.ModelAdmin):
    """Values change through the plan pages, which keep their history; the admin only reads them."""

    list_display = ["period", "value", "status", "version", "submitted_by", "reviewed_by"]
    list_filter = ["status", "origin"]
    raw_id_fields = ["period", "submitted_by", "reviewed_by"]
    readonly_fields = ["version"]
    inlines = [ValueChangeInline]


@admin.register(BudgetLine)
class BudgetLineAdmin(admin.ModelAdmin):
    list_display = ["plan", "year", "node", "planned", "committed", "spent", "funding_source"]
    list_filter = ["funding_source", "year"]
    raw_id_fields = ["plan", "node", "funder"]
