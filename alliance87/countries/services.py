"""Changes to Pathfinder Countries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from alliance87.accounts.models import User
from alliance87.core.inputs import UNSET, ServiceInput, Unset
from alliance87.partners.models import Organisation

from .models import (
    PATHFINDER_FROM,
    REPEATABLE_STEPS,
    PathfinderCountry,
    PathStep,
    PathStepKind,
    status_from_path,
)
from .permissions import can_edit_countries


@dataclass(frozen=True, kw_only=True)
class PathfinderCountryInput(ServiceInput):
    """A Pathfinder Country's record (unset fields keep their values)."""

    country: str | Unset = UNSET
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
    refresh_status(pathfinder)
    return pathfinder


@dataclass(frozen=True, kw_only=True)
class PathStepInput(ServiceInput):
    """What the Secretariat records about one step of a country's path (unset fields keep their values)."""

    kind: str | Unset = UNSET
    date: datetime.date | Unset = UNSET
    responsible: str | Unset = UNSET
    responsible_organisation: Organisation | Unset | None = UNSET
    signatory: str | Unset = UNSET
    notes: str | Unset = UNSET
    source: str | Unset = UNSET
    is_illustrative: bool | Unset = UNSET
    #: Set when the country went on without taking this step.
    skip_reason: str | Unset = UNSET


STEP_FIELDS = PathStepInput.field_names()


def _date_text(step: PathStep) -> dict[str, str]:
    return {"step": str(step.get_kind_display()), "date": date_format(step.date)}


def _check_dates(others: list[PathStep], *, kind: str, date: datetime.date) -> None:
    """Refuse a date in the future, before an earlier step or after a later one, or a second report that year."""
    if date > timezone.localdate():
        raise ValidationError(
            {"date": _("A step is recorded once it has been taken; the date is in the future.")}
        )
    position = PathStepKind.position_of(kind)
    for step in others:
        if step.position < position and step.date > date:
            raise ValidationError(
                {"date": _("The date must not be before the step “%(step)s” (%(date)s).") % _date_text(step)}
            )
        if step.position > position and step.date < date:
            raise ValidationError(
                {"date": _("The date must not be after the step “%(step)s” (%(date)s).") % _date_text(step)}
            )
    if kind not in REPEATABLE_STEPS and any(step.kind == kind for step in others):
        raise ValidationError({"kind": _("This step is already recorded for this country.")})
    if kind in REPEATABLE_STEPS and any(step.kind == kind and step.date.year == date.year for step in others):
        raise ValidationError(
            {"date": _("A progress report for %(year)s is already recorded.") % {"year": date.year}}
        )


def _gaps(kinds: set[str]) -> list[str]:
    """The steps before the furthest one on record that are not on record (the path may have no hole)."""
    if not kinds:
        return []
    furthest = max(PathStepKind.position_of(kind) for kind in kinds)
    return [kind for kind in PathStepKind.values[: furthest - 1] if kind not in kinds]


def _step_names(kinds: list[str]) -> str:
    return ", ".join(f"“{PathStepKind(kind).label}”" for kind in kinds)


def _locked_steps(pathfinder: PathfinderCountry, *, without: PathStep | None = None) -> list[PathStep]:
    """The country's steps, its row locked so two people changing its path at once cannot both pass the checks."""
    PathfinderCountry.objects.select_for_update().filter(pk=pathfinder.pk).first()
    steps = pathfinder.path_steps.all()
    if without is not None:
        steps = steps.exclude(pk=without.pk)
    return list(steps)


def _require_secretariat(by: User) -> None:
    if not can_edit_countries(by):
        raise PermissionDenied(_("Only the Secretariat records the steps of a Pathfinder Country's path."))


def _require_reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the recorded step is changed; the reason is kept.")})
    return reason


