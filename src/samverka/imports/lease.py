"""Who is working on a running import: a lock the worker holds while it works, gone when it is gone.

A job's check or import runs for minutes in one database transaction, which
on SQLite holds the database's only write lock, so the worker cannot write a
heartbeat into the database while it works, and the cache may be emptied or
not shared. Instead the process doing the work holds an exclusive
``flock`` on ``<MEDIA_ROOT>/imports/running/<job id>.lock`` for as long as
it works. The operating system lets that lock go when the process ends,
however it ends (finished, ``SIGKILL``, out of memory), so "is the lock
held?" answers "is anyone still working on this job?" at once, without a
clock or a lease to renew. The worker and the web servers already share
``MEDIA_ROOT`` (the worker reads the uploaded file from it); on a network
file system, Linux turns ``flock`` into a lock the server keeps for all
clients.

The lock file is kept apart from the upload, so the reader opening and
closing the upload never touches the lock.
"""

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings


class LeaseTaken(RuntimeError):
    """Another process is working on the job already."""


def lock_path(job_pk: int) -> Path:
    return Path(settings.MEDIA_ROOT) / "imports" / "running" / f"{job_pk}.lock"


@contextmanager
def held(job_pk: int) -> Iterator[None]:
    """Hold the job's lock while the block runs; ``LeaseTaken`` if another process holds it."""
    path = lock_path(job_pk)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "ab") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise LeaseTaken(job_pk) from None
        try:
            yield
        finally:
            # Removed while still locked: whoever opened it before sees it free only after the
            # job's end is committed (``is_held`` callers then find the job no longer running).
            path.unlink(missing_ok=True)


def is_held(job_pk: int) -> bool:
    """Is a process working on the job now? False when no lock file exists or nobody holds it."""
    try:
        handle = open(lock_path(job_pk), "rb")  # noqa: SIM115 - closed below, after the lock test
    except FileNotFoundError:
        return False
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False
