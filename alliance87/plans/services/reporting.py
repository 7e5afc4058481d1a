"""Reported values: submitted by the plan's reporters, approved or returned by its editors, every change recorded."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from alliance87.accounts.models import User
from alliance87.library.permissions import can_view_item

from .. import aggregation, verdicts
from ..models import (
    Indicator,
    IndicatorValue,
    Measure,
    ReportingPeriod,
    ValueChange,
    ValueOrigin,
    ValueStatus,
)
from ..permissions import can_edit_plan, can_report_on_indicator, can_report_on_plan
from ..validation import check_disaggregated_values, check_indicator_value, percentage

if TYPE_CHECKING:
    from alliance87.library.models import Item


def _json_number(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def value_snapshot(value: IndicatorValue | None) -> dict[str, Any]:
    """What a reported value holds, as JSON for its history."""
    if value is None:
        return {}
    return {
        "value": _json_number(value.value),
        "numerator": _json_number(value.numerator),
        "denominator": _json_number(value.denominator),
        "text_value": value.text_value,
        "disaggregated": value.disaggregated,
        "source": value.source,
        "comment": value.comment,
        "evidence_url": value.evidence_url,
        "evidence_item": value.evidence_item.slug if value.evidence_item_id else None,  # type: ignore[union-attr]
        "status": value.status,
        "review_comment": value.review_comment,
        "version": value.version,
    }


def _record(
    value: IndicatorValue, *, by: User | None, action: str, old: dict[str, Any], comment: str = ""
) -> None:
    ValueChange.objects.create(
        value=value, changed_by=by, action=action, old=old, new=value_snapshot(value), comment=comment
    )


def _check_version(value: IndicatorValue | None, expected_version: int | None) -> None:
    """Refuse to overwrite a value someone else changed after the form was opened (0: there was no value then)."""
    if expected_version is None:
        return
    current = value.version if value is not None else 0
    if current == expected_version:
        return
    last = value.history.select_related("changed_by").first() if value is not None else None
    who = str(last.changed_by) if last and last.changed_by else _("someone else")
    when = timezone.localtime(last.changed_at if last else value.updated_at) if value else timezone.now()
    raise ValidationError(
        _(
            "This value was changed by %(who)s at %(when)s since you opened it, and your changes were not saved. "
            "Read the current value below, then enter your changes again."
        )
        % {"who": who, "when": date_format(when, "DATETIME_FORMAT")},
        code="stale",
    )


def _number(raw: Any, field: str) -> Decimal | None:
    if raw in (None, ""):
        return None
    try:
        number = Decimal(str(raw))
    except (InvalidOperation, ValueError):
        raise ValidationError({field: _("Enter a number.")}) from None
    if not number.is_finite():
        raise ValidationError({field: _("Enter a number.")})
    return number


def _valid_disaggregated(indicator: Indicator, raw: Any) -> dict[str, dict[str, float | int]]:
    """Values by dimension and category, each known to the indicator; incomplete ones are allowed (and flagged)."""
    if not raw:
        return {}
    if not isinstance(raw, dict):
        raise ValidationError({"disaggregated": _("Give the values by dimension and category.")})
    dimensions = indicator.disaggregations or {}
    cleaned: dict[str, dict[str, float | int]] = {}
    for dimension, values in raw.items():
        if dimension not in dimensions:
            raise ValidationError(
                {
                    "disaggregated": _("The indicator has no dimension “%(name)s”; it has: %(known)s.")
                    % {"name": dimension, "known": ", ".join(dimensions) or _("none")}
                }
            )
        if not isinstance(values, dict):
            raise ValidationError(
                {"disaggregated": _("Give the values of “%(name)s” by category.") % {"name": dimension}}
            )
        row: dict[str, float | int] = {}
        for category, raw_number in values.items():
            if category not in dimensions[dimension]:
                raise ValidationError(
                    {
                        "disaggregated": _("“%(category)s” is not a category of “%(name)s”.")
                        % {"category": category, "name": dimension}
                    }
                )
            number = _number(raw_number, "disaggregated")
            if number is not None:
                row[category] = int(number) if number == number.to_integral_value() else float(number)
        if row:
            cleaned[dimension] = row
    return cleaned


def disaggregation_checks(
    indicator: Indicator, value: IndicatorValue
) -> dict[str, aggregation.DisaggregationCheck]:
    """For each dimension of an additive indicator (a count or an amount), whether the report accounts for the total.

    A dimension with no value at all is checked too, so a missing breakdown is flagged as well.
    """
    if indicator.measure not in (Measure.NUMBER, Measure.CURRENCY):
        return {}
    return {
        dimension: aggregation.check_disaggregation(
            total=value.value, values=(value.disaggregated or {}).get(dimension, {}), categories=categories
        )
        for dimension, categories in (indicator.disaggregations or {}).items()
    }


def _apply_reported(
    value: IndicatorValue,
    indicator: Indicator,
    *,
    number: Any,
    numerator: Any,
    denominator: Any,
    text_value: str,
    disaggregated: Any,
) -> None:
    measure = indicator.measure
    value.text_value = (text_value or "").strip()
    value.numerator = value.denominator = None
    if measure == Measure.QUALITATIVE:
        if not value.text_value:
            raise ValidationError({"text_value": _("Describe what was achieved.")})
        value.value = None
    elif measure == Measure.PERCENTAGE and (numerator not in (None, "") or denominator not in (None, "")):
        value.numerator = _number(numerator, "numerator")
        value.denominator = _number(denominator, "denominator")
        if value.numerator is None or value.denominator is None:
            raise ValidationError({"denominator": _("Give both the numerator and the denominator.")})
        if value.denominator <= 0:
            raise ValidationError({"denominator": _("The denominator must be more than zero.")})
        if value.numerator < 0:
            raise ValidationError({"numerator": _("The numerator cannot be negative.")})
        value.value = percentage(value.numerator, value.denominator)
    else:
        value.value = _number(number, "value")
        if value.value is None:
            raise ValidationError({"value": _("Enter the value for this period.")})
    if measure != Measure.QUALITATIVE:
        check_indicator_value(indicator, value.value, "numerator" if value.numerator is not None else "value")
    value.disaggregated = _valid_disaggregated(indicator, disaggregated)
    check_disaggregated_values(indicator, value.disaggregated)


@transaction.atomic
def submit_value(
    *,
    period: ReportingPeriod,
    by: User,
    value: Decimal | int | str | None = None,
    numerator: Decimal | int | str | None = None,
    denominator: Decimal | int | str | None = None,
    text_value: str = "",
    disaggregated: Mapping[str, Mapping[str, Any]] | None = None,
    source: str = "",
    comment: str = "",
    evidence_url: str = "",
    evidence_item: Item | None = None,
    expected_version: int | None = None,
    origin: str = ValueOrigin.MANUAL,
) -> IndicatorValue:
    """Report the actual value for a period; it waits for an editor's approval (status submitted).

    `expected_version` is the version the reporter saw (0 when there was no value yet); if someone changed the
    value since, the report is refused rather than overwriting theirs. For a percentage, give the numerator and
    denominator: the value is 100 × numerator / denominator. An approved value is changed by editors only, and
    its approved version keeps counting (`last_approved`) while the correction is reviewed.
    """
    indicator = period.indicator
    plan = indicator.node.plan
    if not can_report_on_indicator(by, indicator):
        raise PermissionDenied(
            _("You may not report on this indicator: it is assigned to another organisation.")
            if can_report_on_plan(by, plan)
            else _("You may not report on this plan.")
        )
    current = IndicatorValue.objects.select_for_update().filter(period=period).first()
    _check_version(current, expected_version)
    if current is not None and current.status == ValueStatus.APPROVED and not can_edit_plan(by, plan):
        raise PermissionDenied(_("This value has been approved; only the plan's editors can change it now."))
    old = value_snapshot(current)
    reported = current or IndicatorValue(period=period, version=0)
    if current is not None and current.status == ValueStatus.APPROVED:
        reported.last_approved = current.approved_snapshot()
    _apply_reported(
        reported,
        indicator,
        number=value,
        numerator=numerator,
        denominator=denominator,
        text_value=text_value,
        disaggregated=disaggregated,
    )
    reported.source = source.strip()
    reported.comment = comment.strip()
    reported.evidence_url = evidence_url.strip()
    cited = reported.evidence_item if reported.evidence_item_id else None
    if evidence_item is None and cited is not None and not can_view_item(by, cited):
        # A document the reporter may not see stays cited, untouched: they could neither see nor choose to drop it.
        evidence_item = cited
    elif evidence_item is not None and evidence_item != cited and not can_view_item(by, evidence_item):
        raise ValidationError({"evidence_item": _("Cite a library document you can see.")})
    reported.evidence_item = evidence_item
    reported.origin = origin
    reported.status = ValueStatus.SUBMITTED
    reported.submitted_by = by
    reported.submitted_at = timezone.now()
    reported.review_comment = ""
    reported.reviewed_by = None
    reported.reviewed_at = None
    reported.version += 1
    reported.full_clean(exclude=["period"])
    reported.save()
    _record(reported, by=by, action="submitted", old=old, comment=reported.comment)
    verdicts.refresh([indicator.pk])  # the reported figures do not count until approved
    return reported


def _review(
    value: IndicatorValue, by: User, expected_version: int | None
) -> tuple[IndicatorValue, dict[str, Any]]:
    plan = value.period.indicator.node.plan
    if not can_edit_plan(by, plan):
        raise PermissionDenied(_("Only the plan's editors can approve or return reported values."))
    locked = IndicatorValue.objects.select_for_update().get(pk=value.pk)
    _check_version(locked, expected_version)
    if locked.status != ValueStatus.SUBMITTED:
        raise ValidationError(
            _("Only a submitted value can be reviewed; this one is %(status)s.")
            % {"status": locked.get_status_display().lower()}
        )
    return locked, value_snapshot(locked)


@transaction.atomic
def approve_value(
    *, value: IndicatorValue, by: User, comment: str = "", expected_version: int | None = None
) -> IndicatorValue:
    """Accept a submitted value: from now on it counts in the progress verdict and the reports.

    Where the plan requires a second approver (the default), nobody approves a value they submitted.
    """
    locked, old = _review(value, by, expected_version)
    plan = value.period.indicator.node.plan
    if plan.requires_second_approver and locked.submitted_by_id == by.pk:
        raise PermissionDenied(
            _(
                "You submitted this value, and this plan requires a second person to approve it: another editor must."
            )
        )
    locked.status = ValueStatus.APPROVED
    locked.last_approved = {}
    locked.reviewed_by = by
    locked.reviewed_at = timezone.now()
    locked.review_comment = comment.strip()
    locked.version += 1
    locked.save()
    _record(locked, by=by, action="approved", old=old, comment=locked.review_comment)
    verdicts.refresh([locked.period.indicator_id])
    return locked


@transaction.atomic
def return_value(
    *, value: IndicatorValue, by: User, comment: str, expected_version: int | None = None
) -> IndicatorValue:
    """Send a submitted value back to the reporters with a comment saying what to revise."""
    if not comment or not comment.strip():
        raise ValidationError({"comment": _("Tell the reporters what to revise.")})
    locked, old = _review(value, by, expected_version)
    locked.status = ValueStatus.RETURNED
    locked.reviewed_by = by
    locked.reviewed_at = timezone.now()
    locked.review_comment = comment.strip()
    locked.version += 1
    locked.save()
    _record(locked, by=by, action="returned", old=old, comment=locked.review_comment)
    verdicts.refresh([locked.period.indicator_id])
    return locked