@transaction.atomic
def record_path_step(
    *, by: User, pathfinder: PathfinderCountry, values: PathStepInput, earlier_steps_reason: str = ""
) -> PathStep:
    """Record a step of a country's path (Secretariat): in order, dated in order, none passed by unexplained.

    Earlier steps not on record are refused unless `earlier_steps_reason` says why they were passed by; each is
    then recorded as passed by with that reason.
    """
    _require_secretariat(by)
    if values.kind not in PathStepKind.values:
        raise ValidationError({"kind": _("Choose a step of the Pathfinder path.")})
    if not isinstance(values.date, datetime.date):
        raise ValidationError({"date": _("Give the date the step was taken.")})
    kind, date = str(values.kind), values.date
    others = _locked_steps(pathfinder)
    _check_dates(others, kind=kind, date=date)
    on_record = {step.kind for step in others}
    missing = [k for k in PathStepKind.values[: PathStepKind.position_of(kind) - 1] if k not in on_record]
    reason = earlier_steps_reason.strip()
    if missing and not reason:
        raise ValidationError(
            {
                "earlier_steps_reason": _(
                    "The earlier steps %(steps)s are not recorded: record them first, "
                    "or give the reason they were passed by."
                )
                % {"steps": _step_names(missing)}
            }
        )
    source = values.source if isinstance(values.source, str) else ""
    for earlier in missing:
        _save_step(
            PathStep(
                pathfinder=pathfinder,
                kind=earlier,
                date=date,
                skip_reason=reason,
                source=source,
                is_illustrative=bool(values.is_illustrative),
            ),
            by=by,
        )
    step = PathStep(pathfinder=pathfinder)
    values.apply_to(step)
    _save_step(step, by=by)
    refresh_status(pathfinder)
    return step


@transaction.atomic
def edit_path_step(*, by: User, step: PathStep, values: PathStepInput, reason: str) -> PathStep:
    """Correct a recorded step (Secretariat), under the same order and date rules, with the reason kept in its
    history; a step moved to another place on the path may not leave a hole behind it."""
    _require_secretariat(by)
    reason = _require_reason(reason)
    if values.is_given("kind") and values.kind not in PathStepKind.values:
        raise ValidationError({"kind": _("Choose a step of the Pathfinder path.")})
    others = _locked_steps(step.pathfinder, without=step)
    kind = str(values.kind) if values.is_given("kind") else step.kind
    date = values.date if isinstance(values.date, datetime.date) else step.date
    _check_dates(others, kind=kind, date=date)
    holes = _gaps({other.kind for other in others} | {kind})
    if holes:
        raise ValidationError(
            {
                "kind": _("The path would have no record of %(steps)s: record or pass them by first.")
                % {"steps": _step_names(holes)}
            }
        )
    values.apply_to(step)
    step._change_reason = reason  # type: ignore[attr-defined]
    _save_step(step, by=by)
    refresh_status(step.pathfinder)
    return step


@transaction.atomic
def delete_path_step(*, by: User, step: PathStep, reason: str) -> None:
    """Delete a step recorded by mistake (Secretariat), with the reason kept in its history; a step that later
    steps follow stays (correct it, or mark it passed by, instead), so the path keeps no hole."""
    _require_secretariat(by)
    reason = _require_reason(reason)
    others = _locked_steps(step.pathfinder, without=step)
    if _gaps({other.kind for other in others}):
        raise ValidationError(
            {
                "reason": _(
                    "Later steps of the path are on record: correct this step, or mark it as passed by, "
                    "instead of deleting it."
                )
            }
        )
    step._change_reason = reason  # type: ignore[attr-defined]
    step._history_user = by  # type: ignore[attr-defined]
    pathfinder = step.pathfinder
    step.delete()
    refresh_status(pathfinder)


def _save_step(step: PathStep, *, by: User) -> PathStep:
    step.recorded_by = step.recorded_by or by
    step.skip_reason = step.skip_reason.strip()
    step._history_user = by  # type: ignore[attr-defined]
    step.full_clean()
    step.save()
    return step


def refresh_status(pathfinder: PathfinderCountry) -> None:
    """Write the country's status and "Pathfinder since" as its recorded path gives them (`status_from_path`)."""
    taken = PathStep.objects.filter(pathfinder_id=pathfinder.pk, skip_reason="")
    reached = taken.aggregate(reached=Max("position"))["reached"]
    since = taken.filter(position__gte=PathStepKind.position_of(PATHFINDER_FROM)).aggregate(since=Min("date"))
    pathfinder.status = status_from_path(reached)
    pathfinder.pathfinder_since = since["since"]
    pathfinder.save(update_fields=["status", "pathfinder_since", "updated_at"])
