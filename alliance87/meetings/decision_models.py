"""What a meeting of a body leaves behind: its minutes, the decisions it took, and the follow-up actions those
decisions give someone to do, with every change of an action's status kept as a dated record.

Kept apart from `models.py` (events, agendas, registrations) because it is a separate idea: the accountability
of a body to its own decisions (issue 13). `models.py` imports these classes so that Django registers them.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from alliance87.bodies.models import Body
from alliance87.core.models import DemoFlagged, Provenance, Timestamped
from alliance87.partners.models import Organisation

from .models import Event


class Minutes(DemoFlagged, Timestamped):
    """The minutes of a meeting: read by the body's members until a chair or the Secretariat publishes them."""

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="minutes")
    text = models.TextField(_("minutes"), help_text=_("Markdown is allowed."))
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last written by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_illustrative = models.BooleanField(
        _("illustrative"), default=False, help_text=_("Not from a published source; an illustration only.")
    )

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self) -> str:
        return str(_("Minutes of %(event)s") % {"event": self.event})

    def get_absolute_url(self) -> str:
        return reverse("meetings:minutes", kwargs={"slug": self.event.slug})

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Decision(DemoFlagged, Provenance, Timestamped):
    """A decision a meeting took, with its number (as the body numbers them) and the date it was taken; where it is
    published (`core.models.Provenance`)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="decisions")
    number = models.CharField(
        _("number"), max_length=40, help_text=_("As the body numbers its decisions, e.g. GCG/2019/3.")
    )
    text = models.TextField(_("decision"), help_text=_("Markdown is allowed."))
    decided_on = models.DateField(_("decided on"))

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-decided_on", "number", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "number"],
                name="one_decision_number_per_meeting",
                violation_error_message=_("This meeting already has a decision with this number."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}: {self.text[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("meetings:decision", kwargs={"pk": self.pk})


class FollowUpStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


#: Statuses of an action still to be done: it can be overdue.
PENDING_STATUSES = (FollowUpStatus.OPEN, FollowUpStatus.IN_PROGRESS)


class FollowUpAction(DemoFlagged, Timestamped):
    """Something a decision gives a body, an organisation or a person to do by a date; its status is tracked."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField(_("action"))
    owner_body = models.ForeignKey(
        Body,
        verbose_name=_("owner body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="follow_up_actions",
    )
    owner_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("owner organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="follow_up_actions",
    )
    owner_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="follow_up_actions",
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=FollowUpStatus.choices,
        default=FollowUpStatus.OPEN,
        db_index=True,
    )
    status_changed_on = models.DateField(_("status since"))
    status_note = models.CharField(_("note on the status"), max_length=500, blank=True)
    is_illustrative = models.BooleanField(
        _("illustrative"), default=False, help_text=_("Not from a published source; an illustration only.")
    )

    class Meta:
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["status", "due_date"], name="meetings_followup_due_idx")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(owner_body__isnull=False)
                    & Q(owner_organisation__isnull=True)
                    & Q(owner_person__isnull=True)
                )
                | (
                    Q(owner_body__isnull=True)
                    & Q(owner_organisation__isnull=False)
                    & Q(owner_person__isnull=True)
                )
                | (
                    Q(owner_body__isnull=True)
                    & Q(owner_organisation__isnull=True)
                    & Q(owner_person__isnull=False)
                ),
                name="follow_up_action_has_one_owner",
                violation_error_message=_("An action is owned by one body, one organisation or one person."),
            )
        ]

    def __str__(self) -> str:
        return self.description[:80]

    def get_absolute_url(self) -> str:
        return reverse("meetings:decision", kwargs={"pk": self.decision_id}) + f"#action-{self.pk}"

    @property
    def owner_name(self) -> str:
        return str(self.owner_body or self.owner_organisation or self.owner_person or "")

    @property
    def owner_url(self) -> str:
        """The owner's page, when it has one (a person has no public page)."""
        owner = self.owner_body or self.owner_organisation
        return owner.get_absolute_url() if owner is not None else ""

    @property
    def is_pending(self) -> bool:
        return self.status in PENDING_STATUSES

    def is_overdue(self, on: datetime.date) -> bool:
        return self.is_pending and self.due_date < on

    def days_overdue(self, on: datetime.date) -> int:
        return (on - self.due_date).days if self.is_overdue(on) else 0


class ActionStatusChange(DemoFlagged):
    """One change of a follow-up action's status, with its date and note: the action's status on any past date
    is read from these records (the completeness dashboard counts "as of" a date)."""

    action = models.ForeignKey(FollowUpAction, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(_("status"), max_length=16, choices=FollowUpStatus.choices)
    changed_on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["action", "changed_on", "pk"]
        indexes = [models.Index(fields=["action", "changed_on"], name="meetings_statuschange_idx")]

    def __str__(self) -> str:
        return f"{self.action} → {self.get_status_display()} ({self.changed_on})"
