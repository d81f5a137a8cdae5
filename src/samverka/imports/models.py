"""An import of one spreadsheet: its file, its columns' fields, and what the check and the import found."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samverka.core.display import format_moment
from samverka.core.models import InstitutionOwned
from samverka.imports.encoding import GUESSED, label
from samverka.imports.steps import NOTE_KINDS
from samverka.lib.urls import reverse_id


class ImportState(models.TextChoices):
    MAPPING = "mapping", _("columns to be chosen")
    CHECKING = "checking", _("being checked")
    CHECKED = "checked", _("checked")
    IMPORTING = "importing", _("being imported")
    DONE = "done", _("imported")
    FAILED = "failed", _("refused")
    STOPPED = "stopped", _("stopped")


RUNNING = (ImportState.CHECKING, ImportState.IMPORTING)


class ImportKind(models.TextChoices):
    """What a file holds; each has its target in ``imports.targets``."""

    ORGANISATIONS = "organisations", _("organisations")
    PEOPLE = "people", _("people")
    ACTIVITIES = "activities", _("activities")
    EXPERT_PROFILES = "expertprofiles", _("expertise profiles")
    PARTNERSHIPS = "partnerships", _("partnerships")
    UNITS = "units", _("units")
    COORDINATORS = "coordinators", _("coordinators")


class ImportJob(InstitutionOwned):
    """One spreadsheet on its way in: upload → column mapping → check (a dry run) → import.

    The check and the import run the very same code (``imports.domain.run_import``) in one
    transaction; the check always rolls back, and the import rolls back as soon as one row has
    an error, so an import with errors changes nothing and the check shows exactly what the
    import will do. The uploaded file is deleted once the rows are in.

    While a check or an import runs, the process doing it holds the job's lock
    (``imports.lease``); a running job whose lock nobody holds has lost its worker and is
    marked stopped (``imports.domain.stop_abandoned_imports``), to be run again or deleted.
    """

    kind = models.CharField(_("kind of record"), max_length=30, choices=ImportKind.choices)
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/", blank=True)
    original_name = models.CharField(_("file name"), max_length=255)
    file_format = models.CharField(_("format"), max_length=10, blank=True)
    encoding = models.CharField(_("character encoding"), max_length=20, blank=True)
    delimiter = models.CharField(_("separator"), max_length=2, blank=True)
    unreadable_lines = models.JSONField(
        _("lines that could not be read"),
        default=list,
        blank=True,
        help_text=_("The first lines of a CSV file holding characters that could not be read."),
    )
    unreadable_count = models.PositiveIntegerField(_("lines that could not be read, in all"), default=0)
    headers = models.JSONField(_("columns"), default=list)
    sample = models.JSONField(_("first rows"), default=list)
    mapping = models.JSONField(_("column mapping"), default=list, help_text=_("A field name per column."))
    state = models.CharField(
        _("state"), max_length=20, choices=ImportState.choices, default=ImportState.MAPPING
    )
    language = models.CharField(_("language"), max_length=10, default="sv")
    rows = models.PositiveIntegerField(_("rows"), default=0)
    created = models.PositiveIntegerField(_("new records"), default=0)
    updated = models.PositiveIntegerField(_("updated records"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged records"), default=0)
    error_count = models.PositiveIntegerField(_("errors"), default=0)
    errors = models.JSONField(_("error report"), default=list, blank=True)
    warnings = models.JSONField(_("likely duplicates"), default=list, blank=True)
    notes = models.JSONField(
        _("records beside"),
        default=list,
        blank=True,
        help_text=_("What rows do beside their own record (a new partner organisation, a row left out)."),
    )
    related = models.JSONField(_("records beside, in all"), default=dict, blank=True)
    message = models.TextField(_("message"), blank=True)
    started_at = models.DateTimeField(
        _("started"), null=True, blank=True, help_text=_("When a worker took up the running step.")
    )
    worker = models.CharField(
        _("worker"), max_length=100, blank=True, help_text=_("The host and process that took it up.")
    )
    checked_at = models.DateTimeField(
        _("checked"), null=True, blank=True, help_text=_("When the check of the columns chosen now ended.")
    )
    finished_at = models.DateTimeField(_("imported"), null=True, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("imported by"),
    )

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["institution", "-created_at", "-id"], name="importjob_newest")]

    def __str__(self) -> str:
        return (
            f"{self.original_name} ({format_moment(self.created_at)})"
            if self.created_at
            else self.original_name
        )

    def get_absolute_url(self) -> str:
        return reverse_id("imports:importjob-detail", self.pk)

    @property
    def target(self):
        from samverka.imports.targets import TARGETS  # noqa: PLC0415 - circular import: targets imports this

        return TARGETS[self.kind]

    @property
    def related_counts(self) -> list[tuple[str, int]]:
        """(what, how many) of the records rows make beside their own, as the report lists them."""
        return [
            (str(label), self.related[kind]) for kind, label in NOTE_KINDS.items() if self.related.get(kind)
        ]

    @property
    def encoding_label(self) -> str:
        return label(self.encoding) if self.encoding else ""

    @property
    def encoding_guessed(self) -> bool:
        """No byte-order mark and not UTF-8: the encoding was worked out from the file's contents."""
        return self.encoding in GUESSED

    @property
    def is_running(self) -> bool:
        return self.state in RUNNING

    # The states as pages ask for them (never the stored codes in a template).
    @property
    def is_checked(self) -> bool:
        return self.state == ImportState.CHECKED

    @property
    def is_importing(self) -> bool:
        return self.state == ImportState.IMPORTING

    @property
    def is_done(self) -> bool:
        return self.state == ImportState.DONE

    @property
    def is_failed(self) -> bool:
        return self.state == ImportState.FAILED

    @property
    def is_stopped(self) -> bool:
        return self.state == ImportState.STOPPED

    @property
    def is_ready_to_import(self) -> bool:
        """Checked (or stopped while importing) with the columns chosen now and no errors: the rows
        may be imported (by those who may run the job, ``imports.domain.may_run``)."""
        return self.state in (ImportState.CHECKED, ImportState.STOPPED) and self.has_clean_check

    @property
    def has_clean_check(self) -> bool:
        """The columns chosen now were checked without errors, so the rows may be imported."""
        return self.checked_at is not None and not self.error_count
