"""Recording commitments, their deliverables and yearly reports: keyword-only, one transaction, permission inside.

Every door (the pages, the API, the demo loader) writes through these functions, so the rules hold everywhere: a
deliverable concerns an Action Group or a Pathfinder Country and pledges money (amount and ISO 4217 currency) or
in-kind resources; one report per deliverable and year, for a year from the commitment's to this one, with
evidence only from library items the reporter may see.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pycountry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alliance87.accounts.models import User
from alliance87.bodies.models import Body, BodyKind
from alliance87.core.inputs import UNSET, ServiceInput, Unset
from alliance87.countries.models import PathfinderCountry
from alliance87.library.permissions import can_view_item
from alliance87.partners.models import Organisation

from .models import CLOSING_STATUSES, Commitment, Deliverable, DeliverableReport, DeliveryStatus
from .permissions import can_edit_commitment, can_record_commitments

if TYPE_CHECKING:
    from alliance87.library.models import Item

#: What is said when a deliverable breaks one of its rules (the pages' forms say it on the same fields).
NO_BODY_OR_COUNTRY = gettext_lazy("Choose the Action Group or the Pathfinder Country concerned (or both).")
NO_RESOURCES = gettext_lazy("Pledge an amount with its currency, or describe the in-kind resources.")
NO_CURRENCY = gettext_lazy("Give the currency of the amount pledged.")
NO_AMOUNT = gettext_lazy("Give the amount pledged in this currency, or leave the currency empty.")

#: The oldest year a commitment may date from (the partnership was launched in 2016).
FIRST_YEAR = 2016


@dataclass(frozen=True, kw_only=True)
class CommitmentInput(ServiceInput):
    """What a partner states of a commitment (unset fields keep their values)."""

    organisation: Organisation | Unset = UNSET
    title: str | Unset = UNSET
    description: str | Unset = UNSET
    made_on: datetime.date | Unset = UNSET
    source: str | Unset = UNSET
    source_url: str | Unset = UNSET
    is_illustrative: bool | Unset = UNSET


@dataclass(frozen=True, kw_only=True)
class DeliverableInput(ServiceInput):
    """A SMART deliverable: what, measured how, by when, for which Action Group or country, with what."""

    title: str | Unset = UNSET
    measure: str | Unset = UNSET
    due_date: datetime.date | Unset = UNSET
    body: Body | Unset | None = UNSET
    country: PathfinderCountry | Unset | None = UNSET
    pledged_amount: Decimal | Unset | None = UNSET
    pledged_currency: str | Unset = UNSET
    in_kind: str | Unset = UNSET


@dataclass(frozen=True, kw_only=True)
class ReportInput(ServiceInput):
    """A yearly self-report on a deliverable."""

    status: str | Unset = UNSET
    narrative: str | Unset = UNSET
    evidence: list[Item] | Unset = UNSET


# --- commitments -------------------------------------------------------------------------------------------


def _check_commitment(commitment: Commitment, *, today: datetime.date) -> None:
    errors: dict[str, Any] = {}
    try:
        commitment.clean_provenance()
    except ValidationError as error:
        errors.update(error.message_dict)
    commitment.title = (commitment.title or "").strip()
    if not commitment.title:
        errors["title"] = _("Give the commitment a title.")
    if commitment.made_on is None:
        errors["made_on"] = _("Give the date the commitment was made.")
    elif not datetime.date(FIRST_YEAR, 1, 1) <= commitment.made_on <= today:
        errors["made_on"] = _("The date must be between 1 January %(year)s and today.") % {"year": FIRST_YEAR}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_commitment(*, by: User, values: CommitmentInput) -> Commitment:
    """Record a partner's commitment (its focal points or the Secretariat); deliverables are added next."""
    organisation = values.organisation if isinstance(values.organisation, Organisation) else None
    if organisation is None:
        raise ValidationError({"organisation": _("Choose the partner that makes the commitment.")})
    if not can_record_commitments(by, organisation):
        raise PermissionDenied(
            _("Only the partner's focal points and the Secretariat record its commitments.")
        )
    commitment = Commitment(created_by=by)
    values.apply_to(commitment)
    _check_commitment(commitment, today=timezone.localdate())
    commitment.save()
    return commitment


