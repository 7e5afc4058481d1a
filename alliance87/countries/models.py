"""Pathfinder Countries: countries that committed to accelerate action towards Target 8.7."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from alliance87.core.models import DemoFlagged, Provenance, Timestamped
from alliance87.partners.models import Organisation


class PathfinderStatus(models.TextChoices):
    EXPRESSED_INTEREST = "expressed_interest", _("Expressed interest")
    PREPARING = "preparing", _("Preparing")
    PATHFINDER = "pathfinder", _("Pathfinder")


class PathfinderCountry(DemoFlagged, Provenance, Timestamped):
    """A country on the Pathfinder path; its name is shown in the page language (ISO 3166 via django-countries)."""

    country = CountryField(_("country"), unique=True)
    status = models.CharField(
        _("status"),
        max_length=24,
        choices=PathfinderStatus.choices,
        default=PathfinderStatus.EXPRESSED_INTEREST,
        db_index=True,
        editable=False,
        help_text=_("Read from the recorded path: see `status_from_path`."),
    )
    pathfinder_since = models.DateField(
        _("pathfinder since"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "The date of the national consultation or strategy workshop, read from the recorded path."
        ),
    )
    focal_institution = models.ForeignKey(
        Organisation,
        verbose_name=_("national focal institution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pathfinder_countries",
    )
    summary = models.TextField(_("summary"), blank=True, help_text=_("Markdown is allowed."))
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=4, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=4, null=True, blank=True)

    class Meta:
        verbose_name = _("Pathfinder Country")
        verbose_name_plural = _("Pathfinder Countries")
        ordering = ["country"]

    def __str__(self) -> str:
        return str(self.country.name)

    @property
    def code(self) -> str:
        return str(self.country.code)

    @property
    def map_point(self) -> tuple[float, float] | None:
        """Where the country sits on the 360×180 equirectangular map on the list page."""
        if self.latitude is None or self.longitude is None:
            return None
        return float(self.longitude) + 180, 90 - float(self.latitude)

    @property
    def label_on_left(self) -> bool:
        """Labels of countries near the map's right edge go left of their dot so they stay visible."""
        point = self.map_point
        return bool(point and point[0] > 300)

    def get_absolute_url(self) -> str:
        return reverse("countries:detail", kwargs={"code": self.code.lower()})


class PathStepKind(models.TextChoices):
    """The steps of the Pathfinder path, in the order a country takes them."""

    EXPRESSION_OF_INTEREST = "expression_of_interest", _("Expression of interest")
    GCG_ACCEPTANCE = "gcg_acceptance", _("Accepted by the Global Coordinating Group")
    COORDINATION = "coordination", _("National focal institution and coordination")
    CONSULTATION = "consultation", _("National consultation or strategy workshop")
    ROADMAP = "roadmap", _("Roadmap")
    ACTION_PLAN = "action_plan", _("National action plan adopted")
    PROGRESS_REPORT = "progress_report", _("Yearly progress report")
    REVIEW = "review", _("Review")

    @classmethod
    def position_of(cls, kind: str) -> int:
        """Where a step stands on the path, counting from 1."""
        return cls.values.index(kind) + 1


#: Steps a country may record more than once (one progress report a year).
REPEATABLE_STEPS = frozenset({PathStepKind.PROGRESS_REPORT})

#: From this step on a country counts as a Pathfinder: the GCG's amended procedure for the inclusion of Pathfinder
#: Countries (12 November 2020) answers an expression of interest after a first strategic planning workshop
#: (https://alliance87.org/events/8th-meeting-of-the-global-coordinating-group).
PATHFINDER_FROM = PathStepKind.CONSULTATION


def status_from_path(reached: int | None) -> str:
    """A country's status read from the furthest step of its path taken (its position, None before the first).

    The one rule of `PathfinderCountry.status`: interest expressed (or nothing yet on record), then preparing
    once the GCG accepted it, then a Pathfinder from its national consultation or strategy workshop on.
    """
    if reached is None or reached < PathStepKind.position_of(PathStepKind.GCG_ACCEPTANCE):
        return PathfinderStatus.EXPRESSED_INTEREST
    if reached < PathStepKind.position_of(PATHFINDER_FROM):
        return PathfinderStatus.PREPARING
    return PathfinderStatus.PATHFINDER


class PathStep(DemoFlagged, Provenance, Timestamped):
    """One step a Pathfinder Country has taken, or passed by with the reason on record.

    Its event, plan and documents are linked from the apps that own them (meetings, plans, library), which sit
    above this one.
    """

    pathfinder = models.ForeignKey(
        PathfinderCountry, verbose_name=_("country"), on_delete=models.CASCADE, related_name="path_steps"
    )
    kind = models.CharField(_("step"), max_length=32, choices=PathStepKind.choices)
    position = models.PositiveSmallIntegerField(_("position on the path"), editable=False, db_index=True)
    date = models.DateField(_("date"), help_text=_("When the step was taken, or passed by."))
    responsible = models.CharField(
        _("responsible"), max_length=200, blank=True, help_text=_("Who is responsible for this step.")
    )
    responsible_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("responsible organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pathfinder_steps",
    )
    signatory = models.CharField(
        _("signatory"), max_length=200, blank=True, help_text=_("Who signed the letter of interest.")
    )
    notes = models.TextField(_("notes"), blank=True, help_text=_("Markdown is allowed."))
    skip_reason = models.TextField(
        _("reason for passing this step by"),
        blank=True,
        help_text=_("Filled when the country went on without taking this step."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("Pathfinder step")
        verbose_name_plural = _("Pathfinder steps")
        ordering = ["pathfinder", "position", "date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["pathfinder", "kind"],
                condition=~models.Q(kind__in=[str(kind) for kind in REPEATABLE_STEPS]),
                name="path_step_once_per_country",
                violation_error_message=_("This step is already recorded for this country."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.pathfinder}: {self.get_kind_display()}"

    @property
    def is_skipped(self) -> bool:
        return bool(self.skip_reason)

    def save(self, *args: object, **kwargs: object) -> None:
        self.position = PathStepKind.position_of(self.kind)
        super().save(*args, **kwargs)  # type: ignore[arg-type]
