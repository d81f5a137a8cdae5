"""The institution inside the full-text index, so that a search reads only its own institution's
hits, however many other institutions share the database (search/backends.py).

- SQLite: the FTS5 table gains the column ``institution_id`` (its value as a token); a query
  matches it with the words, and FTS5 skips the other institutions' rows in its own index.
- PostgreSQL: the weighted ``tsvector`` gains the token ``samverkainstitution<id>`` (weight D,
  after every word, so their positions stay as they were); a query asks for it with the words, and
  the GIN index gives only the institution's rows.
"""

import importlib

from django.db import migrations

INITIAL = importlib.import_module("samverka.search.migrations.0001_initial")

# The SQL is written out here, not imported from backends.py, so that this migration always makes
# what it made.
COLUMNS = "terms_title, terms_body, terms_internal, institution_id"
OLD = "old.terms_title, old.terms_body, old.terms_internal, old.institution_id"
REBUILD = "INSERT INTO search_fts(search_fts) VALUES ('rebuild')"  # the entries made so far
NEW = "new.terms_title, new.terms_body, new.terms_internal, new.institution_id"
SQLITE = [
    *INITIAL.SQLITE_REVERSE,
    f"CREATE VIRTUAL TABLE search_fts USING fts5({COLUMNS}, "
    "content='search_searchentry', content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchentry BEGIN "
    f"INSERT INTO search_fts(rowid, {COLUMNS}) VALUES (new.id, {NEW}); END",
    "CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchentry BEGIN "
    f"INSERT INTO search_fts(search_fts, rowid, {COLUMNS}) VALUES ('delete', old.id, {OLD}); END",
    "CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchentry BEGIN "
    f"INSERT INTO search_fts(search_fts, rowid, {COLUMNS}) VALUES ('delete', old.id, {OLD}); "
    f"INSERT INTO search_fts(rowid, {COLUMNS}) VALUES (new.id, {NEW}); END",
    REBUILD,
]
SQLITE_REVERSE = [*INITIAL.SQLITE_REVERSE, *INITIAL.SQLITE, REBUILD]
POSTGRESQL = [
    *INITIAL.POSTGRESQL_REVERSE,
    "ALTER TABLE search_searchentry ADD COLUMN document tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple'::regconfig, terms_title), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, terms_body), 'B') || "
    "setweight(to_tsvector('simple'::regconfig, terms_internal), 'C') || "
    "setweight(to_tsvector('simple'::regconfig, 'samverkainstitution' || institution_id::text), 'D')) STORED",
    "CREATE INDEX search_entry_document ON search_searchentry USING GIN (document)",
]
POSTGRESQL_REVERSE = [*INITIAL.POSTGRESQL_REVERSE, *INITIAL.POSTGRESQL]


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_synonyms"),
    ]

    operations = [
        migrations.RunPython(
            INITIAL.run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            INITIAL.run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        ),
    ]
