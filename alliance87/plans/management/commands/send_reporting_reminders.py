"""Send the reporting reminders due on a day now, as the scheduler does each morning (idempotent)."""

from typing import Any

from alliance87.core.management.scheduled import ScheduledMailCommand
from alliance87.plans.reminders import pending_reminders, send_reporting_reminders


class Command(ScheduledMailCommand):
    help = (
        "E-mail reporters the values due within a week or overdue, once each. --date runs the day as if it were "
        "another (e.g. to catch up); --dry-run lists who would be e-mailed."
    )
    noun = "reminders"
    pending = staticmethod(pending_reminders)
    send = staticmethod(send_reporting_reminders)

    def describe(self, item: Any) -> str:
        reminder, user = item
        return (
            f"{user.email}: {reminder.plan.title}, {reminder.kind} {reminder.due_date}, "
            f"{len(reminder.periods)} values missing"
        )
