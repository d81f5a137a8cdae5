"""Importing a spreadsheet: start a job, map its columns, check it (a dry run), import it — all or nothing.

``run_import`` is the one routine behind the check and the import. It reads
every row, checks it with the record's workspace form and the policy, and
creates or updates the record through ``core.domain.records`` (so each new
or changed record has its audit entry), all in one transaction. A check
always rolls that transaction back; an import rolls it back when any row has
an error. So the check reports exactly what the import will do, and an
import with errors changes nothing.

Progress goes to the cache (``progress_of``), not the database, because the
import's own transaction holds the rows it has written until it ends.

The process doing a check or an import holds the job's lock (``imports.lease``)
and records its end only if the job is still the one it took up. A running job
whose lock nobody holds has lost its worker (killed, restarted, out of memory):
``stop_abandoned_imports`` marks it stopped, to be run again or deleted.
"""

import datetime
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.files import File
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from samverka.core.audit import record_event
from samverka.core.deferral import deferred_side_effects
from samverka.core.display import StrOrPromise
from samverka.core.domain.records import (
    NOT_PERMITTED,
    Actor,
    StaleRecordError,
    create_record,
    update_record,
)
from samverka.core.forms import changed_form, form_data_of
from samverka.core.models import Institution
from samverka.core.permissions import Policy
from samverka.core.tenancy import membership_in_force
from samverka.imports import lease
from samverka.imports.models import RUNNING, ImportJob, ImportState
from samverka.imports.reading import SpreadsheetRefused, open_table
from samverka.imports.rows import CellError, LikelyDuplicates, Matcher, RowReader
from samverka.imports.steps import RowSteps, SkipRow
from samverka.imports.targets import ID_FIELD, TARGETS
from samverka.imports.tasks import run_import_task

KEPT_ERRORS = 1000  # rows of the error report kept with the job (the count is always complete)
PROGRESS_EVERY = 250  # rows between progress reports
PROGRESS_KEY = "samverka:import-progress:{pk}"
STOPPED = gettext_noop(
    "The background worker was gone before it finished (it was stopped or restarted, or ran out of "
    "memory). Nothing was imported. Run it again, or delete the import."
)


class ImportRefused(ValueError):
    """The request cannot be carried out as it stands; the message says why."""


@dataclass
class Outcome:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    error_count: int = 0
    errors: list[Any] = field(default_factory=list)
    warnings: list[Any] = field(default_factory=list)
    # What rows do beside their own record (a new partner organisation, a row left out), row by
    # row, and how many of each in all: {"organisations": 3, "skipped": 1}.
    notes: list[Any] = field(default_factory=list)
    related: dict[str, int] = field(default_factory=dict)

    def add_error(self, row: int, column: str, value: str, message: StrOrPromise) -> None:
        self.error_count += 1
        if len(self.errors) < KEPT_ERRORS:
            self.errors.append({"row": row, "column": column, "value": value[:200], "message": message})

    def add_note(self, row: int, kind: str, message: StrOrPromise) -> None:
        self.related[kind] = self.related.get(kind, 0) + 1
        if len(self.notes) < KEPT_ERRORS:
            self.notes.append({"row": row, "kind": kind, "message": str(message)[:300]})


class _TakenAway(Exception):
    """The job was marked stopped while this process worked on it: what it did is not kept."""


class _RollBack(Exception):
    def __init__(self, outcome: Outcome):
        self.outcome = outcome


def policy_of(user: Actor, institution: Institution) -> Policy:
    """The policy of ``user`` in ``institution`` for work done outside a request (the worker, commands)."""
    return Policy(membership_in_force(user, institution))


def may_run(policy: Policy, job: ImportJob) -> bool:
    """May the user choose the columns of, check and import this job? Their own job (or any, for
    those who may change every import), of a kind of record they may add."""
    return policy.permits("change", job) and policy.allows("add", job.target.model)


def importable_kinds(policy: Policy) -> list[str]:
    """The kinds of record the user may import: those they may add, if they may import at all."""
    if not policy.allows("add", ImportJob):
        return []
    return [kind for kind, target in TARGETS.items() if policy.allows("add", target.model)]


