"""The database's own full-text search over the terms ``text.py`` makes: SQLite FTS5 or PostgreSQL.

Both index the same three columns of ``SearchEntry`` and answer the same
question: which entries of one institution have, for every word of the
query, one of its stems or a word it begins, in the title or body (and in the
internal notes for those who may see them), ranked with title words first.

- SQLite: an FTS5 table ``search_fts`` kept in step with the entries by
  triggers, joined to them; ranked by ``bm25`` with the title weighted 10,
  the body 2. Its fourth column holds the entry's institution, matched with
  the words, so FTS5 skips other institutions' hits in its own index before
  any entry is read.
- PostgreSQL: a stored, generated ``tsvector`` column ('simple'
  configuration: the stems are already made) with the title as weight A, the
  body B and the internal notes C, in a GIN index. Each word carries its
  institution ("i17xvätgas"; an internal note's "n17xvätgas"), so the index
  gives only the institution's rows, a beginning expands to its own words only,
  and the query needs no weights (GIN does not store them: a weighted query is
  checked against every hit's document again); ranked by ``ts_rank``.

The caller's queryset holds the institution's entries; the ``Question`` names the institution
again for the match.
"""

from typing import NamedTuple

from django.db import connection
from django.db.models import BooleanField, FloatField, QuerySet
from django.db.models.expressions import OrderBy, RawSQL

from samverka.search.models import SearchEntry
from samverka.search.text import Query

# The tables and indexes these queries use are made by migrations search/0001, 0003 and 0004 (their SQL).
FTS5_RANK = "-bm25(search_fts, 10.0, 2.0, 1.0, 0.0)"  # the institution column counts nothing

# The weighted tsvector that PostgreSQL stores in the generated column ``document`` (migration 0004).
PG_VECTOR = "search_searchentry.document"
PG_QUERY = "to_tsquery('simple'::regconfig, %s)"
PG_MATCH = PG_VECTOR + " @@ " + PG_QUERY
PG_RANK = "ts_rank(" + PG_VECTOR + ", " + PG_QUERY + ")"
PG_WORD = "i{}x"  # what an institution's words begin with in the document
PG_NOTE = "n{}x"  # and the words of its internal notes
COLUMNS = ("terms_title", "terms_body", "terms_internal")
# In a subquery the entries' table has another name: the column alone, and FTS5's own rows.
PG_MATCH_UNQUALIFIED = "document @@ " + PG_QUERY
FTS5_ROWIDS = "SELECT rowid FROM search_fts WHERE search_fts MATCH %s"


class Question(NamedTuple):
    """What a search asks the index: the words, whether internal notes count, and whose entries."""

    query: Query
    internal: bool
    institution: int


def entries_of(question: Question) -> QuerySet:
    """The entries a match is asked of. On PostgreSQL every one: each indexed word names its
    institution, so the match gives the institution's entries alone, and a second condition on the
    institution led the planner to read all of them and test each against the query (133 ms
    against 85 ms for the 26,865 hits of "examensarbeten" at the largest of 40 institutions). On
    SQLite the institution's: FTS5's institution column answers the match, the join the rest."""
    if connection.vendor == "postgresql":
        return SearchEntry.objects.all()
    return SearchEntry.objects.filter(institution=question.institution)


def _expression(query: Query, *, whole: str, begins: str, either: str, every: str) -> str:
    """The query in a database's syntax: for each word, any of its forms (``either``); for each part
    of the query, any of its alternatives (the words, or a synonym, each word of which must match);
    and every part (``every``). ``whole`` and ``begins`` format a form matched whole or as a
    beginning."""

    def word(each) -> str:
        # a form that begins with a shorter prefix of the word is matched by that prefix already
        prefixes = sorted(
            p for p in each.prefixes if not any(p != q and p.startswith(q) for q in each.prefixes)
        )
        exact = sorted(t for t in each.exact if not t.startswith(tuple(prefixes)))
        return (
            "(" + either.join([whole.format(t) for t in exact] + [begins.format(t) for t in prefixes]) + ")"
        )

    return every.join(
        "("
        + either.join("(" + every.join(word(each) for each in alternative) + ")" for alternative in part)
        + ")"
        for part in query.parts
    )


