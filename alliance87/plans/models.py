"""Plans, their results frameworks (logframes), indicators with targets and actuals, and budgets.

Aggregation and assessment rules do NOT live here: they are pure functions in `progress.py` and `aggregation.py`,
applied by selectors and by `verdicts.py`, which stores each indicator's verdict (IndicatorVerdict).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from alliance87.bodies.models import Body
from alliance87.core.formatting import format_day_range
from alliance87.core.models import DemoFlagged, Timestamped
from alliance87.core.reminders import ReminderKind
from alliance87.countries.models import PathfinderCountry, PathStep
from alliance87.partners.models import Organisation

from .progress import Assessment, ProgressCategory

DEFAULT_TIER_NAMES = ["Goal", "Outcome", "Output", "Activity"]
# The default names are stored in English and shown in the reader's language; names a plan gives are shown as given.
_DEFAULT_TIER_LABELS = {
    "Goal": pgettext_lazy("results framework tier", "Goal"),
    "Outcome": pgettext_lazy("results framework tier", "Outcome"),
    "Output": pgettext_lazy("results framework tier", "Output"),
    "Activity": pgettext_lazy("results framework tier", "Activity"),
}


def shown_tier_name(name: str) -> str:
    """A tier's name for the reader: "Outcome" reads "Effet" in French; a plan's own names stay as written."""
    return str(_DEFAULT_TIER_LABELS.get(name, name))


def default_tier_names() -> list[str]:
    return list(DEFAULT_TIER_NAMES)


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ADOPTED = "adopted", _("Adopted")
    IN_IMPLEMENTATION = "in_implementation", _("In implementation")
    CLOSED = "closed", _("Closed")


class Plan(DemoFlagged, Timestamped):
    """A work plan of a body or a Pathfinder Country's national action plan, with its results framework."""

    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    owner_body = models.ForeignKey(
        Body,
        verbose_name=_("owned by body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plans",
    )
    owner_country = models.ForeignKey(
        PathfinderCountry,
        verbose_name=_("owned by country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plans",
    )
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown is allowed."))
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    status = models.CharField(
        _("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT, db_index=True
    )
    currency = models.CharField(
        _("currency"), max_length=3, default="USD", help_text=_("ISO 4217 code, e.g. USD.")
    )
    responsible_organisations = models.ManyToManyField(
        Organisation, verbose_name=_("responsible organisations"), blank=True, related_name="plans"
    )
    tier_names = models.JSONField(
        _("tier names"),
        default=default_tier_names,
        help_text=_(
            "Names of the levels of the results framework, from the top (e.g. Goal, Outcome, Output, Activity)."
        ),
    )
    iati_identifier = models.CharField(
        _("IATI activity identifier"),
        max_length=150,
        blank=True,
        db_index=True,
        help_text=_("Set when the plan is exchanged with IATI (export or import)."),
    )
    is_illustrative = models.BooleanField(
        _("illustrative"), default=False, help_text=_("Example content, not an adopted plan.")
    )
    requires_second_approver = models.BooleanField(
        _("a second person must approve"),
        default=True,
        help_text=_("Nobody approves a value they submitted themselves: another editor of the plan must."),
    )
    path_step = models.ForeignKey(
        PathStep,
        verbose_name=_("Pathfinder step"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plans",
        help_text=_("The step of the owning country's path at which this plan was adopted."),
    )

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-period_start", "title"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(owner_body__isnull=False) & Q(owner_country__isnull=True))
                | (Q(owner_body__isnull=True) & Q(owner_country__isnull=False)),
                name="plan_owned_by_body_or_country",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="plan_period_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:detail", kwargs={"slug": self.slug})

    @property
    def owner_name(self) -> str:
        return str(self.owner_body or self.owner_country)

    @property
    def shown_tier_names(self) -> list[str]:
        """The plan's tiers as the reader reads them (see shown_tier_name)."""
        return [shown_tier_name(name) for name in self.tier_names or DEFAULT_TIER_NAMES]

    def tier_name(self, level: int) -> str:
        names = self.tier_names or DEFAULT_TIER_NAMES
        return shown_tier_name(names[min(level, len(names) - 1)])


class NodeStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    DELAYED = "delayed", _("Delayed")
    CANCELLED = "cancelled", _("Cancelled")


class ResultNode(DemoFlagged, Timestamped):
    """One result in a plan's framework: goal/impact, outcome, output or activity (level 0 is the top)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="nodes")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    level = models.PositiveSmallIntegerField(_("level"), default=0, validators=[MaxValueValidator(5)])
    position = models.PositiveIntegerField(_("position"), default=0)
    code = models.CharField(_("code"), max_length=20, blank=True, help_text=_("e.g. 1.2"))
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    assumptions = models.TextField(_("assumptions"), blank=True)
    risks = models.TextField(_("risks"), blank=True)
    responsible_organisations = models.ManyToManyField(
        Organisation, verbose_name=_("responsible partners"), blank=True, related_name="plan_results"
    )
    # A plan links library items; the library does not know plans. The table keeps the name it had when the
    # link was declared on library.Item (migrations plans 0004 and library 0004 moved it without touching data).
    library_items = models.ManyToManyField(
        "library.Item",
        verbose_name=_("library items"),
        blank=True,
        related_name="results",
        db_table="library_item_results",
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True, db_index=True)
    status = models.CharField(
        _("status"), max_length=16, choices=NodeStatus.choices, default=NodeStatus.NOT_STARTED, db_index=True
    )

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")
        ordering = ["plan", "level", "position", "pk"]
        indexes = [models.Index(fields=["plan", "parent", "position"])]

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()

    @property
    def tier(self) -> str:
        return self.plan.tier_name(self.level)


class IndicatorKind(models.TextChoices):
    PROCESS = "process", _("Process")
    RESULT = "result", _("Result")


class Measure(models.TextChoices):
    NUMBER = "number", _("Number")
    PERCENTAGE = "percentage", _("Percentage")
    CURRENCY = "currency", _("Currency")
    YES_NO = "yes_no", _("Yes/no")
    ORDINAL = "ordinal", _("Ordinal scale")
    QUALITATIVE = "qualitative", _("Qualitative")


class Direction(models.TextChoices):
    INCREASE = "increase", _("Increase is better")
    DECREASE = "decrease", _("Decrease is better")


class PeriodRule(models.TextChoices):
    """How an indicator's values over several periods combine into one figure."""

    CUMULATIVE_SUM = "cumulative_sum", _("Cumulative sum")
    LATEST = "latest", _("Latest value")
    AVERAGE = "average", _("Average")


class CommonIndicator(DemoFlagged, Timestamped):
    """An indicator several plans measure the same way (e.g. SDG indicator 8.7.1), so their values add up.

    A plan's indicator that measures it links to it (Indicator.common_indicator) and keeps its own baseline,
    targets and values; `combined.py` combines the approved values of every linked indicator, year by year, by
    the rule the measure allows (aggregation.combine_across_plans / combine_percentages).
    """

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=500)
    reference = models.CharField(
        _("reference"),
        max_length=60,
        blank=True,
        help_text=_("The code in a published list of indicators, e.g. SDG 8.7.1."),
    )
    reference_url = models.URLField(_("reference link"), blank=True)
    definition = models.TextField(_("definition"), blank=True)
    measure = models.CharField(_("measure"), max_length=12, choices=Measure.choices, default=Measure.NUMBER)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    direction = models.CharField(
        _("desired direction"), max_length=10, choices=Direction.choices, default=Direction.INCREASE
    )
    caveats = models.TextField(_("caveats"), blank=True)

    class Meta:
        verbose_name = _("common indicator")
        verbose_name_plural = _("common indicators")
        ordering = ["reference", "title"]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}".strip()

    def get_absolute_url(self) -> str:
        return reverse("plans:common_indicator", kwargs={"slug": self.slug})


class Indicator(DemoFlagged, Timestamped):
    """A process or result indicator on a node, with baseline, targets per period and the rules to combine values."""

    node = models.ForeignKey(ResultNode, on_delete=models.CASCADE, related_name="indicators")
    position = models.PositiveIntegerField(_("position"), default=0)
    code = models.CharField(_("code"), max_length=20, blank=True)
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("definition"), blank=True)
    kind = models.CharField(
        _("kind"), max_length=10, choices=IndicatorKind.choices, default=IndicatorKind.RESULT
    )
    measure = models.CharField(_("measure"), max_length=12, choices=Measure.choices, default=Measure.NUMBER)
    unit = models.CharField(
        _("unit"), max_length=60, blank=True, help_text=_("e.g. children aged 5–17, millions")
    )
    direction = models.CharField(
        _("desired direction"), max_length=10, choices=Direction.choices, default=Direction.INCREASE
    )
    baseline_value = models.DecimalField(
        _("baseline value"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(
        _("baseline year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2200)],
    )
    baseline_numerator = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    baseline_denominator = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    baseline_comment = models.CharField(_("baseline source / comment"), max_length=500, blank=True)
    target_value = models.DecimalField(
        _("final target"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    target_year = models.PositiveSmallIntegerField(
        _("target year"), null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2200)]
    )
    allows_negative = models.BooleanField(
        _("values may be negative"),
        default=False,
        help_text=_(
            "Tick for a net change or a balance; counts, amounts and percentages are never below zero."
        ),
    )
    allows_over_100 = models.BooleanField(
        _("percentages may exceed 100"),
        default=False,
        help_text=_("Tick for a rate of change; a share of a whole lies between 0 and 100."),
    )
    scale_levels = models.JSONField(
        _("scale levels"),
        default=list,
        blank=True,
        help_text=_("For an ordinal scale: the names of its levels, lowest first; values are 1, 2, 3…"),
    )
    period_rule = models.CharField(
        _("combining periods"),
        max_length=16,
        choices=PeriodRule.choices,
        default=PeriodRule.LATEST,
        help_text=_(
            "How values of several periods combine: a cumulative sum, the latest value or the average."
        ),
    )
    disaggregations = models.JSONField(
        _("disaggregations"),
        default=dict,
        blank=True,
        help_text=_('Dimensions and their categories, e.g. {"sex": ["female", "male"]}.'),
    )
    source = models.CharField(_("source / means of verification"), max_length=500, blank=True)
    caveats = models.TextField(_("caveats"), blank=True)
    common_indicator = models.ForeignKey(
        CommonIndicator,
        verbose_name=_("common indicator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plan_indicators",
        help_text=_(
            "Set when this indicator measures an indicator other plans share, so their values combine."
        ),
    )

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["node", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()

    def get_absolute_url(self) -> str:
        return reverse("plans:indicator", kwargs={"slug": self.node.plan.slug, "pk": self.pk})


class ReportingPeriod(DemoFlagged, Timestamped):
    """A period an indicator reports on, with its target for that period."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="periods")
    start = models.DateField(_("period start"))
    end = models.DateField(_("period end"), db_index=True)
    target_value = models.DecimalField(_("target"), max_digits=20, decimal_places=4, null=True, blank=True)
    target_comment = models.CharField(_("target comment"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["indicator", "start"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "start", "end"], name="unique_period_per_indicator"),
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="period_ends_after_start"),
        ]

    def __str__(self) -> str:
        """The span in the reader's language: "1 Jan – 31 Dec 2022", "1 janv. – 31 déc. 2022"."""
        return format_day_range(self.start, self.end)

    @property
    def due_date(self) -> datetime.date:
        """When the period's values are due: `REPORTING_DUE_DAYS` after it ends (the reminders follow it)."""
        return self.end + datetime.timedelta(days=settings.REPORTING_DUE_DAYS)


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
