"""The record kinds of Samverka, declared by the apps that own them.

``core`` knows no feature app. Each app describes its kinds of record in its
``records.py`` (loaded by ``CoreConfig.ready`` for every installed app), and
the central parts of the product read them from here: the main menu, the audit
trail's verbs and labels, the permission policy's kinds, search, the API,
imports and the create/update/delete hooks of ``core.domain.records``.
docs/adding-a-record-kind.md is the checklist for a new kind.
"""

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from django.apps import apps
from django.db.models import Model
from django.utils.module_loading import autodiscover_modules

# (record, *, creating, actor) -> None: raise a domain error (``StepRefused``, ``RecordLocked`` …) to refuse.
SaveHook = Callable[..., None]
# (record, *, actor) -> None
DeleteHook = Callable[..., None]


@dataclass(frozen=True)
class Hooks:
    """The rules a kind's records follow when they are created, changed or deleted through
    ``core.domain.records``, run inside its transaction: ``before_save`` may refuse or complete
    the record, ``after_save`` acts on what the saved record implies, ``before_delete`` may refuse."""

    before_save: SaveHook | None = None
    after_save: SaveHook | None = None
    before_delete: DeleteHook | None = None


@dataclass(frozen=True)
class RecordKind:
    """One kind of record: the model's label (``"governance.meeting"``) and what the central parts
    of the product need to know of it."""

    label: str
    hooks: Hooks = Hooks()
    # audit-trail words of the kind's own steps ("minutes_approved" → "minutes approved") and of
    # the keys its entries record beside its fields ("adjusters" → "adjusters")
    verbs: Mapping[str, Any] = field(default_factory=dict)
    change_labels: Mapping[str, Any] = field(default_factory=dict)

    @property
    def model(self) -> type[Model]:
        return apps.get_model(self.label)


_kinds: dict[str, RecordKind] = {}


class AlreadyRegistered(Exception):
    pass


def register(*kinds: RecordKind) -> None:
    """Declare ``kinds`` (an app's ``records.py`` calls this once for each of its kinds)."""
    for kind in kinds:
        if kind.label in _kinds:
            raise AlreadyRegistered(kind.label)
        _kinds[kind.label] = kind


def kinds() -> Iterator[RecordKind]:
    return iter(_kinds.values())


def registered() -> Mapping[str, RecordKind]:
    return MappingProxyType(_kinds)


EMPTY = RecordKind("")


def kind_of(model_or_record: type[Model] | Model) -> RecordKind:
    """The registered kind of a model or record; an empty kind (no hooks) if none is declared."""
    return _kinds.get(model_or_record._meta.label_lower, EMPTY)


def discover() -> None:
    """Load every installed app's ``records.py`` (``CoreConfig.ready``)."""
    autodiscover_modules("records")
