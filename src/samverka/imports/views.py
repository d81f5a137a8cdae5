"""Workspace pages of imports: upload, choose the columns, check, import, and the error report.

The views are thin: each asks the policy, calls one domain function
(``imports.domain``) and shows the job, whose page says what happens next.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, FormView, View

from samverka.core.display import Column
from samverka.core.export import FORMATS, ExportColumn, spreadsheet_response
from samverka.core.permissions import Policy
from samverka.core.views import RecordDeleteView, RecordListView, WorkspaceMixin, record_url
from samverka.imports import domain
from samverka.imports.filters import ImportJobFilter
from samverka.imports.forms import MappingForm, UploadForm
from samverka.imports.models import ImportJob, ImportState
from samverka.imports.reading import SpreadsheetRefused
from samverka.imports.targets import TARGETS


class ImportJobListView(RecordListView):
    model = ImportJob
    filterset_class = ImportJobFilter
    rows_kept = False  # the worker moves a job on with update(), which tells no cache
    title = gettext_lazy("Imports")
    columns = (
        Column("original_name", gettext_lazy("File"), "name", link=True),
        Column("kind", gettext_lazy("Kind of record")),
        Column("state", gettext_lazy("State")),
        Column("rows", gettext_lazy("Rows")),
        Column("created", gettext_lazy("New records")),
        Column("updated", gettext_lazy("Updated records")),
        Column("error_count", gettext_lazy("Errors")),
        Column("created_at", gettext_lazy("Uploaded"), "created"),
        Column("created_by", gettext_lazy("By")),
    )
    export_fields = (
        "id",
        "original_name",
        "kind",
        "state",
        "rows",
        "created",
        "updated",
        "unchanged",
        "error_count",
        "created_at",
        "finished_at",
    )

    def get(self, request, *args, **kwargs):
        # Jobs whose worker was gone show as stopped, not as running for ever.
        domain.stop_abandoned_imports(ImportJob.objects.filter(institution=self.institution))
        return super().get(request, *args, **kwargs)

    def base_queryset(self):
        return super().base_queryset().select_related("created_by")


class ImportCreateView(WorkspaceMixin, FormView):
    """Upload a file: it is opened at once, so a file that is no spreadsheet is refused here."""

    required_action = "add"
    model = ImportJob
    form_class = UploadForm
    template_name = "imports/upload.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["kinds"] = domain.importable_kinds(self.policy)
        initial = self.request.GET.get("kind")
        if initial in kwargs["kinds"]:
            kwargs["initial"] = {"kind": initial}
        return kwargs

    def form_valid(self, form):
        try:
            job = domain.start_import(
                institution=self.institution,
                actor=self.request.user,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
                language=translation.get_language(),
            )
        except (SpreadsheetRefused, domain.ImportRefused) as exc:
            form.add_error("file", str(exc))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        return HttpResponseRedirect(job.get_absolute_url())

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Import from a spreadsheet")
        context["cancel_url"] = reverse("imports:importjob-list")
        context["targets"] = [
            (TARGETS[kind].label, [label for _name, label in TARGETS[kind].field_choices()])
            for kind in domain.importable_kinds(self.policy)
        ]
        return context


class ImportJobDetailView(WorkspaceMixin, DetailView):
    """The job's page: the step it is at (columns, progress, the check's findings, the result)."""

    model = ImportJob
    template_name = "imports/importjob_detail.html"

    def get_queryset(self):
        return self.scoped(ImportJob).select_related("created_by", "imported_by")

    def get_object(self, queryset=None):
        job = super().get_object(queryset)
        domain.stop_if_abandoned(job)  # its worker was gone: the page says so and offers a re-run
        return job

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        job = self.object
        context.update(
            may_run=domain.may_run(self.policy, job),
            may_import=job.is_ready_to_import,
            may_delete=self.policy.permits("delete", job) and not job.is_running,
            progress=domain.progress_of(job) if job.is_running else None,
            target=job.target,
            target_list_url=record_url(job.target.model, "list"),
            duplicates_url=record_url(job.target.model, "duplicates")
            if job.warnings and job.state == ImportState.DONE
            else None,
            error_formats=FORMATS,
        )
        if job.state in (ImportState.MAPPING, ImportState.CHECKED, ImportState.STOPPED):
            context["mapping_form"] = kwargs.get("mapping_form") or MappingForm(job=job)
        return context


class _MayRunJob:
    """A POST that moves a job on; only for those who may run it (``domain.may_run``)."""

    required_action = "change"
    # Of the view it is mixed into (``WorkspaceMixin``).
    get_permitted: Callable[..., Any]
    kwargs: dict[str, Any]
    policy: Policy

    def get_job(self) -> ImportJob:
        job = self.get_permitted(ImportJob, self.kwargs["pk"], "change")
        if not domain.may_run(self.policy, job):
            raise PermissionDenied
        return job


class ImportMapView(_MayRunJob, ImportJobDetailView):
    """Save the column mapping and start the check (the dry run); a mapping that does not work
    is shown again on the job's page, as chosen, with the reason (a GET shows the job's page)."""

    def get(self, request, pk):
        self.object = self.get_job()
        return self.render_to_response(self.get_context_data(object=self.object))

    def post(self, request, pk):
        job = self.get_job()
        form = MappingForm(request.POST, job=job)
        try:
            if not form.is_valid():
                raise domain.ImportRefused(_("Choose a field for each column, or leave it out."))
            domain.set_mapping(job, form.mapping())
            domain.queue_run(job, actor=request.user, apply=False)
        except domain.ImportRefused as exc:
            form.add_error(None, str(exc))
            self.object = job
            return self.render_to_response(self.get_context_data(object=job, mapping_form=form), status=400)
        return HttpResponseRedirect(job.get_absolute_url())


class ImportRunView(_MayRunJob, WorkspaceMixin, View):
    """Import the checked file (again, after its worker was gone)."""

    model = ImportJob

    def post(self, request, pk):
        job = self.get_job()
        try:
            domain.queue_run(job, actor=request.user, apply=True)
        except domain.ImportRefused as exc:
            messages.error(request, str(exc))
        return HttpResponseRedirect(job.get_absolute_url())


class ImportErrorsView(WorkspaceMixin, View):
    """The check's row-by-row report (row, column, value, why) as a spreadsheet."""

    model = ImportJob

    def get(self, request, pk):
        job = get_object_or_404(self.scoped(ImportJob), pk=pk)
        fmt = request.GET.get("format")
        if fmt not in FORMATS:
            fmt = "xlsx"
        columns = [
            ExportColumn("row", _("Row")),
            ExportColumn("column", _("Column")),
            ExportColumn("value", _("Value")),
            ExportColumn("message", _("Error")),
        ]
        rows = [ErrorRow(**error) for error in job.errors]
        return spreadsheet_response(fmt, rows, columns, _("Errors"))


@dataclass(frozen=True)
class ErrorRow:
    """One line of the error report, written by the spreadsheet export like a record."""

    row: int
    column: str
    value: str
    message: str


class ImportJobDeleteView(RecordDeleteView):
    model = ImportJob

    def get_object(self):
        job = super().get_object()
        domain.stop_if_abandoned(job)
        if job.is_running:
            raise PermissionDenied
        return job
