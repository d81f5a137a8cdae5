"""Fresh query-planner statistics, after migrations (new indexes) and after bulk loads."""

from django.db.backends.base.base import BaseDatabaseWrapper


def refresh_statistics(connection: BaseDatabaseWrapper, *, vacuum: bool = False) -> None:
    """ANALYZE the database; with ``vacuum``, PostgreSQL also refreshes its visibility map.

    Without statistics a new index is planned by guesswork (SQLite chose a
    status index for a text search and read the table in scattered order); a
    fresh visibility map lets PostgreSQL answer from indexes alone after a bulk
    load. VACUUM cannot run inside a transaction.
    """
    with connection.cursor() as cursor:
        if vacuum and connection.vendor == "postgresql":
            cursor.execute("VACUUM (ANALYZE)")
        else:
            cursor.execute("ANALYZE")
