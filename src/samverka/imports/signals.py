"""A deleted import takes its uploaded file (personal data) with it, once the deletion is committed."""

from django.db import transaction
from django.db.models.signals import post_delete

from samverka.imports.models import ImportJob


def _job_deleted(sender, instance, **kwargs):
    if instance.file:
        storage, name = instance.file.storage, instance.file.name
        transaction.on_commit(lambda: storage.delete(name))


def connect() -> None:
    post_delete.connect(_job_deleted, sender=ImportJob, dispatch_uid="samverka-import-file-deleted")
