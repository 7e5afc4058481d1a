"""Pathfinder Countries: countries that committed to accelerate action towards Target 8.7."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from alliance87.core.models import DemoFlagged, Timestamped
from alliance87.partners.models import Organisation


class PathfinderStatus(models.TextChoices):
    EXPRESSED_INTEREST = "expressed_interest", _("Expressed interest")
    PREPARING = "preparing", _("Preparing")
    PATHFINDER = "pathfinder", _("Pathfinder")


class PathfinderCountry(DemoFlagged, Timestamped):
    """A country on the Pathfinder path; its name is shown in the page language (ISO 3166 via django-countries)."""

    country = CountryField(_("country"), unique=True)
    status = models.CharField(
        _("status"),
        max_length=24,
        choices=PathfinderStatus.choices,
        default=PathfinderStatus.EXPRESSED_INTEREST,
        db_index=True,
    )
    pathfinder_since = models.DateField(_("pathfinder since"), null=True, blank=True)
    focal_institution = models.ForeignKey(
        Organisation,
        verbose_name=_("national focal institution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pathfinder_countries",
    )
    summary = models.TextField(_("summary"), blank=True, help_text=_("Markdown is allowed."))
    is_illustrative = models.BooleanField(
        _("illustrative"),
        default=False,
        help_text=_("Not confirmed by a published source; shown as an illustration only."),
    )
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=4, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=4, null=True, blank=True)
    source = models.CharField(
        _("source"), max_length=500, blank=True, help_text=_("Where the status is published.")
    )

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
