"""Send the reporting reminders due on a day now, as the scheduler does each morning (idempotent)."""

from typing import Any

from alliance87.core.management.scheduled import ScheduledReminderCommand
from alliance87.plans.reminders import pending_reminders, send_reporting_reminders


class Command(ScheduledReminderCommand):
    what = "E-mail reporters the values due within a week or overdue, once each."
    pending = pending_reminders
    send = send_reporting_reminders
    missing = "values"

    def about(self, reminder: Any) -> tuple[str, int]:
        return reminder.plan.title, len(reminder.periods)
