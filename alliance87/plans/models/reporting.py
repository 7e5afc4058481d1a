"""Reporting: the values reported for a period and their review, every change to them, the verdict stored for
each indicator, and the reminders sent to reporters."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from alliance87.core.assessment import Assessment, ProgressCategory
from alliance87.core.formatting import MISSING, format_number
from alliance87.core.models import DemoFlagged, Timestamped
from alliance87.core.reminders import ReminderKind

from .framework import Indicator, Plan, ReportingPeriod


class ValueStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned for revision")


class ValueOrigin(models.TextChoices):
    MANUAL = "manual", _("Entered on the platform")
    IMPORT = "import", _("Imported")


@dataclass(frozen=True)
class PublishedValue:
    """The approved version of a reported value, the one that counts and that everyone may read.

    It is the value itself once approved; while a correction of an approved value is reviewed (or after it was
    returned) it is the last approved version, kept in `IndicatorValue.last_approved`.
    """

    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    text_value: str
    disaggregated: dict[str, Any]
    source: str
    comment: str
    evidence_url: str
    evidence_item_id: int | None
    approved_at: datetime.datetime | None
    is_current: bool  # False while a correction is under review or after it was returned

    @classmethod
    def from_snapshot(cls, snapshot: dict[str, Any]) -> PublishedValue:
        def number(key: str) -> Decimal | None:
            raw = snapshot.get(key)
            return None if raw in (None, "") else Decimal(str(raw))

        approved_at = snapshot.get("approved_at")
        return cls(
            value=number("value"),
            numerator=number("numerator"),
            denominator=number("denominator"),
            text_value=snapshot.get("text_value") or "",
            disaggregated=snapshot.get("disaggregated") or {},
            source=snapshot.get("source") or "",
            comment=snapshot.get("comment") or "",
            evidence_url=snapshot.get("evidence_url") or "",
            evidence_item_id=snapshot.get("evidence_item_id"),
            approved_at=datetime.datetime.fromisoformat(approved_at) if approved_at else None,
            is_current=False,
        )


class IndicatorValue(DemoFlagged, Timestamped):
    """The actual value reported for a period; only approved values count. `version` refuses concurrent edits.

    The row is the working copy that reporters submit and editors review. Its approved version (`published`) is
    what counts in verdicts, charts, reports and exports: the row itself once approved, else `last_approved`.
    """

    period = models.OneToOneField(ReportingPeriod, on_delete=models.CASCADE, related_name="actual")
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4, null=True, blank=True)
    numerator = models.DecimalField(_("numerator"), max_digits=20, decimal_places=4, null=True, blank=True)
    denominator = models.DecimalField(
        _("denominator"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    text_value = models.TextField(_("qualitative value"), blank=True)
    disaggregated = models.JSONField(
        _("disaggregated values"),
        default=dict,
        blank=True,
        help_text=_('Values by dimension and category, e.g. {"sex": {"female": 10, "male": 12}}.'),
    )
    source = models.CharField(_("source / means of verification"), max_length=500, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    evidence_url = models.URLField(_("evidence (link)"), blank=True)
    evidence_item = models.ForeignKey(
        "library.Item",
        verbose_name=_("evidence (library document)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evidence_for_values",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ValueStatus.choices, default=ValueStatus.DRAFT, db_index=True
    )
    origin = models.CharField(
        _("origin"), max_length=8, choices=ValueOrigin.choices, default=ValueOrigin.MANUAL
    )
    version = models.PositiveIntegerField(default=1)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField(_("review comment"), blank=True)
    last_approved = models.JSONField(
        _("last approved version"),
        default=dict,
        blank=True,
        help_text=_(
            "The approved figures, kept while a correction of them is reviewed; they count meanwhile."
        ),
    )

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")

    def __str__(self) -> str:
        return f"{self.period.indicator}: {self.value}"

    @property
    def published(self) -> PublishedValue | None:
        """The approved version that counts (see the class), or None if no version was ever approved."""
        if self.status == ValueStatus.APPROVED:
            return PublishedValue(
                value=self.value,
                numerator=self.numerator,
                denominator=self.denominator,
                text_value=self.text_value,
                disaggregated=self.disaggregated or {},
                source=self.source,
                comment=self.comment,
                evidence_url=self.evidence_url,
                evidence_item_id=self.evidence_item_id,
                approved_at=self.reviewed_at,
                is_current=True,
            )
        if self.last_approved:
            return PublishedValue.from_snapshot(self.last_approved)
        return None

    def approved_snapshot(self) -> dict[str, Any]:
        """The approved figures as JSON, to keep in `last_approved` while a correction is reviewed."""

        def text(number: Decimal | None) -> str | None:
            return None if number is None else str(number)

        return {
            "value": text(self.value),
            "numerator": text(self.numerator),
            "denominator": text(self.denominator),
            "text_value": self.text_value,
            "disaggregated": self.disaggregated or {},
            "source": self.source,
            "comment": self.comment,
            "evidence_url": self.evidence_url,
            "evidence_item_id": self.evidence_item_id,
            "approved_at": self.reviewed_at.isoformat() if self.reviewed_at else None,
            "version": self.version,
        }


class ValueChange(models.Model):
    """One change to a reported value: who, when, what it was and what it became (kept forever)."""

    value = models.ForeignKey(IndicatorValue, on_delete=models.CASCADE, related_name="history")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    action = models.CharField(_("action"), max_length=20)
    old = models.JSONField(_("before"), default=dict)
    new = models.JSONField(_("after"), default=dict)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.action} by {self.changed_by} at {self.changed_at:%Y-%m-%d %H:%M}"

    @property
    def action_label(self) -> str:
        """What happened, in the reader's language: the status the change gave the value ("Submitted")."""
        return str(ValueStatus(self.action).label) if self.action in ValueStatus.values else self.action

    @property
    def before(self) -> str:
        """The value before the change as a reader sees it: "17.4 (Submitted)", "17,4 (Soumis)"."""
        return _snapshot_shown(self.old)

    @property
    def after(self) -> str:
        return _snapshot_shown(self.new)


