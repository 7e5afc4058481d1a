"""Optimistic concurrency: an edit names the version it started from, and is refused if someone saved since.

The version of a record is the time of its last save (``Timestamped.updated_at``), so no migration or counter
is needed: a form carries it in a hidden field, an API client sends back the ``version`` it read. The check runs
inside the service's transaction on the row it locks, so of two people who opened the same record, the second
to save gets a conflict (409 in the API, a message on the form) instead of silently overwriting the first.
"""

from __future__ import annotations

from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import QueryDict
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

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
    when = date_format(timezone.localtime(record.updated_at), "DATETIME_FORMAT")  # type: ignore[attr-defined]
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
    raise ValidationError(message, code=STALE)


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
