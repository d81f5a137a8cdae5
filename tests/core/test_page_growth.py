"""No record's page grows with its history: a page that lists a record's activities reads a capped,
index-ordered slice of them, and a page that counts them (the partnership's) keeps its counts until
the institution's records change, so an organisation or a partnership with 50 000 activities costs
what one with 1 000 does (issue 25).

The work of a page is measured where it cannot be hidden by a fast machine: on SQLite as the
virtual-machine steps of the whole request, on PostgreSQL as the rows every scan of every query
of the request reads (``EXPLAIN ANALYZE``), after ``ANALYZE`` as in production.
"""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samverka.activities.models import Activity
from samverka.core.cache import invalidate_institution
from samverka.lib.dbstats import refresh_statistics
from tests.search.test_search import sqlite_steps

# The pages of the records an activity is linked to, which list or count their activities.
PAGES = ("organisation", "person", "unit", "partnership", "activitytype", "focusarea")
FEW, MANY = 1_000, 50_000
SCANS = {"Seq Scan", "Index Scan", "Index Only Scan", "Bitmap Heap Scan"}


def _rows_read(queries) -> int:
    """The rows PostgreSQL's scans read for the captured queries, read from their plans."""
    total = 0
    with connection.cursor() as cursor:
        for query in queries:
            if not query["sql"].lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + query["sql"])
            nodes = [cursor.fetchone()[0][0]["Plan"]]
            while nodes:
                node = nodes.pop()
                if node["Node Type"] in SCANS:
                    total += node["Actual Rows"] * node["Actual Loops"] + node.get(
                        "Rows Removed by Filter", 0
                    )
                nodes += node.get("Plans", [])
    return total


def _work(client, url: str) -> int:
    if connection.vendor == "postgresql":
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return _rows_read(captured.captured_queries)
    return sqlite_steps(lambda: client.get(url))


def _add_activities(side: dict, count: int, start: int) -> None:
    """``count`` activities linked to the side's organisation, person and unit, in bulk; then what
    a change does (``core.signals``): the institution's cached values are out of date."""
    made = Activity.objects.bulk_create(
        Activity(
            institution=side["partnership"].institution,
            type=side["activitytype"],
            partnership=side["partnership"],
            focus_area=side["focusarea"],
            title_sv=f"Historik {start + n}",
            title=f"Historik {start + n}",
            starts_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=n % 2000),
        )
        for n in range(count)
    )
    for relation, record in (
        ("organisations", side["organisation"]),
        ("people", side["person"]),
        ("units", side["unit"]),
    ):
        field = Activity._meta.get_field(relation)
        through = field.remote_field.through
        column = field.m2m_reverse_field_name()
        through.objects.bulk_create(through(activity_id=a.pk, **{column + "_id": record.pk}) for a in made)
    invalidate_institution(side["partnership"].institution_id)
    refresh_statistics(connection)


@pytest.mark.django_db
def test_no_records_page_grows_with_its_activities(coordinator_client, world):
    side = world["own"]
    urls = {name: side[name].get_absolute_url() for name in PAGES}

    def work() -> dict[str, int]:
        for url in urls.values():
            coordinator_client.get(url)  # the first view after a change fills the caches
        return {name: _work(coordinator_client, url) for name, url in urls.items()}

    _add_activities(side, FEW, 0)
    few = work()
    _add_activities(side, MANY - FEW, FEW)
    many = work()
    grown = {name: round(many[name] / few[name], 2) for name in PAGES if many[name] > few[name] * 1.1}
    assert not grown, f"pages whose work grew from {FEW} to {MANY} activities (times): {grown}"


@pytest.mark.django_db
def test_a_partnerships_kept_counts_follow_its_activities(coordinator_client, world):
    """The counts are kept, but a new, changed or removed activity shows on the next view."""
    from tests import factories as f

    side = world["own"]
    url = side["partnership"].get_absolute_url()

    def total() -> str:
        content = coordinator_client.get(url).content.decode()
        return re.search(r"(\d+) aktivitet(?:er)? totalt", content).group(1)

    assert total() == "1"
    added = f.ActivityFactory(
        institution=side["partnership"].institution,
        partnership=side["partnership"],
        type=side["activitytype"],
    )
    assert total() == "2"
    added.delete()
    assert total() == "1"
