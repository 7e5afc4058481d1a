"""Background work of plans: the reporting reminders (the weekly digests are the hub's, `home.tasks`) and the gap
report's counts after midnight."""

from django.utils import timezone
from django_tasks import task

from . import verdicts
from .reminders import send_reporting_reminders as send_now


@task()
def send_reporting_reminders() -> int:
    """E-mail reporters before and after their values are due (idempotent: each reminder goes once)."""
    return send_now(today=timezone.localdate())


@task()
def refresh_stale_gap_counts() -> int:
    """Count again the gap report's counts of the plans whose counts no longer hold (a result fell due today, a new
    year began), so that readers rarely pay for it (the page still counts the stale plans it finds)."""
    return verdicts.refresh_stale_counts(today=timezone.localdate())
