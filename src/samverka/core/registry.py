"""The record kinds of Samverka, declared by the apps that own them.

``core`` knows no feature app. Each app describes its kinds of record in its
``records.py`` (loaded by ``CoreConfig.ready`` for every installed app), and
the central parts of the product read them from here: the main menu, the audit
trail's verbs and labels, the permission policy's kinds, search, the API,
imports and the create/update/delete hooks of ``core.domain.records``.
docs/adding-a-record-kind.md is the checklist for a new kind.

Everything here is plain data or a dotted path (``"samverka.news.forms.NewsItemForm"``)
resolved on use, so an app's ``records.py`` imports nothing that loads views or
forms while the apps are still loading.
"""

import enum
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from django.apps import apps
from django.db.models import Model
from django.utils.module_loading import autodiscover_modules, import_string

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
class MenuEntry:
    """A line of the workspace's main menu, shown to those the policy allows ``action`` on
    records of ``kind`` ("" for the kind it is declared with, None for every member).
    ``position`` orders the menu (core's own start page is 0)."""

    position: int
    url_name: str
    label: Any  # lazily translated
    action: str = "view"
    kind: str | None = ""


class Reach(enum.Enum):
    """Which records of a kind a grant reaches (``core.permissions``)."""

    INSTITUTION = "institution"  # every record of the member's institution
    PARTNERSHIPS = "partnerships"  # records of the partnerships the membership reaches
    OWN = "own"  # records the user created


class Trait(enum.Enum):
    """What a kind is, as far as the roles' common grants are concerned (``core.permissions``)."""

    # Belongs to one partnership, below the partnership itself: a partnership coordinator adds,
    # changes and deletes it in their partnerships.
    IN_PARTNERSHIP = "in_partnership"
    # A record a public authority keeps (it may carry a registry number, diarienummer): only an
    # administrator deletes it, giving a reason that goes into the audit trail.
    KEPT = "kept"
    # A contact of the directory: a partnership coordinator adds and changes it in the whole
    # institution.
    CONTACT = "contact"
    # One side's (the mutual-benefit assessment): no grant of every kind covers it; the kind's
    # own grants say what each side sees.
    SIDED = "sided"
    # The partnership itself: the reach "the partnerships of the membership" is counted in its
    # records, and its ``partner_reach`` says which a partner representative reaches.
    PARTNERSHIP = "partnership"


@dataclass(frozen=True)
class Allow:
    """A role's grant on one kind beyond the grants every kind has: ``actions`` within ``reach``,
    on the records whose fields have the values ``only``. Made with ``allow``."""

    actions: frozenset[str]
    reach: Reach
    only: tuple[tuple[str, object], ...] = ()


def allow(actions: str, reach: Reach, **only: object) -> Allow:
    """``allow("add change delete", Reach.PARTNERSHIPS, owner="partner")``."""
    return Allow(frozenset(actions.split()), reach, tuple(sorted(only.items())))


@dataclass(frozen=True)
class SearchEntry:
    """What the search box finds of a kind (``search.registry``): its title words rank above
    its other words; ``related`` are loaded with the hits, for their names. ``position`` orders
    the groups of results."""

    position: int
    heading: Any  # the group's heading on the results page, lazily translated
    title: tuple[str, ...]
    body: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    # More words of the body from related records: the dotted path of a function of a batch of
    # the kind's ids → {id: text} (a person's organisations over time), and the records whose
    # saves and deletions change it, as (model label, the field naming this kind's record).
    also: str = ""
    followed_by: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ApiResource:
    """The kind as a resource of the REST API (``api.resources``): its fields are those of the
    kind's form (``form`` names another, dotted), its list filters those of its filter set."""

    prefix: str  # the path under /api/v1/
    description: str
    extra: tuple[str, ...] = ()  # read-only facts beyond the form's fields
    declared: Mapping[str, str] = field(default_factory=dict)  # field -> dotted path of a serializer field
    base_queryset: Callable[..., Any] | None = None  # (policy) -> queryset, when the list annotates
    actions: tuple[str, ...] = ()  # dotted paths of mixins with the kind's workflow actions
    form: str = ""


@dataclass(frozen=True)
class ImportTarget:
    """The kind as a target of spreadsheet import (``imports.targets``), through its form."""

    name: str  # in URLs and on the command line; one of ``imports.models.ImportKind``
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # field -> further column names
    defaults: Mapping[str, object] = field(default_factory=dict)  # a new record's values (or callables)
    # field -> {word offices use: stored value}, beside the choices' own labels in both languages
    choice_words: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    # A field that is unique when filled and names the record in another system.
    key_field: str = ""
    # Fields whose values together name one record, for kinds without a rule of their own in
    # ``imports.rows.Matcher`` (a partnership by its title, a coordinator by person and partnership).
    match_on: tuple[str, ...] = ()
    # Dotted path of the form rows are read with, if not the kind's own: a subclass of it whose
    # own fields (not the model's) take the columns naming records beside it ("partners").
    form: str = ""
    # Model fields of the form that no column fills: the steps fill them from those columns.
    hidden: tuple[str, ...] = ()
    # Dotted path of an ``imports.steps.RowSteps`` class: what a row does around its form
    # (find or create its partners before, add its focus areas and coordinator after).
    steps: str = ""


@dataclass(frozen=True)
class ListLink:
    """A link an app adds to the head of other kinds' lists (the import's "Import from a
    spreadsheet"): ``url(kind, policy)`` is its address for that list, or None for no link."""

    text: Any  # lazily translated
    url: Callable[..., str | None]


