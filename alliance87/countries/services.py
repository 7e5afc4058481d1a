"""Changes to Pathfinder Countries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from alliance87.accounts.models import User
from alliance87.core.inputs import UNSET, ServiceInput, Unset
from alliance87.partners.models import Organisation

from .models import REPEATABLE_STEPS, PathfinderCountry, PathStep, PathStepKind
from .permissions import can_edit_countries


@dataclass(frozen=True, kw_only=True)
class PathfinderCountryInput(ServiceInput):
    """A Pathfinder Country's record (unset fields keep their values)."""

    country: str | Unset = UNSET
    status: str | Unset = UNSET
    pathfinder_since: datetime.date | Unset | None = UNSET
    focal_institution: Organisation | Unset | None = UNSET
    summary: str | Unset = UNSET
    is_illustrative: bool | Unset = UNSET
    source: str | Unset = UNSET
    latitude: Decimal | Unset | None = UNSET
    longitude: Decimal | Unset | None = UNSET


COUNTRY_FIELDS = PathfinderCountryInput.field_names()


@transaction.atomic
def save_pathfinder_country(
    *, by: User, values: PathfinderCountryInput, pathfinder: PathfinderCountry | None = None
) -> PathfinderCountry:
    """Add a country to the Pathfinder list or change its record (Secretariat)."""
    if not can_edit_countries(by):
        raise PermissionDenied(_("Only the Secretariat records Pathfinder Countries."))
    pathfinder = pathfinder or PathfinderCountry()
    values.apply_to(pathfinder)
    pathfinder.full_clean()
    pathfinder.save()
    return pathfinder


@dataclass(frozen=True)
class StepRecord:
    """What the Secretariat records about one step of a country's path."""

    kind: str
    date: datetime.date
    responsible: str = ""
    responsible_organisation: Organisation | None = None
    signatory: str = ""
    notes: str = ""
    source: str = ""
    is_illustrative: bool = False
    #: Set when the country went on without taking this step.
    skip_reason: str = ""
    #: Why the earlier steps not yet on record were passed by; each is then recorded as passed by.
    earlier_steps_reason: str = ""


def _check_order(pathfinder: PathfinderCountry, record: StepRecord, position: int) -> list[str]:
    """Refuse a date out of order; the earlier steps not on record, which need a reason to be passed by."""
    recorded = list(pathfinder.path_steps.all())
    if record.kind not in REPEATABLE_STEPS and any(step.kind == record.kind for step in recorded):
        raise ValidationError({"kind": _("This step is already recorded for this country.")})
    for step in recorded:
        if step.position < position and step.date > record.date:
            raise ValidationError(
                {
                    "date": _("The date must not be before the step “%(step)s” (%(date)s).")
                    % {"step": step.get_kind_display(), "date": date_format(step.date)}
                }
            )
        if step.position > position and step.date < record.date:
            raise ValidationError(
                {
                    "date": _("The date must not be after the step “%(step)s” (%(date)s).")
                    % {"step": step.get_kind_display(), "date": date_format(step.date)}
                }
            )
    if record.kind in REPEATABLE_STEPS and any(
        step.kind == record.kind and step.date.year == record.date.year for step in recorded
    ):
        raise ValidationError(
            {"date": _("A progress report for %(year)s is already recorded.") % {"year": record.date.year}}
        )
    on_record = {step.kind for step in recorded}
    return [kind for kind in PathStepKind.values[: position - 1] if kind not in on_record]


@transaction.atomic
def record_path_step(*, by: User, pathfinder: PathfinderCountry, record: StepRecord) -> PathStep:
    """Record a step of a country's path (Secretariat): in order, dated in order, none passed by unexplained."""
    if not can_edit_countries(by):
        raise PermissionDenied(_("Only the Secretariat records the steps of a Pathfinder Country's path."))
    if record.kind not in PathStepKind.values:
        raise ValidationError({"kind": _("Choose a step of the Pathfinder path.")})
    if record.date > timezone.localdate():
        raise ValidationError(
            {"date": _("A step is recorded once it has been taken; the date is in the future.")}
        )
    # Rows of this country are locked so two people recording at once cannot both pass the order checks.
    PathfinderCountry.objects.select_for_update().filter(pk=pathfinder.pk).first()
    missing = _check_order(pathfinder, record, PathStepKind.position_of(record.kind))
    reason = record.earlier_steps_reason.strip()
    if missing and not reason:
        raise ValidationError(
            {
                "earlier_steps_reason": _(
                    "The earlier steps %(steps)s are not recorded: record them first, "
                    "or give the reason they were passed by."
                )
                % {"steps": ", ".join(f"“{PathStepKind(kind).label}”" for kind in missing)}
            }
        )
    for kind in missing:
        _save_step(
            PathStep(pathfinder=pathfinder, kind=kind, date=record.date, skip_reason=reason),
            by=by,
            illustrative=record.is_illustrative,
            source=record.source,
        )
    fields = {name: getattr(record, name) for name in STEP_FIELDS}
    step = PathStep(pathfinder=pathfinder, **fields)
    return _save_step(step, by=by, illustrative=record.is_illustrative, source=record.source)


STEP_FIELDS = (
    "kind",
    "date",
    "responsible",
    "responsible_organisation",
    "signatory",
    "notes",
    "skip_reason",
)


def _save_step(step: PathStep, *, by: User, illustrative: bool, source: str) -> PathStep:
    step.is_illustrative = illustrative
    step.source = source
    step.recorded_by = by
    step.skip_reason = step.skip_reason.strip()
    step.full_clean()
    step.save()
    return step
