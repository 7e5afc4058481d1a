"""Send this week's completeness digests now, as the scheduler does on Monday mornings (idempotent)."""

import datetime
from typing import Any

from alliance87.core.management.scheduled import ScheduledMailCommand
from alliance87.plans.digests import pending_digests, send_completeness_digests, week_of


class Command(ScheduledMailCommand):
    help = (
        "E-mail chairs and the Secretariat what is late and what awaits review, once a week each. --date runs "
        "as if it were another day; --dry-run lists who would be e-mailed."
    )
    noun = "digests"
    pending = staticmethod(pending_digests)
    send = staticmethod(send_completeness_digests)

    def describe(self, item: Any) -> str:
        return f"{item.user.email}: {item.late} late, {item.awaiting_review} awaiting review"

    def period(self, today: datetime.date) -> object:
        return week_of(today)
