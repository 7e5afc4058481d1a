"""The knowledge library: items with librarians' metadata, their files, vocabularies, collections and use counts.

Search indexing, citation formats and OAI-PMH live in their own modules (search/, citations/, oai.py); the
models only hold the catalogue.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from alliance87.bodies.models import Body
from alliance87.core.models import DemoFlagged, Provenance, Timestamped
from alliance87.countries.models import PathStep
from alliance87.partners.models import Organisation


class ItemKind(models.TextChoices):
    REPORT = "report", _("Report / publication")
    RESEARCH_PAPER = "research_paper", _("Research paper")
    POLICY_BRIEF = "policy_brief", _("Policy brief or guide")
    EVIDENCE_SUMMARY = "evidence_summary", _("Evidence summary")
    LEGAL_INSTRUMENT = "legal_instrument", _("Legal instrument")
    DATASET = "dataset", _("Data set")
    TOOLKIT = "toolkit", _("Toolkit")
    WORKSHOP_REPORT = "workshop_report", _("Workshop report")
    NEWS = "news", _("News article")
    MEDIA = "media", _("Video / podcast")


class Access(models.TextChoices):
    PUBLIC = "public", _("Public")
    PARTNERS = "partners", _("Partners only")
    BODY = "body", _("Members of one body only")


class Scheme(models.TextChoices):
    """The controlled vocabularies items are classified with."""

    EXPLOITATION = "exploitation", _("Form of exploitation")
    THEME = "theme", _("Theme")
    EVIDENCE = "evidence", _("Evidence type")
    REGION = "region", _("Region")


class Concept(models.Model):
    """A term of a controlled vocabulary (e.g. forced labour, in the scheme "form of exploitation")."""

    scheme = models.CharField(_("vocabulary"), max_length=16, choices=Scheme.choices, db_index=True)
    code = models.SlugField(_("code"), max_length=60)
    label = models.CharField(_("label"), max_length=120)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("concept")
        verbose_name_plural = _("concepts")
        ordering = ["scheme", "position", "label"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "code"], name="unique_concept_code_per_scheme")
        ]

    def __str__(self) -> str:
        return self.label


class Item(DemoFlagged, Provenance, Timestamped):
    """A catalogued piece of knowledge: a report, paper, brief, legal instrument, data set, news article…"""

    kind = models.CharField(_("kind"), max_length=20, choices=ItemKind.choices, db_index=True)
    title = models.CharField(_("title"), max_length=500)
    subtitle = models.CharField(_("subtitle"), max_length=500, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    publication_date = models.DateField(_("date"), null=True, blank=True, db_index=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, db_index=True)
    place_of_publication = models.CharField(_("place of publication"), max_length=200, blank=True)
    language = models.CharField(
        _("language"),
        max_length=8,
        default="en",
        db_index=True,
        help_text=_("ISO 639-1 code, e.g. en, fr, es."),
    )
    pages = models.CharField(_("pages"), max_length=60, blank=True, help_text=_("e.g. xi, 45"))
    isbn = models.CharField(_("ISBN"), max_length=20, blank=True, db_index=True)
    issn = models.CharField(_("ISSN"), max_length=9, blank=True)
    doi = models.CharField(_("DOI"), max_length=200, blank=True, db_index=True)
    url = models.URLField(_("web address"), blank=True, max_length=500)
    abstract = models.TextField(_("abstract"), blank=True)
    licence = models.CharField(_("licence / copyright"), max_length=300, blank=True)
    event_title = models.CharField(_("title of event"), max_length=300, blank=True)
    event_place = models.CharField(_("place of event"), max_length=200, blank=True)
    event_dates = models.CharField(_("date of event"), max_length=60, blank=True)
    corporate_authors = models.ManyToManyField(
        Organisation, verbose_name=_("corporate authors"), blank=True, related_name="authored_items"
    )
    publisher = models.ForeignKey(
        Organisation,
        verbose_name=_("publisher"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="published_items",
    )
    publisher_name = models.CharField(_("publisher (if not in the directory)"), max_length=255, blank=True)
    concepts = models.ManyToManyField(Concept, verbose_name=_("subjects"), blank=True, related_name="items")
    keywords = models.JSONField(_("free keywords"), default=list, blank=True)
    countries = models.JSONField(
        _("countries"), default=list, blank=True, help_text=_("ISO 3166-1 alpha-2 codes.")
    )
    bodies = models.ManyToManyField(
        Body, verbose_name=_("related bodies"), blank=True, related_name="library_items"
    )
    access = models.CharField(
        _("access"), max_length=10, choices=Access.choices, default=Access.PUBLIC, db_index=True
    )
    access_body = models.ForeignKey(
        Body,
        verbose_name=_("visible to members of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="restricted_items",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    path_steps = models.ManyToManyField(
        PathStep, verbose_name=_("Pathfinder steps"), blank=True, related_name="documents"
    )

    class Meta:
        verbose_name = _("library item")
        verbose_name_plural = _("library items")
        ordering = ["-publication_date", "title"]
        indexes = [
            models.Index(fields=["access", "kind", "year"]),
            models.Index(fields=["updated_at"]),
            # "Recently added" on the library's home page; the list itself orders by publication date.
            models.Index(fields=["-created_at", "-id"], name="library_item_added_idx"),
            models.Index(fields=["-publication_date", "-id"], name="library_item_published_idx"),
            # The same orders within an access level: what a visitor sees is all public, and without these the
            # database read every public row through the access index and sorted them (~1 s at 20,000 items).
            models.Index(fields=["access", "-created_at", "-id"], name="library_item_access_added_idx"),
            models.Index(fields=["access", "-publication_date", "-id"], name="library_item_access_pub_idx"),
            # A body's own items, newest first (its page): the access index alone walked the whole library.
            models.Index(
                fields=["access_body", "access", "-publication_date", "-id"],
                name="library_item_body_pub_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(access="body") | Q(access_body__isnull=False),
                name="body_access_names_a_body",
                violation_error_message=_("Choose the body whose members may see the item."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("library:item", kwargs={"slug": self.slug})

    @property
    def full_title(self) -> str:
        return f"{self.title}: {self.subtitle}" if self.subtitle else self.title


class ItemCountry(models.Model):
    """One row per country of an item, so the country facet and filter use an index (mirrors Item.countries)."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="country_rows")
    country = models.CharField(max_length=2, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "country"], name="unique_item_country")]
        # A country's newest items without sorting all of them (related items).
        indexes = [models.Index(fields=["country", "-item"], name="library_country_item_idx")]

    def __str__(self) -> str:
        return self.country


