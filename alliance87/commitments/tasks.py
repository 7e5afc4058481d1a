"""Background work of commitments: the yearly report reminders."""

from django.utils import timezone
from django_tasks import task

from .reminders import send_commitment_reminders as send_now


@task()
def send_commitment_reminders() -> int:
    """E-mail partners' focal points before and after a yearly report is due (idempotent: each goes once)."""
    return send_now(today=timezone.localdate())
