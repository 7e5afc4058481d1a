"""Background work of plans: the reporting reminders and the completeness digests."""

from django.utils import timezone
from django_tasks import task

from .digests import send_completeness_digests as send_digests_now
from .reminders import send_reporting_reminders as send_now


@task()
def send_reporting_reminders() -> int:
    """E-mail reporters before and after their values are due (idempotent: each reminder goes once)."""
    return send_now(today=timezone.localdate())


@task()
def send_completeness_digests() -> int:
    """E-mail chairs and the Secretariat what is late and what awaits review (idempotent: once a week each)."""
    return send_digests_now(today=timezone.localdate())
