"""Budget lines: planned, committed and spent amounts in the plan's currency, by year and result."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from alliance87.accounts.models import User
from alliance87.core.validation import check_fields

from ..models import BudgetLine, FundingSource, Plan
from .framework import check_editor

BUDGET_FIELDS = (
    "node",
    "year",
    "description",
    "planned",
    "committed",
    "spent",
    "funding_source",
    "funder",
    "funder_name",
    "budget_line_code",
)


@transaction.atomic
def save_budget_line(
    *, plan: Plan, by: User, data: Mapping[str, Any], line: BudgetLine | None = None
) -> BudgetLine:
    """Create or change a budget line: planned, committed and spent amounts in the plan's currency for a year."""
    check_editor(by, plan)
    check_fields(data, BUDGET_FIELDS)
    if line is not None and line.plan_id != plan.pk:
        raise ValidationError(_("This budget line belongs to another plan."))
    line = (
        BudgetLine.objects.select_for_update().get(pk=line.pk) if line is not None else BudgetLine(plan=plan)
    )
    for field, value in data.items():
        setattr(line, field, value)
    for field in ("planned", "committed", "spent"):
        amount = getattr(line, field)
        if amount is None:
            setattr(line, field, Decimal(0))
        elif amount < 0:
            raise ValidationError({field: _("An amount cannot be negative.")})
    if line.node_id and line.node.plan_id != plan.pk:  # type: ignore[union-attr]
        raise ValidationError({"node": _("The result belongs to another plan.")})
    line.funder_name = (line.funder_name or "").strip()
    if line.funding_source in (FundingSource.DONOR, FundingSource.PARTNER) and not (
        line.funder_id or line.funder_name
    ):
        raise ValidationError({"funder": _("Say who funds it: choose an organisation or write its name.")})
    line.full_clean()
    line.save()
    return line


@transaction.atomic
def delete_budget_line(*, line: BudgetLine, by: User) -> None:
    check_editor(by, line.plan)
    line.delete()
