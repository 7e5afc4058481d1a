"""Send the commitment report reminders due on a day now, as the scheduler does each morning (idempotent)."""

from typing import Any

from alliance87.commitments.reminders import pending_reminders, send_commitment_reminders
from alliance87.core.management.scheduled import ScheduledMailCommand


class Command(ScheduledMailCommand):
    help = (
        "E-mail partners' focal points the yearly commitment reports due within a week or overdue, once each. "
        "--date runs the day as if it were another; --dry-run lists who would be e-mailed."
    )
    noun = "reminders"
    pending = staticmethod(pending_reminders)
    send = staticmethod(send_commitment_reminders)

    def describe(self, item: Any) -> str:
        reminder, user = item
        return (
            f"{user.email}: {reminder.commitment.title}, {reminder.kind} {reminder.due_date}, "
            f"{len(reminder.deliverables)} reports missing"
        )
