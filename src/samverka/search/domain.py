"""Keeping the index and asking it: index a record, rebuild an institution's index, search.

A record's entry is made or replaced whenever it is saved and removed when
it is deleted (``signals.py``); ``rebuild`` makes every entry again, for data
loaded in bulk (``samverka search-index``, the demo and the generator call it).
``search`` answers only with records the user's policy lets them see, and
finds records by their internal notes only for those who may read them.
"""

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import Any, cast

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils.module_loading import import_string

from samverka.core.models import InstitutionOwned
from samverka.core.permissions import Policy
from samverka.search.backends import filter_matching, matching
from samverka.search.models import SearchEntry
from samverka.search.registry import Searchable, searchable, searchable_kinds
from samverka.search.synonyms import synonyms_of
from samverka.search.text import Query, highlight, snippet, terms

BATCH = 2000
GROUP_SIZE = 5  # hits shown per kind on the overview
PAGE_SIZE = 20  # hits per page of one kind


def _values(kind: Searchable, values: dict[str, Any], also: str = "") -> dict[str, Any]:
    """The entry's terms from a record's field values (``{field: value}``) and the words its related
    records add to the body (``also``)."""

    def joined(names: Iterable[str]) -> str:
        return " ".join(str(values[name] or "") for name in names)

    return {
        "terms_title": terms(joined(kind.title)),
        "terms_body": terms(f"{joined(kind.body)} {also}"),
        "terms_internal": terms(joined(kind.internal)),
    }


def _also(kind: Searchable, pks: list[int]) -> dict[int, str]:
    """{id: text} the kind's related records add to these records' bodies (one call per batch)."""
    return import_string(kind.also)(pks) if kind.also and pks else {}


def _fields(kind: Searchable) -> tuple[str, ...]:
    return (*kind.title, *kind.body, *kind.internal)


def index(obj: InstitutionOwned) -> None:
    """Make or replace the entry of one record (nothing for kinds search does not find)."""
    kind = searchable(type(obj))
    if kind is None:
        return
    content_type = ContentType.objects.get_for_model(type(obj))
    values = {name: getattr(obj, name) for name in _fields(kind)}
    also = _also(kind, [obj.pk]).get(obj.pk, "")
    SearchEntry.objects.update_or_create(
        content_type=content_type,
        object_id=obj.pk,
        defaults={"institution_id": obj.institution_id, **_values(kind, values, also)},
    )


def unindex(obj: models.Model) -> None:
    if searchable(type(obj)) is not None:
        content_type = ContentType.objects.get_for_model(type(obj))
        SearchEntry.objects.filter(content_type=content_type, object_id=obj.pk).delete()


@transaction.atomic
def reindex(model: type[InstitutionOwned], pks: Iterable[int]) -> None:
    """Make the entries of these records of one kind again, in bulk (records saved in one go)."""
    kind = cast(Searchable, searchable(model))  # only searchable kinds are reindexed
    content_type = ContentType.objects.get_for_model(model)
    fields = _fields(kind)
    pks = list(pks)
    for start in range(0, len(pks), BATCH):
        chunk = pks[start : start + BATCH]
        SearchEntry.objects.filter(content_type=content_type, object_id__in=chunk).delete()
        rows = model.objects.filter(pk__in=chunk).values_list("pk", "institution_id", *fields)
        also = _also(kind, chunk)
        SearchEntry.objects.bulk_create(
            SearchEntry(
                content_type=content_type,
                object_id=pk,
                institution_id=institution_id,
                **_values(kind, dict(zip(fields, row, strict=True)), also.get(pk, "")),
            )
            for pk, institution_id, *row in rows
        )


def _entries(kind: Searchable, content_type: ContentType, fields: tuple[str, ...], rows: list[Any]) -> int:
    """Make the entries of a batch of records' rows (id, institution, the fields' values)."""
    also = _also(kind, [row[0] for row in rows])
    SearchEntry.objects.bulk_create(
        SearchEntry(
            content_type=content_type,
            object_id=pk,
            institution_id=institution_id,
            **_values(kind, dict(zip(fields, row, strict=True)), also.get(pk, "")),
        )
        for pk, institution_id, *row in rows
    )
    return len(rows)


@transaction.atomic
def rebuild(
    institution_ids: Collection[int] | None = None, advance: Callable[[int], object] = lambda n: None
) -> int:
    """Make every entry again (of the given institutions, else of all); returns the number of entries."""
    entries = SearchEntry.objects.all()
    if institution_ids is not None:
        entries = entries.filter(institution_id__in=institution_ids)
    entries.delete()
    made = 0
    for kind in searchable_kinds():
        model = kind.model
        content_type = ContentType.objects.get_for_model(model)
        records = model.objects.all()
        if institution_ids is not None:
            records = records.filter(institution_id__in=institution_ids)
        fields = _fields(kind)
        rows: list[Any] = []
        for row in records.values_list("pk", "institution_id", *fields).iterator(BATCH):
            rows.append(row)
            if len(rows) == BATCH:
                made += _entries(kind, content_type, fields, rows)
                advance(len(rows))
                rows = []
        made += _entries(kind, content_type, fields, rows)
        advance(len(rows))
    return made


def matching_ids(model: type[Any], text: str, policy: Policy) -> QuerySet[Any] | None:
    """The ids of ``model``'s records the search box finds for ``text`` (in the user's institution;
    the caller's queryset holds the user's reach), or None for a kind search does not index: a
    list's ``q`` and the API's (``core.filters``, ``registry.register_text_search``)."""
    if searchable(model) is None or policy.membership is None:
        return None
    query = Query.parse(text, synonyms_of(policy.membership.institution_id))
    if not query:
        return None
    entries = SearchEntry.objects.filter(
        institution=policy.membership.institution_id, content_type=ContentType.objects.get_for_model(model)
    )
    return filter_matching(entries, query, internal=policy.sees_internal).values("object_id")


@dataclass
class Hit:
    obj: object
    title: str  # HTML, matching words marked
    snippet: str  # HTML


@dataclass
class Group:
    kind: Searchable
    count: int
    hits: list[Hit]


def search(
    policy: Policy,
    text: str,
    *,
    kinds: Iterable[Searchable] | None = None,
    limit: int = GROUP_SIZE,
    offset: int = 0,
) -> list[Group]:
    """The records of each kind that match ``text`` and the user may see, best first."""
    if policy.membership is None:
        return []
    query = Query.parse(text, synonyms_of(policy.membership.institution_id))
    if not query:
        return []
    groups = []
    for kind in searchable_kinds() if kinds is None else kinds:
        model = kind.model
        if not policy.allows("view", model):
            continue
        entries: QuerySet[Any] = SearchEntry.objects.filter(
            institution=policy.institution, content_type=ContentType.objects.get_for_model(model)
        )
        if not policy.reaches_all("view", model):  # the entries of records in the user's reach
            entries = entries.filter(object_id__in=policy.scope(model.objects.all()).values("pk"))
        entries = matching(entries, query, internal=policy.sees_internal)
        count = entries.count()
        if not count:
            continue
        ids = list(
            entries.order_by("-rank", "object_id").values_list("object_id", flat=True)[
                offset : offset + limit
            ]
        )
        records = model.objects.select_related(*kind.related).in_bulk(ids)
        hits = []
        for pk in ids:
            if (obj := records.get(pk)) is None:
                continue
            texts = kind.texts(obj, "body") + (kind.texts(obj, "internal") if policy.sees_internal else [])
            hits.append(Hit(obj=obj, title=highlight(str(obj), query), snippet=snippet(texts, query)))
        groups.append(Group(kind=kind, count=count, hits=hits))
    return groups
