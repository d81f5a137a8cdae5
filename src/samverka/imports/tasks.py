"""Background work of imports (django-tasks: the database queue by default, run by `samverka db_worker`)."""

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django_tasks import task

from samverka.imports.models import ImportJob, ImportState

UNEXPECTED = gettext_noop(
    "The work stopped unexpectedly and nothing was imported. Try again, or ask the administrator."
)


@task()
def run_import_task(job_id: int, apply: bool) -> int:
    """Check or import a queued job; returns the number of rows read.

    Jobs that an earlier worker took up and left (it was killed or restarted) are marked stopped
    first, so a restarted worker puts the list of imports right with its first task."""
    from samverka.imports.domain import execute, fail_job, stop_abandoned_imports  # noqa: PLC0415 - circular import

    stop_abandoned_imports()
    job = ImportJob.objects.select_related("institution", "created_by", "imported_by").get(pk=job_id)
    expected = ImportState.IMPORTING if apply else ImportState.CHECKING
    if job.state != expected:  # queued twice, or the job moved on meanwhile
        return 0
    try:
        return execute(job, apply=apply).rows
    except Exception:
        # Its transaction rolled back, so nothing was imported: say so rather than leave it "running".
        with translation.override(job.language):
            fail_job(job, _(UNEXPECTED))
        raise
