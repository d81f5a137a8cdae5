"""Background work of imports (django-tasks: the database queue by default, run by `samverka db_worker`)."""

from django_tasks import task


@task()
def run_import_task(job_id: int, apply: bool) -> int:
    """Check or import a queued job; returns the number of rows read."""
    from samverka.imports.domain import execute
    from samverka.imports.models import ImportJob, ImportState

    job = ImportJob.objects.select_related("institution", "created_by", "imported_by").get(pk=job_id)
    expected = ImportState.IMPORTING if apply else ImportState.CHECKING
    if job.state != expected:  # queued twice, or the job moved on meanwhile
        return 0
    return execute(job, apply=apply).rows
