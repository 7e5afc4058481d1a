"""A plan's budget: planned, committed and spent amounts a year, by result and source of funding."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from alliance87.core.models import DemoFlagged, Timestamped
from alliance87.partners.models import Organisation

from .framework import Plan, ResultNode


class FundingSource(models.TextChoices):
    NATIONAL_BUDGET = "national_budget", _("National budget line")
    DONOR = "donor", _("Donor")
    PARTNER = "partner", _("Partner")
    OTHER = "other", _("Other")


class BudgetLine(DemoFlagged, Timestamped):
    """Money for an activity or output in a year: planned, committed and spent, and where it comes from."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="budget_lines")
    node = models.ForeignKey(
        ResultNode, null=True, blank=True, on_delete=models.CASCADE, related_name="budget_lines"
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1900), MaxValueValidator(2200)]
    )
    description = models.CharField(_("description"), max_length=255, blank=True)
    planned = models.DecimalField(_("planned"), max_digits=16, decimal_places=2, default=0)
    committed = models.DecimalField(_("committed / allocated"), max_digits=16, decimal_places=2, default=0)
    spent = models.DecimalField(_("spent"), max_digits=16, decimal_places=2, default=0)
    funding_source = models.CharField(
        _("funding source"), max_length=20, choices=FundingSource.choices, default=FundingSource.OTHER
    )
    funder = models.ForeignKey(
        Organisation,
        verbose_name=_("funder"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="funded_budget_lines",
    )
    funder_name = models.CharField(_("funder (if not in the directory)"), max_length=255, blank=True)
    budget_line_code = models.CharField(_("budget line code"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["plan", "year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned__gte=0) & Q(committed__gte=0) & Q(spent__gte=0),
                name="budget_amounts_not_negative",
            )
        ]

    def __str__(self) -> str:
        return f"{self.plan} {self.year}: {self.planned}"