def start_import(
    *, institution: Institution, actor: Actor, kind: str, upload: "File[Any]", language: str
) -> ImportJob:
    """A new job from an uploaded file: the file is opened (hostile files refused) and the
    columns are guessed from their names. ``upload``: a Django ``File`` or an uploaded file."""
    if kind not in TARGETS:
        raise ImportRefused(_("Records of this kind cannot be imported."))
    job = ImportJob(
        institution=institution,
        created_by=actor,
        kind=kind,
        original_name=os.path.basename(upload.name or "")[:255],
        language=language,
    )
    job.file.save(os.path.basename(upload.name or "import"), upload, save=False)
    try:
        table = open_table(job.file.path)
        sample = table.sample()
    except SpreadsheetRefused:
        job.file.delete(save=False)
        raise
    job.file_format, job.encoding, job.delimiter = table.format, table.encoding, table.delimiter
    job.unreadable_lines, job.unreadable_count = list(table.unreadable_lines), table.unreadable_count
    job.headers = table.headers
    job.sample = sample
    job.mapping = earlier_mapping(job) or job.target.guess_mapping(table.headers)
    with transaction.atomic():
        job.save()
        record_event(
            institution=institution,
            actor=actor,
            action="imports.importjob.created",
            obj=job,
            changes={
                "file": {"before": None, "after": job.original_name},
                "kind": {"before": None, "after": kind},
            },
        )
    return job


def earlier_mapping(job: ImportJob) -> list[str] | None:
    """The columns chosen for the institution's latest import of the same kind of file (the same
    column names): a list imported every term is mapped once."""
    fields = set(job.target.fields) | {""}
    earlier = (
        ImportJob.objects.filter(institution=job.institution, kind=job.kind, headers=job.headers)
        .exclude(state=ImportState.MAPPING)
        .order_by("-created_at", "-pk")
        .values_list("mapping", flat=True)
        .first()
    )
    if earlier and len(earlier) == len(job.headers) and set(earlier) <= fields:
        return list(earlier)
    return None


def set_mapping(job: ImportJob, mapping: list[str]) -> None:
    """Choose the field of each column ("" leaves it out); a field is filled by one column at most."""
    fields = set(job.target.fields)
    chosen = [name for name in mapping if name]
    if len(mapping) != len(job.headers) or any(name not in fields for name in chosen):
        raise ImportRefused(_("The column mapping does not fit the file; choose the columns again."))
    if len(chosen) != len(set(chosen)):
        raise ImportRefused(_("Each field can be filled from one column only."))
    if not chosen:
        raise ImportRefused(_("Choose the field of at least one column."))
    updated = ImportJob.objects.filter(
        pk=job.pk, state__in=[ImportState.MAPPING, ImportState.CHECKED, ImportState.STOPPED]
    ).update(mapping=mapping, state=ImportState.MAPPING, checked_at=None)
    if not updated:
        raise ImportRefused(_("The import is running or finished; its columns can no longer be changed."))
    job.mapping, job.state, job.checked_at = mapping, ImportState.MAPPING, None


def queue_run(job: ImportJob, *, actor: Actor, apply: bool) -> None:
    """Hand the check (or, after a clean check, the import) to the background runner, once.

    A stopped job (its worker was gone) is run again the same way: checked again, or imported
    again if the columns chosen now were checked without errors."""
    runnable = [ImportState.MAPPING, ImportState.CHECKED, ImportState.STOPPED]
    jobs = ImportJob.objects.filter(pk=job.pk, state__in=runnable)
    if apply:
        if job.error_count:
            raise ImportRefused(_("Correct the errors in the file and check it again before importing."))
        if job.checked_at is None:
            raise ImportRefused(_("Check the file before importing it."))
        jobs, state = jobs.filter(checked_at__isnull=False, error_count=0), ImportState.IMPORTING
        values = {"imported_by": actor}
    else:
        state, values = ImportState.CHECKING, {"imported_by": None, "checked_at": None}
    with transaction.atomic():
        moved = jobs.update(state=state, started_at=None, worker="", message="", **values)
        if not moved:
            raise ImportRefused(_("The import is already running or finished."))
        job.state, job.started_at, job.worker, job.message = state, None, "", ""
        for name, value in values.items():
            setattr(job, name, value)
        report_progress(job, 0, None)
        transaction.on_commit(lambda: run_import_task.enqueue(job.pk, apply))


