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


def _follower(kind, field: str):
    """A receiver of a related record's save or deletion that indexes the kind's record it names."""

    def changed(sender, instance, raw=False, **kwargs):
        pk = getattr(instance, field, None)
        if raw or pk is None:
            return
        if not defer(("search", kind.model), pk, lambda pks: reindex(kind.model, pks)):
            reindex(kind.model, [pk])

    return changed


def connect() -> None:
    for kind in searchable_kinds():
        post_save.connect(_saved, sender=kind.model, dispatch_uid=f"search-save-{kind.label}")
        post_delete.connect(_deleted, sender=kind.model, dispatch_uid=f"search-delete-{kind.label}")
        for label, field in kind.followed_by:
            receiver = _follower(kind, field)
            uid = f"search-follow-{kind.label}-{label}"
            post_save.connect(receiver, sender=label, dispatch_uid=f"{uid}-save", weak=False)
            post_delete.connect(receiver, sender=label, dispatch_uid=f"{uid}-delete", weak=False)


def index_after_first_migration(sender, plan=None, **kwargs):
    """When ``migrate`` has just made the index (an installation that had records before search
    came), index those records; any other ``migrate`` or ``flush`` costs nothing."""
    made_now = any(m.app_label == "search" and m.initial and not backwards for m, backwards in plan or ())
    if made_now and any(kind.model.objects.exists() for kind in searchable_kinds()):
        rebuild()
