"""Plans in Django's admin, for administrators only (core.admin restricts the site); people use the plan pages."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from . import gap_counts, verdicts
from .models import (
    BudgetLine,
    CommonIndicator,
    Indicator,
    IndicatorValue,
    Plan,
    ReportingPeriod,
    ReportingReminder,
    ResultNode,
    ValueChange,
)


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["title", "owner_body", "owner_country", "status", "period_start", "period_end", "is_demo"]
    list_filter = ["status", "is_demo", "is_illustrative"]
    search_fields = ["title", "slug", "iati_identifier"]
    filter_horizontal = ["responsible_organisations"]

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        """Its tiers say which of its results are activities: its gap counts are stored again (`gap_counts`)."""
        super().save_model(request, obj, form, change)
        gap_counts.store([obj.pk])


@admin.register(ResultNode)
class ResultNodeAdmin(admin.ModelAdmin):
    """A result moved to another plan or deleted takes its indicators along: both plans' gap counts are stored
    again (`gap_counts`)."""

    list_display = ["__str__", "plan", "level", "position", "status"]
    list_filter = ["status", "level"]
    search_fields = ["title", "code", "plan__title"]
    raw_id_fields = ["plan", "parent"]

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        before = (
            set(ResultNode.objects.filter(pk=obj.pk).values_list("plan_id", flat=True)) if obj.pk else set()
        )
        super().save_model(request, obj, form, change)
        gap_counts.store(before | {obj.plan_id})

    def delete_model(self, request: Any, obj: Any) -> None:
        plan_id = obj.plan_id
        super().delete_model(request, obj)
        gap_counts.store([plan_id])

    def delete_queryset(self, request: Any, queryset: Any) -> None:
        plan_ids = set(queryset.values_list("plan_id", flat=True))
        super().delete_queryset(request, queryset)
        gap_counts.store(plan_ids)


class StoresVerdicts(admin.ModelAdmin):
    """Recompute the stored progress verdicts of the indicators an admin change touches (see verdicts.py), and
    the gap counts of the plans they were in (an indicator moved or deleted leaves its plan)."""

    def indicator_id(self, obj: Any) -> int:
        raise NotImplementedError

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        stored = type(obj).objects.filter(pk=obj.pk).first() if obj.pk else None
        before = {self.indicator_id(stored)} if stored is not None else set()
        plan_ids = gap_counts.plans_of(before)
        super().save_model(request, obj, form, change)
        verdicts.refresh(before | {self.indicator_id(obj)})
        gap_counts.store(plan_ids)

    def delete_model(self, request: Any, obj: Any) -> None:
        indicator_id = self.indicator_id(obj)
        plan_ids = gap_counts.plans_of([indicator_id])
        super().delete_model(request, obj)
        verdicts.refresh([indicator_id])
        gap_counts.store(plan_ids)

    def delete_queryset(self, request: Any, queryset: Any) -> None:
        indicator_ids = [self.indicator_id(obj) for obj in queryset]
        plan_ids = gap_counts.plans_of(indicator_ids)
        super().delete_queryset(request, queryset)
        verdicts.refresh(indicator_ids)
        gap_counts.store(plan_ids)


@admin.register(CommonIndicator)
class CommonIndicatorAdmin(admin.ModelAdmin):
    """Common indicators are defined here by the Secretariat; plans link their own indicators to them."""

    list_display = ["title", "reference", "measure", "unit"]
    list_filter = ["measure"]
    search_fields = ["title", "reference"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Indicator)
class IndicatorAdmin(StoresVerdicts):
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
    autocomplete_fields = ["common_indicator"]

    def indicator_id(self, obj: Any) -> int:
        return obj.pk


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(StoresVerdicts):
    list_display = ["indicator", "start", "end", "target_value"]
    raw_id_fields = ["indicator"]

    def indicator_id(self, obj: Any) -> int:
        return obj.indicator_id


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

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(BudgetLine)
class BudgetLineAdmin(admin.ModelAdmin):
    list_display = ["plan", "year", "node", "planned", "committed", "spent", "funding_source"]
    list_filter = ["funding_source", "year"]
    raw_id_fields = ["plan", "node", "funder"]


@admin.register(ReportingReminder)
class ReportingReminderAdmin(admin.ModelAdmin):
    """The record of reminders sent: read only, since it is what keeps a reminder from going twice."""

    list_display = ["plan", "user", "due_date", "kind", "missing", "sent_at"]
    list_filter = ["kind"]
    search_fields = ["plan__title", "user__email"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