def report_progress(job: ImportJob, done: int, total: int | None) -> None:
    cache.set(PROGRESS_KEY.format(pk=job.pk), {"done": done, "total": total}, timeout=24 * 3600)


def progress_of(job: ImportJob) -> dict[str, Any]:
    """{"done": rows so far, "total": rows in all or None, "percent": 0–100 or None}."""
    progress = cache.get(PROGRESS_KEY.format(pk=job.pk)) or {"done": 0, "total": None}
    total = progress.get("total")
    progress["percent"] = min(100, round(100 * progress["done"] / total)) if total else None
    return progress


def fail_job(job: ImportJob, message: str) -> None:
    """The running job ends refused, with the reason on its page; nothing of it was imported."""
    running = ImportJob.objects.filter(pk=job.pk, state__in=RUNNING)
    if running.update(state=ImportState.FAILED, message=message):
        job.state, job.message = ImportState.FAILED, message


def stop_abandoned_imports(jobs: QuerySet[ImportJob] | None = None) -> int:
    """Mark stopped the running jobs a worker took up and nobody works on any more; how many.

    The worker was killed, restarted or ran out of memory (``imports.lease``: nobody holds the
    job's lock). Its transaction died with it, so nothing was imported; a stopped job can be run
    again or deleted, and retention deletes its file like any unfinished job's. A job still
    waiting for a worker to take it up is left waiting. ``jobs``: the jobs to look at (all).
    """
    jobs = ImportJob.objects.all() if jobs is None else jobs
    stopped = 0
    for job in jobs.filter(state__in=RUNNING, started_at__isnull=False).select_related("institution"):
        if lease.is_held(job.pk):
            continue
        with transaction.atomic(), translation.override(job.language):
            # Only if it is still the run that was taken up: a worker ending now has committed first.
            if not ImportJob.objects.filter(pk=job.pk, state=job.state, started_at=job.started_at).update(
                state=ImportState.STOPPED, message=_(STOPPED)
            ):
                continue
            # The killed worker's lock file stays behind. No new run can have made one: a run
            # again needs this stop committed first.
            lease.lock_path(job.pk).unlink(missing_ok=True)
            record_event(
                institution=job.institution,
                actor=None,
                action="imports.importjob.stopped",
                obj=job,
                changes={"state": {"before": job.state, "after": ImportState.STOPPED}},
            )
        stopped += 1
    return stopped


def stop_if_abandoned(job: ImportJob) -> None:
    """``stop_abandoned_imports`` for one job, which then shows its state as it is now."""
    if job.is_running and stop_abandoned_imports(ImportJob.objects.filter(pk=job.pk)):
        job.refresh_from_db(fields=["state", "message"])


def execute(
    job: ImportJob, *, apply: bool, advance: Callable[[int, int | None], object] | None = None
) -> Outcome:
    """Run the check or the import of a queued job and record what it found (the background task).

    ``advance(done, total)`` hears of progress (the command line's progress bar). The process
    holds the job's lock while it works (``imports.lease``) and does nothing if another process
    holds it or the job has moved on (queued twice, stopped meanwhile).
    """
    actor = job.imported_by if apply else job.created_by
    try:
        with lease.held(job.pk), translation.override(job.language):
            if not _take_up(job, ImportState.IMPORTING if apply else ImportState.CHECKING):
                return Outcome()
            try:
                outcome = run_import(job, actor=actor, apply=apply, advance=advance)
            except SpreadsheetRefused as exc:
                fail_job(job, str(exc))
                return Outcome()
            if not apply or outcome.error_count:  # an import without errors recorded its end itself
                _finish(job, outcome, actor=actor, done=False)
    except (lease.LeaseTaken, _TakenAway):
        return Outcome()
    if job.state == ImportState.DONE and job.file:
        job.file.delete(save=False)  # the rows are in; the file (personal data) is not kept
        ImportJob.objects.filter(pk=job.pk).update(file="")
    return outcome


