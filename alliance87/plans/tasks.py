"""Background work of plans: the reporting reminders (the weekly digests are the hub's, `home.tasks`)."""

from django.utils import timezone
from django_tasks import task

from .reminders import send_reporting_reminders as send_now


@task()
def send_reporting_reminders() -> int:
    """E-mail reporters before and after their values are due (idempotent: each reminder goes once)."""
    return send_now(today=timezone.localdate())