def _snapshot_shown(snapshot: dict[str, Any]) -> str:
    """A history snapshot in the reader's language: the number with their separators, then its status."""
    if not snapshot:
        return MISSING
    number = snapshot.get("value")
    shown = (
        format_number(number, max_decimals=4)
        if number not in (None, "")
        else snapshot.get("text_value") or MISSING
    )
    status = snapshot.get("status") or ""
    label = str(ValueStatus(status).label) if status in ValueStatus.values else status
    return f"{shown} ({label})" if label else shown


class IndicatorVerdict(models.Model):
    """An indicator's progress verdict and latest approved value, as `verdicts.refresh` last computed them.

    Derived data, never edited: the services rewrite it in the same transaction as any change that can alter it
    (a value approved or withdrawn from approval, a period or the indicator changed, an import), so that the gap
    report over every plan reads one row per indicator instead of recomputing thousands of assessments.
    """

    indicator = models.OneToOneField(
        Indicator, primary_key=True, on_delete=models.CASCADE, related_name="verdict"
    )
    category = models.CharField(max_length=24, choices=ProgressCategory.choices, db_index=True)
    numbers = models.JSONField(default=dict, help_text="progress.Assessment.as_dict()")
    latest_period_end = models.DateField(null=True, blank=True)
    latest_value = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    latest_text = models.TextField(blank=True)
    latest_source = models.CharField(max_length=500, blank=True)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("indicator verdict")
        verbose_name_plural = _("indicator verdicts")

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.category}"

    @cached_property
    def assessment(self) -> Assessment:
        return Assessment.from_dict(self.numbers)

    @property
    def has_latest(self) -> bool:
        return self.latest_period_end is not None


