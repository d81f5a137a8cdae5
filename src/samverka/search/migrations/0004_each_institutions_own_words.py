"""PostgreSQL: each institution's words apart in the index, and the internal notes' words apart
from the others, so that a search needs neither the institution's token nor weights in its query
(search/backends.py).

- A word of institution 17 is indexed as ``i17x`` and the word ("i17xvätgas"), a word of its
  internal notes as ``n17x`` and the word. A beginning ("i17xprojek:*") then expands to the
  institution's own words only: with 40 institutions in one database, PostgreSQL collected every
  institution's words that began so before it intersected them with the institution's token.
- The query has no weights: GIN does not store them, so a weighted query made PostgreSQL check
  every hit against its stored document again. The weights stay in the document for ``ts_rank``.

SQLite keeps its FTS5 table of migration 0003: its column filter and the institution's column are
answered inside its own index.
"""

import importlib

from django.db import migrations

BEFORE = importlib.import_module("samverka.search.migrations.0003_institution_in_the_index")


def _part(column: str, marker: str, weight: str) -> str:
    """A column's words, each after the marker and the institution's id, at a weight."""
    words = f"regexp_replace({column}, '(\\S+)', '{marker}' || institution_id::text || 'x\\1', 'g')"
    return f"setweight(to_tsvector('simple'::regconfig, {words}), '{weight}')"


# The SQL is written out here, not imported from backends.py, so that this migration always makes
# what it made.
POSTGRESQL = [
    "DROP INDEX IF EXISTS search_entry_document",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS document",
    "ALTER TABLE search_searchentry ADD COLUMN document tsvector GENERATED ALWAYS AS ("
    + " || ".join(
        [_part("terms_title", "i", "A"), _part("terms_body", "i", "B"), _part("terms_internal", "n", "C")]
    )
    + ") STORED",
    "CREATE INDEX search_entry_document ON search_searchentry USING GIN (document)",
]
POSTGRESQL_REVERSE = [*POSTGRESQL[:2], *BEFORE.POSTGRESQL[2:]]


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_institution_in_the_index"),
    ]

    operations = [
        migrations.RunPython(
            BEFORE.INITIAL.run({"postgresql": POSTGRESQL}),
            BEFORE.INITIAL.run({"postgresql": POSTGRESQL_REVERSE}),
        ),
    ]