@transaction.atomic
def update_commitment(*, commitment: Commitment, by: User, values: CommitmentInput) -> Commitment:
    """Change a commitment; moving it to another partner needs the right to record for that partner too."""
    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    if not can_edit_commitment(by, commitment):
        raise PermissionDenied(_("Only the partner's focal points and the Secretariat edit its commitments."))
    given = values.organisation if values.is_given("organisation") else commitment.organisation
    moved_to = given if isinstance(given, Organisation) else None
    if moved_to != commitment.organisation and (moved_to is None or not can_record_commitments(by, moved_to)):
        raise ValidationError({"organisation": _("You may not record commitments for this partner.")})
    values.apply_to(commitment)
    _check_commitment(commitment, today=timezone.localdate())
    if DeliverableReport.objects.filter(
        deliverable__commitment=commitment, year__lt=commitment.made_on.year
    ).exists():
        raise ValidationError(
            {"made_on": _("Reports exist for years before this date; correct or keep the earlier date.")}
        )
    commitment.save()
    return commitment


@transaction.atomic
def delete_commitment(*, commitment: Commitment, by: User) -> None:
    if not can_edit_commitment(by, commitment):
        raise PermissionDenied(
            _("Only the partner's focal points and the Secretariat delete its commitments.")
        )
    commitment.delete()


# --- deliverables ------------------------------------------------------------------------------------------


def _valid_currency(code: str) -> str:
    normalised = (code or "").strip().upper()
    if len(normalised) != 3 or pycountry.currencies.get(alpha_3=normalised) is None:
        raise ValidationError(
            {
                "pledged_currency": _("“%(code)s” is not an ISO 4217 currency code, such as USD or EUR.")
                % {"code": code}
            }
        )
    return normalised


def _check_deliverable(deliverable: Deliverable) -> None:
    errors: dict[str, str] = {}
    deliverable.title = (deliverable.title or "").strip()
    deliverable.in_kind = (deliverable.in_kind or "").strip()
    if not deliverable.title:
        errors["title"] = _("Say what will be delivered.")
    if deliverable.due_date is None:
        errors["due_date"] = _("Give the date it is due.")
    elif deliverable.due_date < deliverable.commitment.made_on:
        errors["due_date"] = _("The due date cannot be before the commitment was made.")
    if deliverable.body is None and deliverable.country is None:
        errors["body"] = str(NO_BODY_OR_COUNTRY)
    elif deliverable.body is not None and deliverable.body.kind != BodyKind.ACTION_GROUP:
        errors["body"] = _("Choose an Action Group.")
    amount = deliverable.pledged_amount
    if amount is not None and amount < 0:
        errors["pledged_amount"] = _("The amount cannot be negative.")
    if amount is not None and not deliverable.pledged_currency:
        errors["pledged_currency"] = str(NO_CURRENCY)
    elif deliverable.pledged_currency:
        if amount is None:
            errors["pledged_amount"] = str(NO_AMOUNT)
        try:
            deliverable.pledged_currency = _valid_currency(deliverable.pledged_currency)
        except ValidationError as error:
            errors.update({k: v[0] for k, v in error.message_dict.items()})
    if amount is None and not deliverable.pledged_currency and not deliverable.in_kind:
        errors["in_kind"] = str(NO_RESOURCES)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def add_deliverable(*, commitment: Commitment, by: User, values: DeliverableInput) -> Deliverable:
    if not can_edit_commitment(by, commitment):
        raise PermissionDenied(_("Only the partner's focal points and the Secretariat edit its commitments."))
    deliverable = Deliverable(commitment=commitment, is_demo=commitment.is_demo)
    values.apply_to(deliverable)
    deliverable.position = commitment.deliverables.count() + 1
    _check_deliverable(deliverable)
    deliverable.save()
    return deliverable


