"""Send the commitment report reminders due on a day now, as the scheduler does each morning (idempotent)."""

from typing import Any

from alliance87.commitments.reminders import pending_reminders, send_commitment_reminders
from alliance87.core.management.scheduled import ScheduledReminderCommand


class Command(ScheduledReminderCommand):
    what = (
        "E-mail partners' focal points the yearly commitment reports due within a week or overdue, once each."
    )
    pending = pending_reminders
    send = send_commitment_reminders
    missing = "reports"

    def about(self, reminder: Any) -> tuple[str, int]:
        return reminder.commitment.title, len(reminder.deliverables)
