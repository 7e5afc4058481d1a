"""The framework of a plan: the plan itself, its results (the logframe's tree), indicators with their targets and
periods, and the common indicators plans share."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from alliance87.bodies.models import Body
from alliance87.core.content_translation import TRANSLATION_LANGUAGES, reading_order
from alliance87.core.formatting import format_day_range
from alliance87.core.models import DemoFlagged, Provenance, Timestamped
from alliance87.countries.models import PathfinderCountry, PathStep
from alliance87.partners.models import Organisation

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


def reader_tier_names(names: list[str] | None, translated: list[str] | None) -> list[str]:
    """A framework's tier names for the reader: the plan's translation in their language where one is given
    (one name per tier), else each name through `shown_tier_name`."""
    names = list(names or DEFAULT_TIER_NAMES)
    if translated and len(translated) == len(names):
        return [str(given or shown_tier_name(name)) for given, name in zip(translated, names, strict=True)]
    return [shown_tier_name(name) for name in names]


def default_tier_names() -> list[str]:
    return list(DEFAULT_TIER_NAMES)


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ADOPTED = "adopted", _("Adopted")
    IN_IMPLEMENTATION = "in_implementation", _("In implementation")
    CLOSED = "closed", _("Closed")


class Plan(DemoFlagged, Provenance, Timestamped):
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
    # A plan's own tier names in French and Spanish: one name per tier, or empty (the default names go through
    # gettext, the plan's own show as written). Plain columns rather than modeltranslation's: `tier_names` is read
    # by rules (levels, exports, which tier holds activities) that must always see the original list, and its
    # fallback is per tier, not per list.
    tier_names_fr = models.JSONField(_("tier names in French"), default=list, blank=True)
    tier_names_es = models.JSONField(_("tier names in Spanish"), default=list, blank=True)
    iati_identifier = models.CharField(
        _("IATI activity identifier"),
        max_length=150,
        blank=True,
        db_index=True,
        help_text=_("Set when the plan is exchanged with IATI (export or import)."),
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
        # The plans list's order in each reader's language (`core.content_translation.reading_order`: the
        # translated title, else the original): a page of 25 plans walks one of these instead of sorting every plan.
        indexes = [
            models.Index(fields=["-period_start", "title_en"], name="plans_plan_list_order_idx"),
            *(
                models.Index(
                    models.F("period_start").desc(),
                    reading_order("title", language),
                    name=f"plans_plan_list_order_{language}_idx",
                )
                for language in TRANSLATION_LANGUAGES
            ),
            # A country's plans and a Pathfinder step's: most plans have neither, and SQLite's statistics count
            # the empty value as one, so the plain foreign-key indexes looked unselective and a country's page
            # walked the list-order index of every plan instead (5,000 at ten times the large data set).
            models.Index(
                fields=["owner_country"],
                condition=Q(owner_country__isnull=False),
                name="plans_plan_country_idx",
            ),
            models.Index(
                fields=["path_step"], condition=Q(path_step__isnull=False), name="plans_plan_step_idx"
            ),
            # A body's page shows its first 20 plans in list order: read from here, not all its plans sorted.
            models.Index(
                fields=["owner_body", "-period_start", "title_en"], name="plans_plan_body_order_idx"
            ),
        ]
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

    def tier_name_translation(self, language: str | None = None) -> list[str]:
        """The plan's tier names translated into `language` (the reader's), or [] where none was given."""
        from django.utils.translation import get_language

        language = (language or get_language() or "en").split("-")[0]
        return list(getattr(self, f"tier_names_{language}", None) or []) if language in ("fr", "es") else []

    @property
    def shown_tier_names(self) -> list[str]:
        """The plan's tiers as the reader reads them (see reader_tier_names)."""
        return reader_tier_names(self.tier_names, self.tier_name_translation())

    def tier_name(self, level: int) -> str:
        names = self.shown_tier_names
        return names[min(level, len(names) - 1)]


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


class CommonIndicator(DemoFlagged, Provenance, Timestamped):
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
