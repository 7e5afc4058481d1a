"""Budget lines: planned, committed and spent amounts in the plan's currency, by year and result."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from alliance87.accounts.models import User
from alliance87.partners.models import Organisation

from ..models import BudgetLine, FundingSource, Plan, ResultNode
from .framework import check_editor, field_names


@dataclass(frozen=True, kw_only=True)
class BudgetLineFields:
    """What a person sets on a budget line. To change some fields only:
    ``dataclasses.replace(BudgetLineFields.of(line), …)``."""

    year: int
    node: ResultNode | None = None
    description: str = ""
    planned: Decimal | None = Decimal(0)
    committed: Decimal | None = Decimal(0)
    spent: Decimal | None = Decimal(0)
    funding_source: str = FundingSource.OTHER
    funder: Organisation | None = None
    funder_name: str = ""
    budget_line_code: str = ""

    @classmethod
    def of(cls, line: BudgetLine) -> BudgetLineFields:
        return cls(**{name: getattr(line, name) for name in field_names(cls)})


@transaction.atomic
def save_budget_line(
    *, plan: Plan, by: User, fields: BudgetLineFields, line: BudgetLine | None = None
) -> BudgetLine:
    """Create or change a budget line: planned, committed and spent amounts in the plan's currency for a year."""
    check_editor(by, plan)
    if line is not None and line.plan_id != plan.pk:
        raise ValidationError(_("This budget line belongs to another plan."))
    line = (
        BudgetLine.objects.select_for_update().get(pk=line.pk) if line is not None else BudgetLine(plan=plan)
    )
    for name in field_names(BudgetLineFields):
        setattr(line, name, getattr(fields, name))
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
