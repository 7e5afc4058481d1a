"""What every domain model shares; nothing here knows about a domain."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .provenance import Cited


class DemoFlagged(models.Model):
    """A record that `make demo` may have created; a real deployment removes them with one command."""

    is_demo = models.BooleanField(
        _("demo data"),
        default=False,
        db_index=True,
        help_text=_("Created by the demo loader; removed by `alliance87 remove_demo_data`."),
    )

    class Meta:
        abstract = True


class Provenance(models.Model):
    """Where the record's facts come from (see `core.provenance`): a cited source, or flagged illustrative."""

    source = models.CharField(
        _("source"),
        max_length=500,
        blank=True,
        help_text=_("Title and publisher of the document or page that states this."),
    )
    source_url = models.URLField(_("source address"), max_length=500, blank=True)
    source_read_on = models.DateField(
        _("source read on"), null=True, blank=True, help_text=_("When the source's address was read.")
    )
    as_of = models.DateField(
        _("as of"), null=True, blank=True, help_text=_("The date at which the source says this was true.")
    )
    is_illustrative = models.BooleanField(
        _("illustrative"),
        default=False,
        help_text=_("Not confirmed by a published source; shown as an illustration only."),
    )

    class Meta:
        abstract = True

    def clean_provenance(self) -> None:
        """Check the provenance fields alone (lengths, the address), naming the field, for services that do not
        run `full_clean`."""
        names = {"source", "source_url", "source_read_on", "as_of", "is_illustrative"}
        self.clean_fields(exclude=[field.name for field in self._meta.fields if field.name not in names])

    @property
    def provenance(self) -> Cited:
        return Cited(
            source=self.source,
            url=self.source_url,
            read_on=self.source_read_on,
            as_of=self.as_of,
            illustrative=self.is_illustrative,
        )


class Timestamped(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class EmailStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class OutgoingEmail(models.Model):
    """One e-mail on its way: retried on temporary errors, never sent twice, and a failure is on record.

    Its Message-ID is fixed when it is queued, so every attempt is the same message.
    """

    message_id = models.CharField(_("Message-ID"), max_length=255, unique=True, editable=False)
    subject = models.CharField(_("subject"), max_length=998)
    body = models.TextField(_("body"))
    to = models.JSONField(_("to"), default=list)
    reply_to = models.JSONField(_("reply to"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=EmailStatus.choices, default=EmailStatus.QUEUED, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.subject} → {', '.join(self.to)} ({self.status})"


class ScheduledRun(models.Model):
    """One run of a scheduled job: the unique pair (job, slot) lets only one scheduler queue each run."""

    job = models.CharField(_("job"), max_length=100)
    slot = models.DateTimeField(_("scheduled for"))
    queued_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    task_id = models.CharField(_("task"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("scheduled run")
        verbose_name_plural = _("scheduled runs")
        ordering = ["-slot", "job"]
        constraints = [models.UniqueConstraint(fields=["job", "slot"], name="one_run_per_job_and_slot")]

    def __str__(self) -> str:
        return f"{self.job} @ {self.slot:%Y-%m-%d %H:%M}"


class DataVersion(models.Model):
    """One row: a number raised after every change to the platform's data (see `core.pagecache`).

    Cached public pages are stored under the number current when they were rendered, so a change made by anyone
    shows on the next request, whatever server serves it.
    """

    value = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("data version")
        verbose_name_plural = _("data version")

    def __str__(self) -> str:
        return str(self.value)


class ImportState(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    CHECKING = "checking", _("Checking the file")
    WRITING = "writing", _("Saving")
    DONE = "done", _("Done")
    FAILED = "failed", _("Not imported")


class ImportJob(models.Model):
    """One import of a file, run in the background (see `core.imports`): checked whole, then written at once.

    The uploaded file is kept in the default (private) storage until the job ends; the errors are data (row,
    field, message), and the result names what was saved, with links.
    """

    kind = models.CharField(_("kind"), max_length=60)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_jobs", verbose_name=_("by")
    )
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/", max_length=300, blank=True)
    file_name = models.CharField(_("file name"), max_length=255)
    options = models.JSONField(_("options"), default=dict, blank=True)
    via_api = models.BooleanField(_("through the API"), default=False)
    state = models.CharField(
        _("state"), max_length=10, choices=ImportState.choices, default=ImportState.QUEUED, db_index=True
    )
    total = models.PositiveIntegerField(_("records in the file"), default=0)
    checked = models.PositiveIntegerField(_("records checked"), default=0)
    written = models.PositiveIntegerField(_("records saved"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    task_id = models.CharField(_("task"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("started"), auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(_("checking started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    write_seconds = models.FloatField(_("seconds in the write transaction"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind}: {self.file_name} ({self.state})"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("home:import_job", kwargs={"pk": self.pk})

    @property
    def is_finished(self) -> bool:
        return self.state in (ImportState.DONE, ImportState.FAILED)