@transaction.atomic
def update_deliverable(*, deliverable: Deliverable, by: User, values: DeliverableInput) -> Deliverable:
    deliverable = Deliverable.objects.select_for_update().select_related("commitment").get(pk=deliverable.pk)
    if not can_edit_commitment(by, deliverable.commitment):
        raise PermissionDenied(_("Only the partner's focal points and the Secretariat edit its commitments."))
    values.apply_to(deliverable)
    _check_deliverable(deliverable)
    deliverable.save()
    return deliverable


@transaction.atomic
def delete_deliverable(*, deliverable: Deliverable, by: User) -> None:
    if not can_edit_commitment(by, deliverable.commitment):
        raise PermissionDenied(_("Only the partner's focal points and the Secretariat edit its commitments."))
    deliverable.delete()


# --- yearly reports ----------------------------------------------------------------------------------------


def _check_report(report: DeliverableReport, *, evidence: list[Item], by: User, today: datetime.date) -> None:
    errors: dict[str, str] = {}
    first = report.deliverable.commitment.made_on.year
    if not first <= report.year <= today.year:
        errors["year"] = _("Report on a year from %(first)s to %(last)s.") % {
            "first": first,
            "last": today.year,
        }
    else:
        closing = (
            DeliverableReport.objects.filter(
                deliverable=report.deliverable, status__in=CLOSING_STATUSES, year__lt=report.year
            )
            .exclude(pk=report.pk)
            .order_by("year")
            .first()
        )
        if closing is not None:
            errors["year"] = _(
                "The report for %(year)s says the deliverable was %(status)s; correct that report instead."
            ) % {"year": closing.year, "status": closing.get_status_display().lower()}
    if report.status not in DeliveryStatus.values:
        errors["status"] = _("Choose a status: not started, in progress, delivered or dropped.")
    report.narrative = (report.narrative or "").strip()
    if not report.narrative:
        errors["narrative"] = _("Say what was done this year.")
    unseen = [item for item in evidence if not can_view_item(by, item)]
    if unseen:
        errors["evidence"] = _("Choose evidence among the library items you may see.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def record_report(*, deliverable: Deliverable, year: int, by: User, values: ReportInput) -> DeliverableReport:
    """The partner's report on a deliverable for a year; one per year (a second one is refused: correct it)."""
    deliverable = Deliverable.objects.select_related("commitment").get(pk=deliverable.pk)
    if not can_edit_commitment(by, deliverable.commitment):
        raise PermissionDenied(
            _("Only the partner's focal points and the Secretariat report on its commitments.")
        )
    if DeliverableReport.objects.filter(deliverable=deliverable, year=year).exists():
        raise ValidationError(
            {"year": _("There is already a report for %(year)s; correct it.") % {"year": year}}
        )
    today = timezone.localdate()
    report = DeliverableReport(
        deliverable=deliverable, year=year, reported_by=by, reported_on=today, is_demo=deliverable.is_demo
    )
    evidence = values.evidence if isinstance(values.evidence, list) else []
    values.apply_to(report, skip=("evidence",))
    _check_report(report, evidence=evidence, by=by, today=today)
    report.save()
    report.evidence.set(evidence)
    return report


@transaction.atomic
def correct_report(*, report: DeliverableReport, by: User, values: ReportInput) -> DeliverableReport:
    """Correct a yearly report (its history keeps the earlier version)."""
    report = (
        DeliverableReport.objects.select_for_update()
        .select_related("deliverable__commitment")
        .get(pk=report.pk)
    )
    if not can_edit_commitment(by, report.deliverable.commitment):
        raise PermissionDenied(
            _("Only the partner's focal points and the Secretariat report on its commitments.")
        )
    today = timezone.localdate()
    existing = list(report.evidence.all())
    # Evidence cited by someone who may see more than the corrector stays cited, unnamed to them.
    hidden = [item for item in existing if not can_view_item(by, item)]
    given = values.evidence if isinstance(values.evidence, list) else [e for e in existing if e not in hidden]
    values.apply_to(report, skip=("evidence",))
    report.corrected_on = today
    _check_report(report, evidence=given, by=by, today=today)
    report.save()
    report.evidence.set([*given, *(item for item in hidden if item not in given)])
    return report
