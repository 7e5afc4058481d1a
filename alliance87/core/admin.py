"""Django's admin is for administrators only; everybody else works in the platform's own pages."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import EmailStatus, ImportJob, OutgoingEmail, ScheduledRun


def administrators_only(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_active and user.is_superuser)


admin.site.has_permission = administrators_only  # type: ignore[method-assign]
admin.site.site_header = _("Alliance 8.7 — administration")


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    """Mail on its way, sent or failed: an administrator sees what did not go out, and why."""

    list_display = ["subject", "recipients", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["subject", "to", "message_id"]
    readonly_fields = [field.name for field in OutgoingEmail._meta.fields]
    actions = ["send_again"]

    @admin.display(description=_("to"))
    def recipients(self, email: OutgoingEmail) -> str:
        return ", ".join(email.to)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=_("Send the failed e-mails again"))
    def send_again(self, request: HttpRequest, queryset: QuerySet[OutgoingEmail]) -> None:
        from .tasks import deliver_email

        failed = list(queryset.filter(status=EmailStatus.FAILED).values_list("pk", flat=True))
        queryset.filter(pk__in=failed).update(status=EmailStatus.QUEUED, attempts=0)
        for pk in failed:
            deliver_email.enqueue(email_id=pk)
        self.message_user(request, _("%(count)d e-mails queued again.") % {"count": len(failed)})


@admin.register(ScheduledRun)
class ScheduledRunAdmin(admin.ModelAdmin):
    list_display = ["job", "slot", "queued_at", "task_id"]
    list_filter = ["job"]
    readonly_fields = ["job", "slot", "queued_at", "task_id"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    """Background imports: an administrator sees what is running, what failed and how long it wrote."""

    list_display = ["file_name", "kind", "created_by", "state", "created_at", "finished_at", "write_seconds"]
    list_filter = ["state", "kind"]
    search_fields = ["file_name"]
    readonly_fields = [field.name for field in ImportJob._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