def _take_up(job: ImportJob, running: str) -> bool:
    """Mark the queued job as taken up by this process, if it still waits for it."""
    now, worker = timezone.now(), f"{socket.gethostname()} pid {os.getpid()}"[:100]
    if not ImportJob.objects.filter(pk=job.pk, state=running).update(started_at=now, worker=worker):
        return False
    job.state, job.started_at, job.worker = running, now, worker
    return True


def _finish(job: ImportJob, outcome: Outcome, *, actor: Actor, done: bool) -> None:
    """Record what the check or the import found, if the job is still the run this process took
    up (else ``_TakenAway``: inside an import's transaction, its rows then roll back too)."""
    now = timezone.now()
    values = {
        "rows": outcome.rows,
        "created": outcome.created,
        "updated": outcome.updated,
        "unchanged": outcome.unchanged,
        "error_count": outcome.error_count,
        "errors": outcome.errors,
        "warnings": outcome.warnings,
        "notes": outcome.notes,
        "related": outcome.related,
        "state": ImportState.DONE if done else ImportState.CHECKED,
        "checked_at": now,
        "finished_at": now if done else None,
        "message": "",
    }
    with transaction.atomic():
        running = ImportJob.objects.filter(pk=job.pk, state=job.state, started_at=job.started_at)
        if not running.update(**values):
            raise _TakenAway
        for name, value in values.items():
            setattr(job, name, value)
        if done:
            record_event(
                institution=job.institution,
                actor=actor,
                action="imports.importjob.imported",
                obj=job,
                changes={
                    name: {"before": None, "after": getattr(outcome, name)}
                    for name in ("rows", "created", "updated", "unchanged")
                },
            )


def run_import(
    job: ImportJob, *, actor: Actor, apply: bool, advance: Callable[[int, int | None], object] | None = None
) -> Outcome:
    """Every row of the job's file checked and saved in one transaction, which is kept only when
    ``apply`` and no row has an error, and then together with the job's "imported" (``_finish``):
    a worker killed at any moment leaves both or neither. Raises ``SpreadsheetRefused`` for a file
    refused midway."""
    table = open_table(job.file.path)
    total = job.rows or sum(1 for _row in table.rows())  # a checked job knows its rows already
    run = _Run(job, policy_of(actor, job.institution), actor)
    try:
        # The cache and the search index follow once, at the end (core.deferral), and only if kept.
        with transaction.atomic(), deferred_side_effects():
            for done, (number, cells) in enumerate(table.rows(), start=1):
                if done % PROGRESS_EVERY == 0:
                    report_progress(job, done, total)
                if advance is not None:
                    advance(done, total)
                run.row(number, cells)
            run.outcome.warnings = run.duplicates.warnings()
            if not apply or run.outcome.error_count:
                raise _RollBack(run.outcome)
            _finish(job, run.outcome, actor=actor, done=True)
    except _RollBack:
        pass
    report_progress(job, run.outcome.rows, total)
    return run.outcome


