"""The sessions of an event's agenda."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from alliance87.accounts.models import User
from alliance87.core.inputs import UNSET, ServiceInput, Unset
from alliance87.library.selectors import visible_items

from ..models import (
    AgendaSession,
    Event,
)

if TYPE_CHECKING:
    from alliance87.library.models import Item

from .common import aware_in_zone, check_editor, check_year


@dataclass(frozen=True, kw_only=True)
class SessionInput(ServiceInput):
    """A session of an event's agenda, with its speakers and documents."""

    starts_at: datetime.datetime | Unset = UNSET
    ends_at: datetime.datetime | Unset | None = UNSET
    title: str | Unset = UNSET
    description: str | Unset = UNSET
    speakers: str | Unset = UNSET
    speaker_accounts: Sequence[User] | Unset = UNSET
    documents: Sequence[Item] | Unset = UNSET


SESSION_FIELDS = SessionInput.field_names()


@transaction.atomic
def save_session(
    *, event: Event, by: User, values: SessionInput, session: AgendaSession | None = None
) -> AgendaSession:
    """Add or change a session of the agenda; its times are read in the event's time zone."""
    check_editor(by, event)
    if session is not None and session.event_id != event.pk:
        raise ValidationError(_("This session belongs to another event."))
    session = session or AgendaSession(event=event)
    for field, value in values.given().items():
        if field in ("speaker_accounts", "documents"):
            continue
        if field in ("starts_at", "ends_at"):
            check_year(field, value)
            value = aware_in_zone(value, event.timezone)
        setattr(session, field, value.strip() if isinstance(value, str) and field != "description" else value)
    if session.ends_at and session.starts_at and session.ends_at < session.starts_at:
        raise ValidationError({"ends_at": _("A session cannot end before it starts.")})
    session.full_clean(exclude=["event"])
    session.save()
    if values.speaker_accounts is not UNSET:
        session.speaker_accounts.set(values.speaker_accounts)
    if values.documents is not UNSET:
        # Documents the editor may not see stay attached, untouched: they could neither choose nor drop them.
        unseen = session.documents.exclude(pk__in=visible_items(by).values("pk"))
        session.documents.set([*values.documents, *unseen])
    return session


@transaction.atomic
def delete_session(*, session: AgendaSession, by: User) -> None:
    check_editor(by, session.event)
    session.delete()