def _fts5_expression(question: Question) -> str:
    columns = "{{" + " ".join(COLUMNS if question.internal else COLUMNS[:2]) + "}}"  # braces kept
    words = _expression(
        question.query, whole=columns + ' : "{}"', begins=columns + ' : "{}"*', either=" OR ", every=" AND "
    )
    return f'institution_id : "{int(question.institution)}" AND ({words})'


def _tsquery(question: Question, *, notes: bool = True) -> str:
    """The words as the institution's own, and as its internal notes' for those who may see them
    (unless ``notes`` is false: the ranking, for which a word in the notes would double the work of
    ``ts_rank`` and add little to a weight of C)."""
    institution = int(question.institution)
    notes = notes and question.internal
    markers = [PG_WORD.format(institution), *([PG_NOTE.format(institution)] if notes else [])]

    def form(suffix: str) -> str:
        each = " | ".join(f"'{marker}{{0}}'{suffix}" for marker in markers)
        return each if len(markers) == 1 else f"({each})"

    return _expression(question.query, whole=form(""), begins=form(":*"), either=" | ", every=" & ")


def matching(queryset: QuerySet, question: Question, *, ranked: bool = True) -> QuerySet:
    """The entries of ``queryset`` that match the question, annotated with ``rank`` (higher is
    better) unless ``ranked`` is false (to count them)."""
    if connection.vendor == "postgresql":
        condition = RawSQL(PG_MATCH, [_tsquery(question)], BooleanField())  # noqa: S611 -- constant SQL, terms as a parameter
        found = queryset.filter(condition)
        rank = RawSQL(PG_RANK, [_tsquery(question, notes=False)], FloatField())  # noqa: S611 -- the same
    else:
        # FTS5 ranks the rows of its own MATCH: the entries are joined to them, not asked one by one.
        found = queryset.extra(
            tables=["search_fts"],
            where=["search_fts.rowid = search_searchentry.id", "search_fts MATCH %s"],
            params=[_fts5_expression(question)],
        )
        rank = RawSQL(FTS5_RANK, [], FloatField())  # noqa: S611 -- constant SQL
    return found.annotate(rank=rank) if ranked else found


RANKED_ON_SQLITE = 2000  # a kind with more hits ranks its newest this many on SQLite


def ranked_at_most() -> int | None:
    """How many of one kind's hits are ranked (``search.domain``), or None for all of them.

    FTS5's ``bm25`` over 12,000 hits of a query and its synonyms takes 45–50 ms, so SQLite ranks
    the newest 2,000 (``newest_matching``). PostgreSQL ranks every hit: ``ts_rank`` is read from
    the row the match reads anyway, and a top-N sort of 12,000 costs no more than taking the
    newest first (which also led its planner to walk the primary key, 62 ms for "vätgas")."""
    return None if connection.vendor == "postgresql" else RANKED_ON_SQLITE


def newest_matching(queryset: QuerySet, question: Question, count: int) -> QuerySet:
    """SQLite: the ``count`` newest entries of ``queryset`` that match the question (the highest ids),
    annotated with ``rank``; the full-text index gives its rows in that order, so it stops after
    them and ranks only those."""
    ranked = matching(queryset, question)
    return ranked.order_by(OrderBy(RawSQL("search_fts.rowid", []), descending=True))[:count]


def filter_matching(queryset: QuerySet, question: Question) -> QuerySet:
    """The entries of ``queryset`` that match the question, unranked and without a join, so the result
    can stand in a subquery (a list's ``q``: ``search.domain.matching_ids``)."""
    if connection.vendor == "postgresql":
        condition = RawSQL(PG_MATCH_UNQUALIFIED, [_tsquery(question)], BooleanField())  # noqa: S611 -- constant SQL, terms as a parameter
        return queryset.filter(condition)
    found = RawSQL(FTS5_ROWIDS, [_fts5_expression(question)])  # noqa: S611 -- the same
    return queryset.filter(id__in=found)
