"""The index follows every save and deletion of a searchable record."""

from django.db.models.signals import post_delete, post_save

from samverka.search.registry import SEARCHABLE


def _saved(sender, instance, raw=False, **kwargs):
    if raw:  # loading a fixture or an archive: ``rebuild`` indexes it afterwards
        return
    from samverka.search.domain import index

    index(instance)


def _deleted(sender, instance, **kwargs):
    from samverka.search.domain import unindex

    unindex(instance)


def connect() -> None:
    for kind in SEARCHABLE:
        post_save.connect(_saved, sender=kind.model, dispatch_uid=f"search-save-{kind.label}")
        post_delete.connect(_deleted, sender=kind.model, dispatch_uid=f"search-delete-{kind.label}")


def index_if_empty(sender, using="default", **kwargs):
    """After ``migrate``: an installation that had records before search came gets them indexed."""
    from samverka.search.domain import rebuild
    from samverka.search.models import SearchEntry

    if not SearchEntry.objects.using(using).exists() and any(k.model.objects.exists() for k in SEARCHABLE):
        rebuild()
