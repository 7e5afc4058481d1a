"""Events in Django's admin, for administrators only (core.admin restricts the site); people use the event pages."""

from django.contrib import admin

from .models import AgendaSession, Event, EventOrganiser, OutcomeNote, Registration, RoadmapAction


class OrganiserInline(admin.TabularInline):
    model = EventOrganiser
    extra = 0
    raw_id_fields = ["organisation"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "kind",
        "starts_at",
        "timezone",
        "owner_body",
        "owner_country",
        "status",
        "is_demo",
    ]
    list_filter = ["kind", "status", "is_demo", "is_illustrative"]
    search_fields = ["title", "slug", "city"]
    readonly_fields = ["uid", "sequence"]
    inlines = [OrganiserInline]


@admin.register(AgendaSession)
class AgendaSessionAdmin(admin.ModelAdmin):
    list_display = ["title", "event", "starts_at"]
    raw_id_fields = ["event", "documents", "speaker_accounts"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["user", "event", "status", "position", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["event", "user", "decided_by"]


@admin.register(OutcomeNote)
class OutcomeNoteAdmin(admin.ModelAdmin):
    list_display = ["__str__", "event", "kind"]
    list_filter = ["kind"]


@admin.register(RoadmapAction)
class RoadmapActionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "event", "responsible_organisation", "due_date", "status"]
    list_filter = ["status"]
    raw_id_fields = ["event", "plan_activity"]
