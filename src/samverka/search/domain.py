"""Keeping the index and asking it: index a record, rebuild an institution's index, search.

A record's entry is made or replaced whenever it is saved and removed when
it is deleted (``signals.py``); ``rebuild`` makes every entry again, for data
loaded in bulk (``samverka search-index``, the demo and the generator call it).
``search`` answers only with records the user's policy lets them see, and
finds records by their internal notes only for those who may read them.
"""

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import Any, cast

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils.module_loading import import_string

from samverka.core.cache import cached_for_institution, invalidate_institution, query_key
from samverka.core.models import Institution, InstitutionOwned
from samverka.core.permissions import Policy
from samverka.search.backends import (
    Question,
    entries_of,
    filter_matching,
    matching,
    newest_matching,
    ranked_at_most,
)
from samverka.search.models import SearchEntry
from samverka.search.registry import Searchable, searchable, searchable_kinds
from samverka.search.synonyms import synonyms_of
from samverka.search.text import Query, highlight, snippet, terms

BATCH = 2000
GROUP_SIZE = 5  # hits shown per kind on the overview
PAGE_SIZE = 20  # hits per page of one kind
RANKED_TOGETHER = 2000  # kinds with at most this many hits are ranked in one query


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
        rows = list(model.objects.filter(pk__in=chunk).values_list("pk", "institution_id", *fields))
        _entries(kind, content_type, fields, rows)


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
    # What was found before (searches kept until the records change) is out of date.
    rebuilt = (
        institution_ids if institution_ids is not None else Institution.objects.values_list("pk", flat=True)
    )
    for institution_id in rebuilt:
        invalidate_institution(institution_id)
    return made


def matching_ids(model: type[Any], text: str, policy: Policy) -> QuerySet[Any] | None:
    """The ids of ``model``'s records the search box finds for ``text`` (in the user's institution;
    the caller's queryset holds the user's reach), or None for a kind search does not index: a
    list's ``q`` and the API's (``core.filters``, ``registry.register_text_search``)."""
    if searchable(model) is None:
        return None
    question = _question(policy, text)
    if question is None:
        return None
    entries = entries_of(question).filter(content_type=ContentType.objects.get_for_model(model))
    return filter_matching(entries, question).values("object_id")


def _question(policy: Policy, text: str) -> Question | None:
    """What ``text`` asks of the index for this user (None for no words, or no institution)."""
    if policy.membership is None:
        return None
    institution = policy.membership.institution_id
    query = Query.parse(text, synonyms_of(institution))
    return Question(query, policy.sees_internal, institution) if query else None


def _best(entries: QuerySet[Any], question: Question, offset: int, limit: int, hits: int) -> list[int]:
    """The ids of one kind's best ``hits`` from ``offset``, all ranked (a top-N sort) unless there
    are more than the database ranks (SQLite: ``backends.ranked_at_most``); then the newest that
    many are ranked and the rest follow newest first: among so many, the newest are the likeliest
    asked for."""
    ranked = ranked_at_most()
    if ranked is None or hits <= ranked:
        best = matching(entries, question).order_by("-rank", "object_id")
        return list(best.values_list("object_id", flat=True)[offset : offset + limit])
    found: list[int] = []
    if offset < ranked:
        newest = newest_matching(entries, question, ranked)
        rows = sorted(newest.values_list("object_id", "rank"), key=lambda row: (-row[1], row[0]))
        found = [object_id for object_id, _rank in rows[offset : offset + limit]]
    if len(found) < limit:
        start = max(offset, ranked)
        rest = matching(entries, question, ranked=False).order_by("-id")
        found += rest.values_list("object_id", flat=True)[start : start + limit - len(found)]
    return found


Counted = tuple[dict[int, int], dict[int, list[int]]]  # hits per kind, the ids shown per kind


def _counted_and_ranked(entries: QuerySet[Any], question: Question, offset: int, limit: int) -> Counted:
    """Each kind's hits counted and its best ``limit`` after ``offset``, in one query: a window over
    every hit (PostgreSQL, which ranks them all). The full-text index is read once; a count and a
    ranking read it twice (12,000 hits of "examensarbeten": 59 ms against 33 ms). A kind with no more
    hits than ``offset`` is left out, as it has nothing to show."""
    order = (F("rank").desc(), F("object_id"))
    rows = (
        matching(entries, question)
        .annotate(
            hits=Window(Count("pk"), partition_by=F("content_type")),
            place=Window(RowNumber(), partition_by=F("content_type"), order_by=order),
        )
        .filter(place__gt=offset, place__lte=offset + limit)
        .order_by("place")
        .values_list("content_type", "object_id", "hits")
    )
    counts: dict[int, int] = {}
    ids: dict[int, list[int]] = defaultdict(list)
    for content_type, object_id, hits in rows:
        counts[content_type] = hits
        ids[content_type].append(object_id)
    return counts, ids


