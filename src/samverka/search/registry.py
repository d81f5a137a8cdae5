"""What search finds: one row per kind of record, with the fields its words come from.

A kind's title words rank above its other words. Its ``internal_fields``
(internal notes) are indexed apart, and only those who may see them find
records by them. A kind joins by its ``search`` entry in its app's
``records.py`` (``core.registry.SearchEntry``); ``searchable_kinds()`` lists
them in the order of their positions.
"""

import functools
from dataclasses import dataclass

from django.apps import apps
from django.utils.translation import get_language

from samverka.core import registry
from samverka.core.display import StrOrPromise


@dataclass(frozen=True)
class Searchable:
    label: str  # the model, e.g. "activities.activity"
    heading: StrOrPromise  # the group's heading on the results page
    title: tuple[str, ...]
    body: tuple[str, ...] = ()
    related: tuple[str, ...] = ()  # loaded with the hits, for their names (a meeting's body)
    also: str = ""  # more body words from related records (``core.registry.SearchEntry``)
    followed_by: tuple[tuple[str, str], ...] = ()

    @property
    def model(self):
        return apps.get_model(self.label)

    @property
    def key(self) -> str:
        """The kind in a web address (``?kind=activity``)."""
        return self.label.rsplit(".", 1)[1]

    @property
    def internal(self) -> tuple[str, ...]:
        """The internal fields that hold words (not links to other records, e.g. an idea's activities)."""
        model = self.model
        return tuple(
            name
            for name in getattr(model, "internal_fields", ())
            if not model._meta.get_field(name).is_relation
        )

    def texts(self, obj, part: str) -> list[str]:
        """The texts of one part of a record; those in the page's language first."""
        names = {"title": self.title, "body": self.body, "internal": self.internal}[part]
        mine = f"_{get_language()}"
        ordered = sorted(names, key=lambda name: not name.endswith(mine))
        return [str(getattr(obj, name) or "") for name in ordered]


@functools.cache
def searchable_kinds() -> tuple[Searchable, ...]:
    """Every kind search finds, in the order of their entries' positions."""
    entries = sorted(
        ((kind.label, kind.search) for kind in registry.kinds() if kind.search is not None),
        key=lambda pair: pair[1].position,
    )
    return tuple(
        Searchable(
            label, entry.heading, entry.title, entry.body, entry.related, entry.also, entry.followed_by
        )
        for label, entry in entries
    )


def searchable(model) -> Searchable | None:
    return next((kind for kind in searchable_kinds() if kind.label == model._meta.label_lower), None)
