"""Signal handlers: cache invalidation on every change (``core.cache``), statistics after migrations.

What is kept for an institution (``core.cache``) is made from its records and from what its members
may see of them: a change of a record, of a member's role or reach (``Membership``), or of a
user's name makes it out of date.
"""

from collections.abc import Iterable
from typing import Any

from django.apps import AppConfig
from django.contrib.auth import get_user_model
from django.db import connections, models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from samverka.core.cache import invalidate_institution
from samverka.core.deferral import defer
from samverka.core.models import Institution, InstitutionOwned, Membership
from samverka.core.tenancy import forget_public_institution
from samverka.lib.dbstats import refresh_statistics


def institution_changed(institution_id: int) -> None:
    """An institution itself changed (or was loaded whole): its cached pages, and which one is public."""
    invalidate_institution(institution_id)
    forget_public_institution()


def _record_changed(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if isinstance(instance, Institution):
        institution_changed(instance.pk)
    elif (
        isinstance(instance, InstitutionOwned)
        and instance.institution_id
        and not defer("cache", instance.institution_id, _invalidate_all)
    ):
        _invalidate_all({instance.institution_id})
    elif isinstance(instance, Membership) and instance.institution_id:
        # the member's policy: which records, links and choices the kept pages show them
        _invalidate_all({instance.institution_id})


def _user_changed(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    """A user's name is shown in lists (members, imports, the audit trail); their log-in time is not."""
    if set(kwargs.get("update_fields") or ()) == {"last_login"}:
        return
    institutions = set(
        Membership.objects.filter(user_id=instance.pk).values_list("institution_id", flat=True)
    )
    if institutions:
        _invalidate_all(institutions)


def _invalidate_all(institution_ids: Iterable[int]) -> None:
    """Out of date now, for the changing request's own next read, and again when its transaction
    commits: a value another request made meanwhile (a list's count, a form's options) was made
    from the records before the change, and must not be kept under the new token."""
    ids = set(institution_ids)

    def invalidate() -> None:
        for institution_id in ids:
            invalidate_institution(institution_id)

    invalidate()
    transaction.on_commit(invalidate)


def _links_changed(sender: type[models.Model], instance: models.Model, action: str, **kwargs: Any) -> None:
    if action.startswith("post_"):
        _record_changed(sender, instance)


def connect() -> None:
    post_save.connect(_record_changed, dispatch_uid="samverka-invalidate-save")
    post_delete.connect(_record_changed, dispatch_uid="samverka-invalidate-delete")
    m2m_changed.connect(_links_changed, dispatch_uid="samverka-invalidate-m2m")
    post_save.connect(_user_changed, sender=get_user_model(), dispatch_uid="samverka-invalidate-user")


def analyse_after_migrate(
    sender: AppConfig, using: str = "default", plan: list[Any] | None = None, **kwargs: Any
) -> None:
    """Refresh the planner's statistics when migrations changed the schema (``lib.dbstats``)."""
    if plan:
        refresh_statistics(connections[using])
