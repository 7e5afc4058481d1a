"""Optimistic concurrency: an edit names the version it started from, and is refused if someone saved since.

The version of a record is the time of its last save (``Timestamped.updated_at``), so no migration or counter
is needed: a form carries it in a hidden field, an API client sends back the ``version`` it read. The check runs
inside the service's transaction on the row it locks, so of two people who opened the same record, the second
to save gets a conflict (409 in the API, a message on the form) instead of silently overwriting the first.
For a record whose history is kept (`core/history.py`), the refusal names the fields changed since that version.
"""

from __future__ import annotations

import datetime
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import QueryDict
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .formatting import format_moment
from .history import MANAGER, NOT_SHOWN

#: The code of the ValidationError, which the API answers with 409 Conflict.
STALE = "stale"
#: The name of the hidden form field (and of the API's field) that carries the version an editor started from.
VERSION = "version"


def version_of(record: models.Model) -> str:
    """The version an editor started from: the record's last save, to the microsecond."""
    updated_at = record.updated_at  # type: ignore[attr-defined]
    return updated_at.isoformat(timespec="microseconds") if updated_at else ""


def check_version(record: models.Model, expected: str | None, *, what: str = "") -> None:
    """Refuse the edit if ``record`` (read under lock) was saved after the version ``expected``; no version sent
    means the client does not ask for the check. ``what`` names the group of fields the edit covers (“the event's
    details”), so the person knows which part of the page to compare."""
    if not expected or expected == version_of(record):
        return
    when = format_moment(record.updated_at)  # type: ignore[attr-defined]
    if what:
        message = _(
            "Someone else saved %(what)s at %(when)s, after you opened them, so your changes were not saved. "
            "Compare with the current version; saving again replaces their changes with yours."
        ) % {"what": what, "when": when}
    else:
        message = _(
            "Someone else saved this at %(when)s, after you opened it, so your changes were not saved. "
            "Compare with the current version; saving again replaces their changes with yours."
        ) % {"when": when}
    changed = changed_since(record, expected)
    if changed:
        message += " " + _("They changed: %(fields)s.") % {"fields": ", ".join(changed)}
    raise ValidationError(message, code=STALE)


def changed_since(record: models.Model, version: str) -> list[str]:
    """The names of the fields (as a form labels them) whose saved value differs from the one at ``version``,
    read from the record's history; empty when its history is not kept or does not reach that far.

    The state at ``version`` is the first historical record after it: the one its own save wrote, moments after
    setting ``updated_at`` (a later save waits for that one's lock, so its record comes after).
    """
    history = getattr(record, MANAGER, None)
    try:
        since = datetime.datetime.fromisoformat(version)
    except ValueError:
        return []
    if history is None:
        return []
    then: Any = history.filter(history_date__gt=since).order_by("history_date", "history_id").first()
    if then is None:
        return []
    return [
        str(capfirst(field.verbose_name))
        for field in record._meta.concrete_fields
        if field.name not in NOT_SHOWN
        # a translation's column (django-modeltranslation) changes with its field: name the field once
        and not hasattr(field, "translated_field")
        and hasattr(then, field.attname)
        and getattr(then, field.attname) != getattr(record, field.attname)
    ]


def add_version_field(form: forms.BaseForm, record: models.Model | None) -> None:
    """Carry the version ``record`` was opened at in a hidden field of its edit form (nothing for a new record)."""
    if record is None or record.pk is None:
        return
    form.fields[VERSION] = forms.CharField(
        widget=forms.HiddenInput, required=False, initial=version_of(record)
    )
    form.versioned_record = record  # type: ignore[attr-defined]


def posted_version(form: forms.BaseForm) -> str | None:
    """The version the submitted form was opened at ("" or None: no check asked)."""
    return form.cleaned_data.get(VERSION) if VERSION in form.fields else None


def show_current_version(form: forms.BaseForm) -> None:
    """After a conflict: the form, shown again with what the person typed, now starts from the saved version, so
    saving again on purpose replaces the other person's change."""
    record = getattr(form, "versioned_record", None)
    if record is None:
        return
    current = type(record)._default_manager.get(pk=record.pk)
    posted = cast(QueryDict, form.data).copy()
    posted[form.add_prefix(VERSION)] = version_of(current)
    form.data = posted


def is_stale(error: ValidationError) -> bool:
    """Whether a service refused an edit because someone saved the record since (see `check_version`)."""
    return getattr(error, "code", None) == STALE or any(
        getattr(e, "code", None) == STALE for e in getattr(error, "error_list", [])
    )