class Author(models.Model):
    """A personal author of an item, in the order given on the title page."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="authors")
    position = models.PositiveSmallIntegerField(default=0)
    family_name = models.CharField(_("family name"), max_length=200)
    given_names = models.CharField(_("given names"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["item", "position"]

    def __str__(self) -> str:
        return f"{self.family_name}, {self.given_names}" if self.given_names else self.family_name


class ExtractionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for text extraction")
    DONE = "done", _("Text extracted")
    EMPTY = "empty", _("No text found (scanned image?)")
    FAILED = "failed", _("Could not be read")


class ItemFile(DemoFlagged, Timestamped):
    """A file attached to an item (through Django's storage API: local disk or S3-compatible object storage)."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to="library/%Y/%m/", max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(max_length=64, db_index=True)
    description = models.CharField(_("description"), max_length=255, blank=True)
    extraction_status = models.CharField(
        _("text extraction"),
        max_length=10,
        choices=ExtractionStatus.choices,
        default=ExtractionStatus.PENDING,
        db_index=True,
    )
    extraction_message = models.CharField(_("extraction message"), max_length=500, blank=True)
    extracted_text = models.TextField(_("extracted text"), blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("file")
        verbose_name_plural = _("files")
        ordering = ["item", "pk"]

    def __str__(self) -> str:
        return self.original_name


class ItemRevision(models.Model):
    """A snapshot of an item's metadata after each edit: the edit history."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="revisions")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    snapshot = models.JSONField(default=dict)
    changed_fields = models.JSONField(default=list)

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.item} @ {self.changed_at:%Y-%m-%d %H:%M}"


class MonthlyUse(models.Model):
    """Views and downloads of an item in a month; no IP address or person is stored."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="monthly_use")
    month = models.DateField(help_text="The first day of the month.")
    views = models.PositiveIntegerField(default=0)
    downloads = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(fields=["item", "month"], name="one_use_row_per_item_and_month")
        ]
        indexes = [models.Index(fields=["month", "views"])]

    def __str__(self) -> str:
        return f"{self.item} {self.month:%Y-%m}: {self.views}/{self.downloads}"


class Collection(DemoFlagged, Timestamped):
    """A curated reading list kept by a body or by the Secretariat."""

    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    owner_body = models.ForeignKey(
        Body,
        verbose_name=_("kept by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="collections",
        help_text=_("Empty: kept by the Secretariat."),
    )
    items = models.ManyToManyField(Item, through="CollectionEntry", related_name="collections")  # type: ignore[var-annotated]

    class Meta:
        verbose_name = _("collection")
        verbose_name_plural = _("collections")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("library:collection", kwargs={"slug": self.slug})


class CollectionEntry(models.Model):
    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="entries")
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="collection_entries")
    position = models.PositiveIntegerField(default=0)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["collection", "position"]
        constraints = [
            models.UniqueConstraint(fields=["collection", "item"], name="item_once_per_collection")
        ]

    def __str__(self) -> str:
        return f"{self.collection}: {self.item}"


class IndexChange(models.Model):
    """The change log the search index is fed from: an item that changed (or was deleted) since the last update.

    A task consumes it; rebuilding from the database (`alliance87 rebuild_search_index`) needs no log at all.
    """

    item_id = models.BigIntegerField(db_index=True)
    changed_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"item {self.item_id} changed {self.changed_at:%Y-%m-%d %H:%M:%S}"


class GovernanceRole(models.TextChoices):
    TERMS_OF_REFERENCE = "terms_of_reference", _("Terms of Reference")
    ROTATION_RULES = "rotation_rules", _("Rules of rotation")
    RULES_OF_PROCEDURE = "rules_of_procedure", _("Rules of procedure")
    GUIDANCE = "guidance", _("Guidance")


class GovernanceDocument(DemoFlagged, Timestamped):
    """A library item that governs a body (its Terms of Reference, its rules of rotation…), shown on its page.

    The relation lives in the library, the upper tier: bodies know nothing of library items.
    """

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="governance_documents")
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="governance_roles")
    role = models.CharField(_("role"), max_length=24, choices=GovernanceRole.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("governance document")
        verbose_name_plural = _("governance documents")
        ordering = ["body", "position", "role", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "item", "role"],
                name="one_governance_role_per_body_and_item",
                violation_error_message=_("This document already has this role for this body."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.item}"