class _Run:
    """One pass over a job's rows: what each row needs to be read, matched, checked and saved."""

    def __init__(self, job: ImportJob, policy: Policy, actor: Actor) -> None:
        self.job, self.policy, self.actor = job, policy, actor
        self.institution = job.institution
        self.target = target = job.target
        model = target.model
        self.partnerships = {
            action: policy.partnership_choices(action, model) for action in ("add", "change")
        }
        fields = target.form(institution=self.institution, partnerships=self.partnerships["add"]).fields
        self.reader = RowReader(target, fields, job.mapping)
        self.duplicates = LikelyDuplicates(target, self.institution, limit=KEPT_ERRORS)
        self.matcher = Matcher(
            target, model.objects.in_institution(self.institution), self.duplicates.matcher
        )
        self.visible = policy.scope(model.objects.all(), "view")
        self.outcome = Outcome()
        self.saved_rows: dict[int, dict[str, Any]] = {}  # row number → its values, once saved
        self.steps: RowSteps | None = import_string(target.steps)(self) if target.steps else None
        self.saved: Any = None  # the record the last row saved or found unchanged

    def note(self, row: int, kind: str, message: StrOrPromise) -> None:
        """Tell in the report what ``row`` does beside its record; ``kind`` counts it."""
        self.outcome.add_note(row, kind, message)

    def save_beside(
        self, form_class: Any, data: dict[str, Any], *, instance: Any = None
    ) -> tuple[Any, list[CellError]]:
        """Save a record a row names beside its own (a partner organisation, a focus area) through
        its workspace form, if valid and permitted: (the record or None, the row's errors).
        ``instance``: the record to change, else a new one is made."""
        model = form_class._meta.model
        if instance is None:
            new = model(institution=self.institution, created_by=self.actor)
            form = form_class(data, instance=new, institution=self.institution)
        else:
            form = changed_form(form_class, instance, data, institution=self.institution)
        if not form.is_valid():
            label = model._meta.verbose_name
            return None, [
                _row_error(f"{label}: {form.fields[name].label if name in form.fields else ''} {message}")
                for name, messages in form.errors.items()
                for message in messages
            ]
        if not self.policy.permits("change" if instance is not None else "add", form.instance):
            return None, [_row_error(NOT_PERMITTED)]
        if instance is None:
            return create_record(form, institution=self.institution, actor=self.actor), []
        if form.has_changed():
            return update_record(form, actor=self.actor, expected_version=instance.version), []
        return instance, []

    def _column(self, index: int | None) -> str:
        headers = self.job.headers
        return headers[index] if index is not None and index < len(headers) else ""

    def row(self, number: int, cells: list[Any]) -> None:
        """Read, check and save one row, or report its errors against the columns they come from."""
        self.outcome.rows += 1
        values, columns, errors = self.reader.read(cells)
        for error in errors:
            self.outcome.add_error(number, self._column(error.column), error.value, error.message)
        if errors:
            return
        self.saved = None
        if self.steps is not None:
            try:
                errors = self.steps.before(number, values)
            except SkipRow as skip:
                self.note(number, "skipped", skip.message)
                return
        if not errors:
            errors = self._save(number, values)
        if not errors and self.steps is not None and self.saved is not None:
            errors = self.steps.after(number, self.saved, values)
        for error in errors:
            index = columns.get(error.field)
            if index is not None:
                label, value = self._column(index), error.value or str(cells[index] or "")
            else:
                label, value = (self.target.field_label(error.field) if error.field else ""), error.value
            self.outcome.add_error(number, label, value, error.message)

    def _save(self, number: int, values: dict[str, Any]) -> list[CellError]:
        """Check one row with the form and the policy and save it; the row's errors (none when saved)."""
        target, matcher, outcome = self.target, self.matcher, self.outcome
        keys = matcher.row_keys(values)
        pk = matcher.existing(keys, values)
        earlier = matcher.earlier_row(keys, pk, number)
        if earlier is not None:
            # A list may name one record in several rows (a region partnering two universities):
            # a row that says nothing other than the earlier one is that record again.
            first = self.saved_rows.get(earlier)
            differing = matcher.differing(first, values) if first is not None else None
            if differing == []:
                outcome.unchanged += 1
                return []
            if differing:
                message = _("Row {row} of the file is about the same record, with other values: {fields}.")
                fields = ", ".join(str(target.field_label(name)) for name in differing)
                return [_row_error(message.format(row=earlier, fields=fields))]
            return [_row_error(_("Row {row} of the file is about the same record.").format(row=earlier))]
        errors = self._save_new(number, values, pk)
        if not errors:
            self.saved_rows[number] = values
        return errors

    def _save_new(self, number: int, values: dict[str, Any], pk: int | None) -> list[CellError]:
        """Save a row about a record no earlier row named."""
        target, matcher, outcome = self.target, self.matcher, self.outcome
        data = {name: value for name, value in values.items() if name != ID_FIELD}
        if pk is not None:
            instance = self.visible.filter(pk=pk).first()
            if instance is None:
                message = _("There is no record #{number} to update.").format(number=pk)
                return [CellError(None, ID_FIELD, str(pk), message)]
            if not self.policy.permits("change", instance):
                message = _("You may not change {name} (#{number}).").format(name=instance, number=pk)
                return [_row_error(message)]
            data = {
                **form_data_of(instance, self.reader.fields),
                **data,
                "expected_version": instance.version,
            }
            partnerships = self.partnerships["change"]
        else:
            instance = target.model(institution=self.institution, created_by=self.actor)
            data = {**target.new_record_data(data), **data}
            partnerships = self.partnerships["add"]
        form = target.form(data, institution=self.institution, partnerships=partnerships, instance=instance)
        if not form.is_valid():
            return [
                CellError(None, "" if name == "__all__" else name, "", message)
                for name, messages in form.errors.items()
                for message in messages
            ]
        if not self.policy.permits("change" if pk is not None else "add", form.instance):
            return [_row_error(NOT_PERMITTED)]
        if pk is None:
            obj = create_record(form, institution=self.institution, actor=self.actor)
            matcher.remember(obj.pk, number)
            self.duplicates.check(obj, number)
            outcome.created += 1
        elif form.has_changed():
            try:
                obj = update_record(
                    form, actor=self.actor, expected_version=form.cleaned_data["expected_version"]
                )
            except StaleRecordError as exc:
                return [_row_error(str(exc.message))]
            outcome.updated += 1
        else:
            obj = instance
            outcome.unchanged += 1
        self.saved = obj
        return []


