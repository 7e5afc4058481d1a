"""Background work of the hub: the platform's process indicators and the weekly digests."""

from django.utils import timezone
from django_tasks import task

from .digests import send_weekly_digests as send_digests_now
from .process_indicators import refresh_process_indicators as refresh_now


@task()
def refresh_process_indicators() -> dict[str, int]:
    """Recompute the process indicators from the platform's records and store them as data series."""
    return refresh_now()


@task()
def send_completeness_digests() -> int:
    """E-mail each person what they must act on: late reporting in the plans they follow, their partner's late
    commitment reports, overdue follow-up actions (idempotent: once a week each)."""
    return send_digests_now(today=timezone.localdate())
