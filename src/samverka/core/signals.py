"""Signal handlers: cache invalidation on every change (``core.cache``), statistics after migrations."""

from django.db import connections
from django.db.models.signals import m2m_changed, post_delete, post_save

from samverka.core.cache import invalidate_institution
from samverka.core.models import Institution, InstitutionOwned
from samverka.core.tenancy import forget_public_institution


def _record_changed(sender, instance, **kwargs):
    if isinstance(instance, Institution):
        invalidate_institution(instance.pk)
        forget_public_institution()
    elif isinstance(instance, InstitutionOwned) and instance.institution_id:
        invalidate_institution(instance.institution_id)


def _links_changed(sender, instance, action, **kwargs):
    if action.startswith("post_"):
        _record_changed(sender, instance)


def connect() -> None:
    post_save.connect(_record_changed, dispatch_uid="samverka-invalidate-save")
    post_delete.connect(_record_changed, dispatch_uid="samverka-invalidate-delete")
    m2m_changed.connect(_links_changed, dispatch_uid="samverka-invalidate-m2m")


def analyse_after_migrate(sender, using="default", **kwargs):
    """Refresh the query planner's statistics after migrations.

    A new index has no statistics until the next ANALYZE, and SQLite then
    guesses (it chose a status index for a text search and read the table in
    scattered order: 3× slower at national size). PostgreSQL's autovacuum would
    catch up later; this makes both right at once.
    """
    with connections[using].cursor() as cursor:
        cursor.execute("ANALYZE")
