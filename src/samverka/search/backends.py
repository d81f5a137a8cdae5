"""The database's own full-text search over the terms ``text.py`` makes: SQLite FTS5 or PostgreSQL.

Both index the same three columns of ``SearchEntry`` and answer the same
question: which entries have, for every word of the query, one of its stems
or a word it begins, in the title or body (and in the internal notes for
those who may see them), ranked with title words first.

- SQLite: an FTS5 table ``search_fts`` kept in step with the entries by
  triggers; ranked by ``bm25`` with the title weighted 10, the body 2.
- PostgreSQL: a GIN index of a ``tsvector`` ('simple' configuration: the
  stems are already made) with the title as weight A, the body B and the
  internal notes C; ranked by ``ts_rank``.
"""

from django.db import connection
from django.db.models import BooleanField, FloatField, QuerySet
from django.db.models.expressions import RawSQL

from samverka.search.text import Query

# Literal SQL, no values in it: the only input, the query's terms, is always a parameter.
FTS5_SETUP = [
    "CREATE VIRTUAL TABLE search_fts USING fts5(terms_title, terms_body, terms_internal, "
    "content='search_searchentry', content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchentry BEGIN "
    "INSERT INTO search_fts(rowid, terms_title, terms_body, terms_internal) "
    "VALUES (new.id, new.terms_title, new.terms_body, new.terms_internal); END",
    "CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchentry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, terms_title, terms_body, terms_internal) "
    "VALUES ('delete', old.id, old.terms_title, old.terms_body, old.terms_internal); END",
    "CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchentry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, terms_title, terms_body, terms_internal) "
    "VALUES ('delete', old.id, old.terms_title, old.terms_body, old.terms_internal); "
    "INSERT INTO search_fts(rowid, terms_title, terms_body, terms_internal) "
    "VALUES (new.id, new.terms_title, new.terms_body, new.terms_internal); END",
]
FTS5_TEARDOWN = [
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TABLE IF EXISTS search_fts",
]
FTS5_MATCH = "search_searchentry.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)"
FTS5_RANK = (
    "(SELECT -bm25(search_fts, 10.0, 2.0, 1.0) FROM search_fts "
    "WHERE search_fts MATCH %s AND rowid = search_searchentry.id)"
)

# The weighted document of an entry; the GIN index is on exactly this expression.
PG_VECTOR = (
    "(setweight(to_tsvector('simple'::regconfig, search_searchentry.terms_title), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, search_searchentry.terms_body), 'B') || "
    "setweight(to_tsvector('simple'::regconfig, search_searchentry.terms_internal), 'C'))"
)
PG_SETUP = [
    "CREATE INDEX search_entry_fts ON search_searchentry USING GIN (("
    "setweight(to_tsvector('simple'::regconfig, terms_title), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, terms_body), 'B') || "
    "setweight(to_tsvector('simple'::regconfig, terms_internal), 'C')))"
]
PG_TEARDOWN = ["DROP INDEX IF EXISTS search_entry_fts"]
PG_MATCH = PG_VECTOR + " @@ to_tsquery('simple'::regconfig, %s)"
PG_RANK = "ts_rank(" + PG_VECTOR + ", to_tsquery('simple'::regconfig, %s))"
COLUMNS = ("terms_title", "terms_body", "terms_internal")


def setup_sql(vendor: str, *, teardown: bool = False) -> list[str]:
    if vendor == "sqlite":
        return FTS5_TEARDOWN if teardown else FTS5_SETUP
    if vendor == "postgresql":
        return PG_TEARDOWN if teardown else PG_SETUP
    return []


def _expression(query: Query, *, whole: str, begins: str, either: str, every: str) -> str:
    """The query in a database's syntax: for each word, any of its forms (``either``), and every
    word (``every``); ``whole`` and ``begins`` format a form matched whole or as a beginning."""
    parts = []
    for exact, prefixes in query.parts:
        forms = [whole.format(t) for t in sorted(exact - prefixes)] + [
            begins.format(t) for t in sorted(prefixes)
        ]
        parts.append(f"({either.join(forms)})")
    return every.join(parts)


def _fts5_expression(query: Query, *, internal: bool) -> str:
    columns = "{{" + " ".join(COLUMNS if internal else COLUMNS[:2]) + "}}"  # braces kept by format()
    return _expression(
        query, whole=columns + ' : "{}"', begins=columns + ' : "{}"*', either=" OR ", every=" AND "
    )


def _tsquery(query: Query, *, internal: bool) -> str:
    weights = "ABC" if internal else "AB"
    return _expression(query, whole="'{}':" + weights, begins="'{}':*" + weights, either=" | ", every=" & ")


def matching(queryset: QuerySet, query: Query, *, internal: bool) -> QuerySet:
    """The entries of ``queryset`` that match ``query``, annotated with ``rank`` (higher is better)."""
    if connection.vendor == "postgresql":
        sql_match, sql_rank, terms = PG_MATCH, PG_RANK, _tsquery(query, internal=internal)
    else:
        sql_match, sql_rank, terms = FTS5_MATCH, FTS5_RANK, _fts5_expression(query, internal=internal)
    condition = RawSQL(sql_match, [terms], BooleanField())  # noqa: S611 -- constant SQL, terms as a parameter
    rank = RawSQL(sql_rank, [terms], FloatField())  # noqa: S611 -- the same
    return queryset.filter(condition).annotate(rank=rank)
