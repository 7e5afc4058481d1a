"""Optimistic concurrency: an edit names the version it started from, and is refused if someone saved since.

The version of a record is the time of its last save (``Timestamped.updated_at``), so no migration or counter
is needed: a form carries it in a hidden field, an API client sends back the ``version`` it read. The check runs
inside the service's transaction on the row it locks, so of two people who opened the same record, the second
to save gets a conflict (409 in the API, a message on the form) instead of silently overwriting the first.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

#: The code of the ValidationError, which the API answers with 409 Conflict.
STALE = "stale"


def version_of(record: models.Model) -> str:
    """The version an editor started from: the record's last save, to the microsecond."""
    updated_at = record.updated_at  # type: ignore[attr-defined]
    return updated_at.isoformat(timespec="microseconds") if updated_at else ""


def check_version(record: models.Model, expected: str | None) -> None:
    """Refuse the edit if ``record`` (read under lock) was saved after the version ``expected``; no version sent
    means the client does not ask for the check."""
    if not expected or expected == version_of(record):
        return
    when = timezone.localtime(record.updated_at)  # type: ignore[attr-defined]
    raise ValidationError(
        _(
            "Someone else saved this at %(when)s, after you opened it, so your changes were not saved. "
            "Compare with the current version; saving again replaces their changes with yours."
        )
        % {"when": date_format(when, "DATETIME_FORMAT")},
        code=STALE,
    )
