"""The index follows every save and deletion of a searchable record."""

from django.db.models.signals import post_delete, post_save

from samverka.core.deferral import defer
from samverka.search.domain import index, rebuild, reindex, unindex
from samverka.search.registry import searchable_kinds


def _saved(sender, instance, raw=False, **kwargs):
    if raw:  # loading a fixture or an archive: ``rebuild`` indexes it afterwards
        return

    model = type(instance)
    if not defer(("search", model), instance.pk, lambda pks: reindex(model, pks)):
        index(instance)


def _deleted(sender, instance, **kwargs):
    unindex(instance)


def connect() -> None:
    for kind in searchable_kinds():
        post_save.connect(_saved, sender=kind.model, dispatch_uid=f"search-save-{kind.label}")
        post_delete.connect(_deleted, sender=kind.model, dispatch_uid=f"search-delete-{kind.label}")


def index_after_first_migration(sender, plan=None, **kwargs):
    """When ``migrate`` has just made the index (an installation that had records before search
    came), index those records; any other ``migrate`` or ``flush`` costs nothing."""
    made_now = any(m.app_label == "search" and m.initial and not backwards for m, backwards in plan or ())
    if made_now and any(kind.model.objects.exists() for kind in searchable_kinds()):
        rebuild()
