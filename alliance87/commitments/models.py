"""Partner commitments: what a partner pledges to deliver, by when, with which resources, and its yearly reports.

A commitment is made by one partner organisation and holds SMART deliverables; each deliverable concerns an
Action Group or a Pathfinder Country (or both), is due on a date and carries the resources pledged for it. Every
year the partner reports on each deliverable (one report per deliverable and year, corrected in place, its
history kept). What is on time, late or unreported is computed from these records "as of" a date
(`commitments.status`), never stored.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from alliance87.core.models import DemoFlagged, Provenance, Timestamped
from alliance87.core.reminders import ReminderKind


class Commitment(DemoFlagged, Provenance, Timestamped):
    """A partner's public commitment to the partnership, made on a date, with where it is stated (the shared
    `core.models.Provenance`: a document or address, or flagged illustrative)."""

    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.CASCADE,
        related_name="commitments",
        verbose_name=_("partner"),
    )
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown is allowed."))
    made_on = models.DateField(
        _("made on"),
        help_text=_("When the partner made the commitment; yearly reports are due from that year."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["-made_on", "title", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("commitments:detail", args=[self.pk])


class Deliverable(DemoFlagged, Timestamped):
    """A SMART deliverable of a commitment: what, measured how, by when, for whom, with what resources."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="deliverables")
    title = models.CharField(_("deliverable"), max_length=255, help_text=_("What will be delivered."))
    measure = models.TextField(
        _("how it is measured"), blank=True, help_text=_("The evidence that will show it is delivered.")
    )
    due_date = models.DateField(_("due date"))
    body = models.ForeignKey(
        "bodies.Body",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deliverables",
        verbose_name=_("Action Group"),
    )
    country = models.ForeignKey(
        "countries.PathfinderCountry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deliverables",
        verbose_name=_("Pathfinder Country"),
    )
    pledged_amount = models.DecimalField(
        _("amount pledged"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    pledged_currency = models.CharField(
        _("currency"), max_length=3, blank=True, help_text=_("ISO 4217 code, e.g. USD.")
    )
    in_kind = models.CharField(
        _("in-kind resources"),
        max_length=500,
        blank=True,
        help_text=_("Staff time, expertise, premises… pledged instead of or besides money."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("deliverable")
        verbose_name_plural = _("deliverables")
        ordering = ["commitment", "position", "due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(body__isnull=False) | models.Q(country__isnull=False),
                name="deliverable_concerns_a_body_or_country",
            ),
            models.CheckConstraint(
                condition=models.Q(pledged_amount__isnull=True, pledged_currency="")
                | (models.Q(pledged_amount__gte=0) & ~models.Q(pledged_currency="")),
                name="deliverable_amount_with_currency",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"{self.commitment.get_absolute_url()}#deliverable-{self.pk}"


class DeliveryStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DELIVERED = "delivered", _("Delivered")
    DROPPED = "dropped", _("Dropped")


#: A report with one of these statuses closes the deliverable: no report is due for later years.
CLOSING_STATUSES = frozenset({DeliveryStatus.DELIVERED, DeliveryStatus.DROPPED})


class DeliverableReport(DemoFlagged, Timestamped):
    """The partner's self-report on one deliverable for one year; corrected in place (history keeps each version)."""

    deliverable = models.ForeignKey(Deliverable, on_delete=models.CASCADE, related_name="reports")
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(_("status"), max_length=16, choices=DeliveryStatus.choices)
    narrative = models.TextField(_("narrative"), help_text=_("What was done this year. Markdown is allowed."))
    evidence = models.ManyToManyField(
        "library.Item", blank=True, related_name="+", verbose_name=_("evidence from the library")
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reported_on = models.DateField(_("reported on"))
    corrected_on = models.DateField(_("last corrected on"), null=True, blank=True)

    class Meta:
        verbose_name = _("deliverable report")
        verbose_name_plural = _("deliverable reports")
        ordering = ["deliverable", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["deliverable", "year"], name="one_report_per_deliverable_year")
        ]

    def __str__(self) -> str:
        return f"{self.deliverable} ({self.year})"


class CommitmentReminder(models.Model):
    """A reminder e-mail sent to one focal point of a commitment's partner for one due date; sent once."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="reminders")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    due_date = models.DateField(_("due date"))
    kind = models.CharField(_("kind"), max_length=10, choices=ReminderKind.choices)
    missing = models.PositiveIntegerField(_("reports missing"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("commitment reminder")
        verbose_name_plural = _("commitment reminders")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "user", "due_date", "kind"], name="one_commitment_reminder_per_due_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.commitment} → {self.user} ({self.kind} {self.due_date})"
