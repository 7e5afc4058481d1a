"""Send this week's digests now, as the scheduler does on Monday mornings (idempotent)."""

import datetime
from typing import Any

from alliance87.core.management.scheduled import ScheduledMailCommand
from alliance87.home.digests import pending_digests, send_weekly_digests
from alliance87.plans.digests import week_of


class Command(ScheduledMailCommand):
    what = (
        "E-mail each person what they must act on, once a week: values late or awaiting review in the plans "
        "chairs and the Secretariat follow, their partner's late commitment reports, the follow-up actions past "
        "due that they answer for."
    )
    noun = "digests"
    pending = pending_digests
    send = send_weekly_digests

    def describe(self, item: Any) -> str:
        return (
            f"{item.user.email}: {item.late} late, {item.awaiting_review} awaiting review, "
            f"{len(item.commitments)} commitment deliverables late, {len(item.actions)} actions overdue"
        )

    def period(self, today: datetime.date) -> object:
        return week_of(today)
