from django.contrib import admin

from .models import CommunicationOfficer, Delivery, NewsletterIssue, Post, Subscriber, Tag


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["title", "language", "status", "published_at", "is_demo"]
    list_filter = ["status", "language", "is_demo"]
    search_fields = ["title", "summary"]
    raw_id_fields = ["translation_of", "author"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]


@admin.register(CommunicationOfficer)
class CommunicationOfficerAdmin(admin.ModelAdmin):
    list_display = ["user", "added_by", "created_at"]
    raw_id_fields = ["user", "added_by"]


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "language", "status", "created_at", "confirmed_at", "unsubscribed_at"]
    list_filter = ["status", "language"]
    search_fields = ["email"]
    readonly_fields = ["confirm_token", "unsubscribe_token"]


@admin.register(NewsletterIssue)
class NewsletterIssueAdmin(admin.ModelAdmin):
    list_display = ["title", "language", "period_start", "period_end", "status", "sent_at"]
    list_filter = ["status", "language"]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["issue", "subscriber", "status", "attempts", "sent_at"]
    list_filter = ["status"]
    raw_id_fields = ["issue", "subscriber"]
