"""Community records in Django's admin, for administrators (spaces are created here); people use the pages."""

from django.contrib import admin

from .models import (
    ItemComment,
    ModerationLog,
    Notification,
    NotificationPreference,
    Post,
    Profile,
    Report,
    Space,
    Thread,
)


@admin.register(Space)
class SpaceAdmin(admin.ModelAdmin):
    list_display = ["name", "visibility", "body", "country", "position", "is_demo"]
    list_filter = ["visibility", "is_demo"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    list_display = ["title", "space", "author", "is_locked", "is_hidden", "last_activity_at"]
    list_filter = ["is_locked", "is_hidden", "space"]
    search_fields = ["title"]
    raw_id_fields = ["author"]


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["__str__", "author", "is_hidden", "created_at"]
    list_filter = ["is_hidden"]
    raw_id_fields = ["thread", "author"]


@admin.register(ItemComment)
class ItemCommentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "author", "is_hidden", "created_at"]
    raw_id_fields = ["item", "author"]


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["handle", "user"]
    search_fields = ["handle"]
    raw_id_fields = ["user"]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "reported_by", "created_at", "resolved_at"]
    raw_id_fields = ["post", "reported_by", "resolved_by"]


@admin.register(ModerationLog)
class ModerationLogAdmin(admin.ModelAdmin):
    list_display = ["created_at", "moderator", "action", "reason"]
    list_filter = ["action"]

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False  # the log is kept as written


admin.site.register(Notification)
admin.site.register(NotificationPreference)