@dataclass(frozen=True)
class RecordKind:
    """One kind of record: the model's label (``"governance.meeting"``) and what the central parts
    of the product need to know of it. docs/adding-a-record-kind.md explains each part."""

    label: str
    hooks: Hooks = Hooks()
    # audit-trail words of the kind's own steps ("minutes_approved" → "minutes approved") and of
    # the keys its entries record beside its fields ("adjusters" → "adjusters")
    verbs: Mapping[str, Any] = field(default_factory=dict)
    change_labels: Mapping[str, Any] = field(default_factory=dict)
    # the workspace form (its fields are the record page's, the API's and the import's), the filter
    # set of its list and API list, and its list view (columns, sorting, export): dotted paths
    form: str = ""
    filterset: str = ""
    list_view: str = ""
    menu: tuple[MenuEntry, ...] = ()
    # its place in the permission policy: what it is, and the grants of roles on it beyond those
    traits: frozenset[Trait] = frozenset()
    grants: Mapping[Any, tuple[Allow, ...]] = field(default_factory=dict)  # role (core.models.Role) -> grants
    search: SearchEntry | None = None
    api: ApiResource | None = None
    imports: ImportTarget | None = None
    # Trait.PARTNERSHIP's kind: (membership) -> the queryset of those a partner representative's
    # membership reaches
    partner_reach: Callable[..., Any] | None = None

    @property
    def model(self) -> type[Model]:
        return apps.get_model(self.label)

    @property
    def form_class(self) -> type | None:
        return import_string(self.form) if self.form else None

    @property
    def filterset_class(self) -> type | None:
        return import_string(self.filterset) if self.filterset else None

    @property
    def list_view_class(self) -> type | None:
        return import_string(self.list_view) if self.list_view else None


_kinds: dict[str, RecordKind] = {}
_menu: list[MenuEntry] = []
_verbs: dict[str, Any] = {}
_change_labels: dict[str, Any] = {}
_list_links: list[ListLink] = []
_text_searches: list[Callable[..., Any]] = []
_discovered = False


class AlreadyRegistered(Exception):
    pass


class NotDiscovered(Exception):
    """The registry was read while the apps' ``records.py`` were still loading."""


def _add_words(target: dict[str, Any], words: Mapping[str, Any]) -> None:
    for key, text in words.items():
        if key in target and str(target[key]) != str(text):
            raise AlreadyRegistered(f"{key!r} means both {target[key]!r} and {text!r}")
        target[key] = text


def register(*kinds: RecordKind) -> None:
    """Declare ``kinds`` (an app's ``records.py`` calls this once for each of its kinds)."""
    for kind in kinds:
        if kind.label in _kinds:
            raise AlreadyRegistered(kind.label)
        _kinds[kind.label] = kind
        _menu.extend(entry if entry.kind != "" else _with_kind(entry, kind.label) for entry in kind.menu)
        _add_words(_verbs, kind.verbs)
        _add_words(_change_labels, kind.change_labels)


def _with_kind(entry: MenuEntry, label: str) -> MenuEntry:
    return MenuEntry(entry.position, entry.url_name, entry.label, entry.action, label)


def register_menu(*entries: MenuEntry) -> None:
    """Menu lines of pages that are no one kind's list (the portfolio, the audit trail)."""
    _menu.extend(entries)


def register_audit_words(
    *, verbs: Mapping[str, Any] | None = None, change_labels: Mapping[str, Any] | None = None
) -> None:
    """Audit-trail words of an app's steps on records of a kind it does not own (anonymising a person)."""
    _add_words(_verbs, verbs or {})
    _add_words(_change_labels, change_labels or {})


def register_list_link(link: ListLink) -> None:
    """A link the app adds to the head of every kind's list, where ``link.url`` gives one."""
    _list_links.append(link)


def register_text_search(find: Callable[..., Any]) -> None:
    """The search app's own search (lemmas, synonyms, ranking) for a list's ``q`` box and the API's
    ``q`` filter: ``find(model, text, policy)`` gives a queryset of the matching records' ids, or
    None for a kind it does not index."""
    _text_searches.append(find)


def text_searches() -> tuple[Callable[..., Any], ...]:
    _ready()
    return tuple(_text_searches)


def _ready() -> None:
    if not _discovered:
        raise NotDiscovered("the registry is read only after every app's records.py has loaded")


def kinds() -> Iterator[RecordKind]:
    _ready()
    return iter(_kinds.values())


def registered() -> Mapping[str, RecordKind]:
    _ready()
    return MappingProxyType(_kinds)


def menu() -> list[MenuEntry]:
    """The main menu's lines in their order."""
    _ready()
    return sorted(_menu, key=lambda entry: entry.position)


def audit_verbs() -> Mapping[str, Any]:
    _ready()
    return MappingProxyType(_verbs)


def audit_change_labels() -> Mapping[str, Any]:
    _ready()
    return MappingProxyType(_change_labels)


def list_links() -> tuple[ListLink, ...]:
    _ready()
    return tuple(_list_links)


def partnership_kind() -> RecordKind:
    """The kind of the partnership itself (``Trait.PARTNERSHIP``)."""
    return next(kind for kind in kinds() if Trait.PARTNERSHIP in kind.traits)


EMPTY = RecordKind("")


def kind_of(model_or_record: type[Model] | Model) -> RecordKind:
    """The registered kind of a model or record; an empty kind (no hooks) if none is declared."""
    return _kinds.get(model_or_record._meta.label_lower, EMPTY)


def discover() -> None:
    """Load every installed app's ``records.py`` (``CoreConfig.ready``)."""
    global _discovered
    autodiscover_modules("records")
    _discovered = True