class PlanGapCounts(models.Model):
    """How many of a plan's indicators and results each list of the gap report holds, as `gap_counts.store` last
    counted them from the indicators, their stored verdicts and the results.

    Derived data, never edited: stored in the same transaction as a verdict of the plan (`verdicts.refresh`), a
    change of its results or tiers or a deletion of its indicators, so that the cross-plan gap page adds up a row
    per plan instead of counting a million indicators. "No recent data" depends on the reader's window: it is
    counted from `PlanLastValueCount`. "Overdue" depends on the day: the count holds on the days after
    `overdue_latest_due` up to `next_due` (`gap_counts.stale_filter`).
    """

    plan = models.OneToOneField(Plan, primary_key=True, on_delete=models.CASCADE, related_name="gap_counts")
    indicators = models.PositiveIntegerField(default=0)
    off_track = models.PositiveIntegerField(default=0)
    no_baseline = models.PositiveIntegerField(default=0)
    no_target = models.PositiveIntegerField(default=0)
    #: Indicators without a stored verdict (written around the services): the page stores theirs first.
    missing = models.PositiveIntegerField(default=0)
    #: When the plan's oldest verdict was computed: one from an earlier year is stale ("Target missed").
    oldest_verdict = models.DateTimeField(null=True, blank=True)
    #: Results above the activity tier without an indicator; results of the activity tier.
    unmeasured = models.PositiveIntegerField(default=0)
    activities = models.PositiveIntegerField(default=0)
    #: Unfinished results due before the day they were counted on; the latest of those due dates, and the earliest
    #: due date of an unfinished result not counted (the count holds after the first, up to the second).
    overdue = models.PositiveIntegerField(default=0)
    overdue_latest_due = models.DateField(null=True, blank=True)
    next_due = models.DateField(null=True, blank=True)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("gap counts of a plan")
        verbose_name_plural = _("gap counts of plans")

    def __str__(self) -> str:
        return f"{self.plan_id}: {self.indicators}"


class PlanLastValueCount(models.Model):
    """A plan's indicators counted by the last day of the period of their latest approved value (none: null):
    what "no recent data" needs for any window, stored with `PlanGapCounts`."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="last_value_counts")
    latest_period_end = models.DateField(null=True, blank=True)
    indicators = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("indicators of a plan by their latest value")
        verbose_name_plural = _("indicators of plans by their latest value")
        indexes = [models.Index(fields=["plan", "latest_period_end"], name="plans_lastvalue_plan_end_idx")]

    def __str__(self) -> str:
        return f"{self.plan_id} {self.latest_period_end}: {self.indicators}"


class ReportingReminder(models.Model):
    """A reminder e-mail sent to one reporter of a plan for one due date; the record keeps it from going twice."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reminders")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    due_date = models.DateField(_("due date"))
    kind = models.CharField(_("kind"), max_length=10, choices=ReminderKind.choices)
    missing = models.PositiveIntegerField(_("values missing"), help_text=_("How many values were missing."))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("reporting reminder")
        verbose_name_plural = _("reporting reminders")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "user", "due_date", "kind"], name="one_reminder_per_due_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.plan} → {self.user} ({self.due_date}, {self.kind})"


class CompletenessDigest(models.Model):
    """The weekly digest of late values and values awaiting review sent to one chair or Secretariat officer for
    one week; the record keeps it from going twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    week = models.CharField(_("week"), max_length=8, help_text=_("ISO week, e.g. 2026-W49."))
    late = models.PositiveIntegerField(_("values late"))
    awaiting_review = models.PositiveIntegerField(_("values awaiting review"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("completeness digest")
        verbose_name_plural = _("completeness digests")
        ordering = ["-sent_at"]
        constraints = [models.UniqueConstraint(fields=["user", "week"], name="one_digest_per_week")]

    def __str__(self) -> str:
        return f"{self.user} ({self.week})"
