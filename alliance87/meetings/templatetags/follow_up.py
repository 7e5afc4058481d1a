"""A follow-up action's standing in words: "Overdue by 3 days", "Due in 5 days", "Done on 2 May 2024"."""

from __future__ import annotations

import datetime

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from alliance87.core.formatting import format_day, format_number

from ..decision_models import FollowUpAction, FollowUpStatus

register = template.Library()


def standing(action: FollowUpAction, today: datetime.date | None = None) -> str:
    """Where an action stands on `today`, in a sentence a person reads (never only a colour)."""
    today = today or timezone.localdate()
    if action.status == FollowUpStatus.DONE:
        return _("Done on %(day)s.") % {"day": format_day(action.status_changed_on)}
    if action.status == FollowUpStatus.DROPPED:
        return _("Dropped on %(day)s.") % {"day": format_day(action.status_changed_on)}
    days = (action.due_date - today).days
    if days < 0:
        return ngettext("Overdue by %(count)s day.", "Overdue by %(count)s days.", -days) % {
            "count": format_number(-days)
        }
    if days == 0:
        return _("Due today.")
    return ngettext("Due in %(count)s day.", "Due in %(count)s days.", days) % {"count": format_number(days)}


register.filter("standing", standing)