def _row_error(message: StrOrPromise) -> CellError:
    """An error of the row as a whole, not of one of its cells."""
    return CellError(None, "", "", message)


def clear_stale_imports(now: datetime.datetime | None = None) -> int:
    """Uploaded files and the rows shown from them (personal data) of imports that were left
    unfinished, or ended, more than ``SAMVERKA_IMPORT_KEEP_DAYS`` ago; the figures stay. Jobs
    whose worker was gone are marked stopped first, so their files go too."""
    stop_abandoned_imports()
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.SAMVERKA_IMPORT_KEEP_DAYS)
    stale = ImportJob.objects.filter(created_at__lt=cutoff).exclude(state__in=RUNNING)
    stale = stale.exclude(file="", sample=[], errors=[], warnings=[], notes=[])
    cleared = []
    for job in stale.only("pk", "file").iterator():
        if job.file:
            job.file.delete(save=False)
        cleared.append(job.pk)
    ImportJob.objects.filter(pk__in=cleared).update(file="", sample=[], errors=[], warnings=[], notes=[])
    return len(cleared)


def import_file(
    *,
    institution: Institution,
    actor: Actor,
    kind: str,
    path: str | os.PathLike[str],
    mapping: dict[str, str] | None = None,
    apply: bool,
    language: str = "sv",
    advance: Callable[[int, int | None], object] | None = None,
) -> ImportJob:
    """The command line's import: a job from a file on disk, imported if ``apply`` (and clean), else checked.

    ``mapping``: column name → field, over the guessed mapping.
    """
    with translation.override(language), open(path, "rb") as handle:
        job = start_import(
            institution=institution,
            actor=actor,
            kind=kind,
            upload=File(handle, name=os.path.basename(path)),
            language=language,
        )
    if mapping:
        chosen = list(job.mapping)
        for index, header in enumerate(job.headers):
            if header in mapping:
                chosen[index] = mapping[header]
        with translation.override(language):
            set_mapping(job, chosen)
    # One pass: the import itself rolls back on the first error, so it is its own check.
    state = ImportState.IMPORTING if apply else ImportState.CHECKING
    ImportJob.objects.filter(pk=job.pk).update(state=state, imported_by=actor if apply else None)
    job.state, job.imported_by = state, actor if apply else None
    execute(job, apply=apply, advance=advance)
    return job
