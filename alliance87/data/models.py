"""Statistical data on Target 8.7: areas, series, observations, imports, and restricted case-level data.

Observations are keyed by series, area, period and four dimensions (sex, age group, urban/rural, sector), an empty
dimension meaning "all". Case-level records never leave the restricted data set they were uploaded to: only
aggregate tables that passed disclosure control are published, and every publication is logged.
"""

from __future__ import annotations

import functools
from dataclasses import replace

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from alliance87.bodies.models import Body
from alliance87.core.models import DemoFlagged, Timestamped
from alliance87.core.provenance import Cited
from alliance87.partners.models import Organisation

from .areas import REGION_NAMES


@functools.cache
def country_names(language: str) -> dict[str, str]:
    """Every country's name in a language, computed once per language (pages name hundreds of countries)."""
    with translation.override(language):
        return {code: str(name) for code, name in countries}


class AreaKind(models.TextChoices):
    WORLD = "world", _("World")
    REGION = "region", _("Region")
    COUNTRY = "country", _("Country or area")


class RegionScheme(models.TextChoices):
    NONE = "", _("None")
    SDG = "sdg", _("SDG regions (UN M49)")
    ILO = "ilo", _("ILO regions")


class Area(models.Model):
    """The world, a region of a grouping scheme, or a country or area by its ISO 3166 code (reference data)."""

    code = models.CharField(
        _("code"),
        max_length=24,
        unique=True,
        help_text=_("ISO 3166 alpha-2 for a country, the M49 code for the world and SDG regions."),
    )
    kind = models.CharField(_("kind"), max_length=8, choices=AreaKind.choices, db_index=True)
    scheme = models.CharField(
        _("grouping scheme"), max_length=4, choices=RegionScheme.choices, blank=True, default=""
    )
    iso3 = models.CharField(_("ISO 3166 alpha-3"), max_length=3, blank=True, db_index=True)
    m49 = models.PositiveIntegerField(_("M49 code"), null=True, blank=True, db_index=True)
    name = models.CharField(_("name in English"), max_length=120)
    sdg_region = models.ForeignKey(
        "self",
        verbose_name=_("SDG region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="countries",
        limit_choices_to={"kind": AreaKind.REGION, "scheme": RegionScheme.SDG},
    )

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["kind", "code"]

    def __str__(self) -> str:
        return str(self.display_name)

    def get_absolute_url(self) -> str:
        return reverse("data:area-detail", kwargs={"code": self.slug})

    @property
    def display_name(self) -> str:
        """The name in the reader's language: django-countries for countries, the catalogue for regions."""
        if self.kind == AreaKind.COUNTRY:
            return country_names(get_language() or "en").get(self.code, self.name)
        label = REGION_NAMES.get(self.code)
        return str(label) if label is not None else self.name

    @property
    def slug(self) -> str:
        return self.code.lower()


class SdgIndicator(models.Model):
    """An SDG indicator a series measures (e.g. 8.7.1); reference data loaded by a migration."""

    code = models.CharField(_("code"), max_length=12, unique=True)
    title = models.CharField(_("title"), max_length=400)

    class Meta:
        verbose_name = _("SDG indicator")
        verbose_name_plural = _("SDG indicators")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Access(models.TextChoices):
    PUBLIC = "public", _("Public")
    PARTNERS = "partners", _("Partners only")
    BODY = "body", _("Members of a named body only")


class Licence(models.TextChoices):
    CC_BY_4 = "cc-by-4.0", _("Creative Commons Attribution 4.0 (CC BY 4.0)")
    CC_BY_NC_SA_3_IGO = "cc-by-nc-sa-3.0-igo", _("CC BY-NC-SA 3.0 IGO")
    CC_BY_SA_4 = "cc-by-sa-4.0", _("Creative Commons Attribution-ShareAlike 4.0")
    UN_TERMS = "un-terms", _("United Nations terms of use (free use with attribution)")
    PUBLIC_DOMAIN = "public-domain", _("Public domain (e.g. a work of the US Government)")
    NATIONAL_OPEN = "national-open", _("National open data terms (see the source)")
    RESTRICTED = "restricted", _("Restricted: not for redistribution")

    @classmethod
    def url(cls, value: str) -> str:
        return LICENCE_URLS.get(value, "")


LICENCE_URLS: dict[str, str] = {
    Licence.CC_BY_4: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_NC_SA_3_IGO: "https://creativecommons.org/licenses/by-nc-sa/3.0/igo/",
    Licence.CC_BY_SA_4: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.UN_TERMS: "https://www.un.org/en/about-us/terms-of-use",
}


class Unit(models.TextChoices):
    PERCENT = "percent", _("Per cent")
    MILLIONS = "millions", _("Millions of people")
    NUMBER = "number", _("Number")
    PER_THOUSAND = "per_1000", _("Per 1,000 people")
    PER_100K = "per_100k", _("Per 100,000 people")


class Direction(models.TextChoices):
    DECREASE = "decrease", _("A decrease is progress")
    INCREASE = "increase", _("An increase is progress")


class TargetPart(models.TextChoices):
    """The parts of SDG Target 8.7 the dashboard follows, each with its deadline."""

    NONE = "", _("None")
    CHILD_LABOUR = "child_labour", _("End child labour in all its forms by 2025")
    FORCED_LABOUR = "forced_labour", _("Eradicate forced labour by 2030")
    MODERN_SLAVERY = "modern_slavery", _("End modern slavery by 2030")
    TRAFFICKING = "trafficking", _("End human trafficking by 2030")


class Source(DemoFlagged, Timestamped):
    """A publication or data set that values come from, cited with its address."""

    title = models.CharField(_("title"), max_length=400)
    publisher = models.CharField(_("publisher"), max_length=255)
    year = models.PositiveIntegerField(_("year published"), null=True, blank=True)
    url = models.URLField(_("address"), max_length=500, blank=True)
    licence = models.CharField(_("licence"), max_length=24, choices=Licence.choices, blank=True)
    accessed = models.DateField(_("read on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["publisher", "-year", "title"]

    def __str__(self) -> str:
        return f"{self.publisher}, {self.title}" + (f" ({self.year})" if self.year else "")

    @property
    def provenance(self) -> Cited:
        return Cited(source=str(self), url=self.url, read_on=self.accessed)


class Series(DemoFlagged, Timestamped):
    """A statistical series: what is measured, in what unit, by whom, under which licence and access level."""

    code = models.CharField(
        _("code"),
        max_length=40,
        unique=True,
        help_text=_(
            "As in the SDG Global Database where it has one (e.g. SL_TLF_CHLDEA); letters, digits, _."
        ),
    )
    name = models.CharField(_("name"), max_length=300)
    unit = models.CharField(_("unit"), max_length=12, choices=Unit.choices)
    decimals = models.PositiveSmallIntegerField(_("decimals shown"), default=1)
    indicator = models.ForeignKey(
        SdgIndicator,
        verbose_name=_("SDG indicator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="series",
    )
    definition = models.TextField(_("definition"), blank=True)
    source_organisation = models.CharField(_("source organisation"), max_length=255)
    default_source = models.ForeignKey(
        Source,
        verbose_name=_("main source"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    licence = models.CharField(_("licence"), max_length=24, choices=Licence.choices)
    methodology = models.TextField(_("methodology note"), blank=True)
    caveats = models.TextField(_("caveats"), blank=True)
    direction = models.CharField(
        _("desired direction"), max_length=8, choices=Direction.choices, default=Direction.DECREASE
    )
    access = models.CharField(
        _("access"), max_length=8, choices=Access.choices, default=Access.PUBLIC, db_index=True
    )
    access_body = models.ForeignKey(
        Body,
        verbose_name=_("named body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Only its members see the series when access is limited to a body."),
    )
    steward = models.ForeignKey(
        Organisation,
        verbose_name=_("data steward"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Its focal points may import observations into the series."),
    )
    is_illustrative = models.BooleanField(
        _("illustrative"), default=False, help_text=_("Not real published figures; shown as an illustration.")
    )
    tracks = models.CharField(
        _("global measure of"),
        max_length=16,
        choices=TargetPart.choices,
        blank=True,
        default="",
        help_text=_("The dashboard follows this part of Target 8.7 with the series' world values."),
    )
    is_headline = models.BooleanField(
        _("headline figure"),
        default=False,
        help_text=_("Its latest world value is among the headline figures."),
    )

    class Meta:
        verbose_name = _("series")
        verbose_name_plural = _("series")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["tracks"], condition=~models.Q(tracks=""), name="data_one_series_per_target_part"
            ),
            models.CheckConstraint(
                condition=~models.Q(access="body") | models.Q(access_body__isnull=False),
                name="data_series_body_access_names_a_body",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("data:series-detail", kwargs={"code": self.code})

    @property
    def provenance(self) -> Cited:
        """The series' main source, else the organisations it names; each value cites its own source besides."""
        if self.default_source_id and self.default_source:
            return replace(self.default_source.provenance, illustrative=self.is_illustrative)
        return Cited(source=self.source_organisation, illustrative=self.is_illustrative)

    @property
    def licence_url(self) -> str:
        return Licence.url(self.licence)


class Sex(models.TextChoices):
    TOTAL = "", _("Both sexes")
    FEMALE = "F", _("Female")
    MALE = "M", _("Male")


class Location(models.TextChoices):
    TOTAL = "", _("Urban and rural")
    URBAN = "U", _("Urban")
    RURAL = "R", _("Rural")


class Nature(models.TextChoices):
    """The nature of a value, as the SDG Global Database codes it."""

    COUNTRY = "C", _("Country data")
    COUNTRY_ADJUSTED = "CA", _("Country data adjusted")
    ESTIMATED = "E", _("Estimated")
    GLOBAL_MONITORING = "G", _("Global monitoring data")
    MODELLED = "M", _("Modelled")
    NOT_RELEVANT = "N", _("Non-relevant")


class Observation(DemoFlagged):
    """One value of a series for an area, a year or period, and a combination of dimensions."""

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="observations")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="observations")
    year = models.PositiveSmallIntegerField(_("year"))
    end_year = models.PositiveSmallIntegerField(
        _("last year of the period"), help_text=_("Equal to the year for a single year.")
    )
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True, default="")
    age = models.CharField(_("age group"), max_length=16, blank=True, default="")
    location = models.CharField(
        _("urban/rural"), max_length=1, choices=Location.choices, blank=True, default=""
    )
    sector = models.CharField(_("sector"), max_length=40, blank=True, default="")
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=6)
    lower_bound = models.DecimalField(
        _("lower bound"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    upper_bound = models.DecimalField(
        _("upper bound"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    nature = models.CharField(_("nature"), max_length=2, choices=Nature.choices, blank=True, default="")
    footnote = models.TextField(_("footnote"), blank=True)
    source = models.ForeignKey(
        Source, verbose_name=_("source"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        ordering = ["series", "area", "year", "sex", "age", "location", "sector"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "area", "year", "end_year", "sex", "age", "location", "sector"],
                name="data_observation_one_value_per_key",
            ),
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("year")), name="data_period_ordered"
            ),
        ]
        indexes = [
            models.Index(fields=["area", "series", "year"], name="data_obs_area_series_year"),
            models.Index(fields=["series", "year", "area"], name="data_obs_series_year_area"),
        ]

    def __str__(self) -> str:
        return f"{self.series.code} {self.area.code} {self.period}: {self.value}"

    @property
    def period(self) -> str:
        return str(self.year) if self.end_year == self.year else f"{self.year}–{self.end_year}"

    @property
    def is_total(self) -> bool:
        return not (self.sex or self.age or self.location or self.sector)


class ImportFormat(models.TextChoices):
    SDG = "sdg", _("UN SDG Global Database (CSV)")
    SDMX = "sdmx", _("SDMX-CSV")
    TEMPLATE = "template", _("Platform template (CSV or XLSX)")


class ImportBatch(models.Model):
    """One import of observations: who sent which file, in which format, and what it changed."""

    created_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("imported by"), null=True, on_delete=models.SET_NULL
    )
    file_name = models.CharField(_("file name"), max_length=255)
    format = models.CharField(_("format"), max_length=8, choices=ImportFormat.choices)
    via_api = models.BooleanField(_("through the API"), default=False)
    rows = models.PositiveIntegerField(_("rows read"), default=0)
    created = models.PositiveIntegerField(_("observations created"), default=0)
    updated = models.PositiveIntegerField(_("observations changed"), default=0)
    unchanged = models.PositiveIntegerField(_("observations unchanged"), default=0)
    series = models.ManyToManyField(Series, verbose_name=_("series"), related_name="imports", blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%Y-%m-%d %H:%M})"

    def get_absolute_url(self) -> str:
        return reverse("data:import-detail", kwargs={"pk": self.pk})


class ObservationChange(models.Model):
    """What an import changed in an observation that already existed: the values before and after."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="changes")
    observation = models.ForeignKey(Observation, null=True, on_delete=models.SET_NULL, related_name="changes")
    series_code = models.CharField(_("series"), max_length=40)
    area_code = models.CharField(_("area"), max_length=24)
    key = models.CharField(_("period and dimensions"), max_length=120)
    before = models.JSONField(_("before"))
    after = models.JSONField(_("after"))

    class Meta:
        verbose_name = _("change by an import")
        verbose_name_plural = _("changes by imports")
        ordering = ["batch", "pk"]

    def __str__(self) -> str:
        return f"{self.series_code} {self.area_code} {self.key}"


class GoodsListing(DemoFlagged):
    """A good listed by the US Department of Labor as produced with child or forced labour in a country."""

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="goods")
    good = models.CharField(_("good"), max_length=120)
    child_labour = models.BooleanField(_("child labour"), default=False)
    forced_labour = models.BooleanField(_("forced labour"), default=False)
    edition = models.PositiveSmallIntegerField(_("edition"))
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("listed good")
        verbose_name_plural = _("listed goods")
        ordering = ["area", "good"]
        constraints = [
            models.UniqueConstraint(fields=["area", "good", "edition"], name="data_goods_once_per_edition")
        ]

    def __str__(self) -> str:
        return f"{self.good} ({self.area.code}, {self.edition})"


# --- case-level data and disclosure control ----------------------------------------------------------------


class CaseDataset(DemoFlagged, Timestamped):
    """Case-level records of a partner (e.g. assisted victims): restricted storage, never shown row by row."""

    title = models.CharField(_("title"), max_length=255)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    description = models.TextField(_("description"), blank=True)
    columns = models.JSONField(_("columns"), default=list)
    licence = models.CharField(
        _("licence"), max_length=24, choices=Licence.choices, default=Licence.RESTRICTED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_illustrative = models.BooleanField(_("illustrative"), default=False)

    class Meta:
        verbose_name = _("case-level data set")
        verbose_name_plural = _("case-level data sets")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("data:case-detail", kwargs={"pk": self.pk})

    @property
    def provenance(self) -> Cited:
        """Case-level data comes from the partner that uploaded it; the demo's are illustrative."""
        return Cited(source=self.organisation.name, illustrative=self.is_illustrative)

    @cached_property
    def record_count(self) -> int:
        return self.records.count()


class CaseRecord(models.Model):
    """One case of a restricted data set: categorical values only (direct identifiers are refused on upload)."""

    dataset = models.ForeignKey(CaseDataset, on_delete=models.CASCADE, related_name="records")
    values = models.JSONField(_("values"))

    class Meta:
        verbose_name = _("case record")
        verbose_name_plural = _("case records")

    def __str__(self) -> str:
        return f"{self.dataset_id}/{self.pk}"


class PublishedTable(DemoFlagged, Timestamped):
    """A two-way table of counts from a case-level data set, published after disclosure control."""

    dataset = models.ForeignKey(CaseDataset, on_delete=models.PROTECT, related_name="tables")
    title = models.CharField(_("title"), max_length=255)
    row_variable = models.CharField(_("rows"), max_length=80)
    column_variable = models.CharField(_("columns"), max_length=80)
    threshold = models.PositiveSmallIntegerField(_("threshold"))
    cells = models.JSONField(_("cells"))
    rule = models.TextField(_("rule applied"))
    primary_suppressed = models.PositiveIntegerField(_("cells suppressed below the threshold"))
    secondary_suppressed = models.PositiveIntegerField(_("cells suppressed to protect them"))
    access = models.CharField(_("access"), max_length=8, choices=Access.choices, default=Access.PUBLIC)
    access_body = models.ForeignKey(Body, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("published table")
        verbose_name_plural = _("published tables")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(access="body") | models.Q(access_body__isnull=False),
                name="data_table_body_access_names_a_body",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("data:table-detail", kwargs={"pk": self.pk})


class PublicationLog(DemoFlagged):
    """Who published which aggregate table, when, and under which rule; kept even if the table is withdrawn."""

    at = models.DateTimeField(_("when"), auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    table = models.ForeignKey(
        PublishedTable, null=True, on_delete=models.SET_NULL, related_name="log_entries"
    )
    dataset = models.ForeignKey(CaseDataset, null=True, on_delete=models.SET_NULL, related_name="+")
    table_title = models.CharField(_("table"), max_length=255)
    action = models.CharField(_("action"), max_length=16, default="published")
    rule = models.TextField(_("rule"))
    threshold = models.PositiveSmallIntegerField(_("threshold"))

    class Meta:
        verbose_name = _("publication log entry")
        verbose_name_plural = _("publication log")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d} {self.table_title}"