def _counted_then_ranked(entries: QuerySet[Any], question: Question, offset: int, limit: int) -> Counted:
    """Each kind's hits counted, then its best ``limit`` after ``offset``: SQLite, which ranks a kind
    of many hits by its newest (``_best``), so it must know the counts first. Kinds of few hits are
    ranked together (a window partitioned by kind); each of many, or one kind alone, by itself: a
    window sorts every hit, one kind's best are a top-N sort."""
    counts = dict(
        matching(entries, question, ranked=False)
        .values_list("content_type")
        .annotate(hits=Count("pk"))
        .order_by()
    )
    shown = [pk for pk, hits in counts.items() if hits > offset]
    ids: dict[int, list[int]] = defaultdict(list)
    limit_together = min(RANKED_TOGETHER, ranked_at_most() or RANKED_TOGETHER)
    few = [pk for pk in shown if counts[pk] <= limit_together] if len(shown) > 1 else []
    if few:
        best = (
            matching(entries.filter(content_type__in=few), question)
            .annotate(
                place=Window(
                    RowNumber(), partition_by=F("content_type"), order_by=(F("rank").desc(), F("object_id"))
                )
            )
            .filter(place__gt=offset, place__lte=offset + limit)
            .order_by("place")
            .values_list("content_type", "object_id")
        )
        for content_type, object_id in best:
            ids[content_type].append(object_id)
    for content_type in (pk for pk in shown if pk not in few):
        ids[content_type] = _best(
            entries.filter(content_type=content_type), question, offset, limit, counts[content_type]
        )
    return {pk: counts[pk] for pk in shown}, ids


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
    """The records of each kind that match ``text`` and the user may see, best first.

    Whatever the number of kinds, one query on PostgreSQL (``_counted_and_ranked``), two on SQLite
    (``_counted_then_ranked``), and one more per kind of many hits there; a query per kind read the
    full-text index once for each, 21 times on the overview."""
    question = _question(policy, text)
    if question is None:
        return []
    allowed = [
        kind for kind in (searchable_kinds() if kinds is None else kinds) if policy.allows("view", kind.model)
    ]
    if not allowed:
        return []
    types = ContentType.objects.get_for_models(*(kind.model for kind in allowed))
    whole, reached = [], Q()
    for kind in allowed:
        if policy.reaches_all("view", kind.model):
            whole.append(types[kind.model].pk)
        else:  # the entries of records in the user's reach
            scope = policy.scope(kind.model.objects.all()).values("pk")
            reached |= Q(content_type=types[kind.model], object_id__in=scope)
    entries = entries_of(question).filter(Q(content_type__in=whole) | reached)

    def counted() -> Counted:
        if ranked_at_most() is None:
            return _counted_and_ranked(entries, question, offset, limit)
        return _counted_then_ranked(entries, question, offset, limit)

    # Kept per member and query until the institution's records change (``core.cache``): paging
    # through a word's hits, or from the overview to a kind and back, counted them all each time.
    key = query_key(entries, repr(question), offset, limit, ranked_at_most())
    if key is None or policy.institution is None:
        counts, ids = counted()
    else:
        member = policy.membership.pk if policy.membership is not None else 0
        counts, ids = cached_for_institution(policy.institution.pk, f"search:{member}:{key}", counted)
    groups = []
    for kind in allowed:
        content_type = types[kind.model].pk
        if not counts.get(content_type):
            continue
        records = kind.model.objects.select_related(*kind.related).in_bulk(ids[content_type])
        hits = []
        for pk in ids[content_type]:
            if (obj := records.get(pk)) is None:
                continue
            texts = kind.texts(obj, "body") + (kind.texts(obj, "internal") if policy.sees_internal else [])
            hits.append(
                Hit(
                    obj=obj, title=highlight(str(obj), question.query), snippet=snippet(texts, question.query)
                )
            )
        groups.append(Group(kind=kind, count=counts[content_type], hits=hits))
    return groups
