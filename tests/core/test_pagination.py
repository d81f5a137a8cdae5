"""Lists count at most SAMVERKA_COUNT_LIMIT rows, page stably, and read deep pages by id first."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.views.generic import ListView

from samverka.activities.models import Activity
from samverka.core import pagination
from tests import factories as f
from tests.conftest import client_for
from tests.core.test_permissions import url_for
from tests.urlconf import internal_routes

LIST = "/app/activities/"


@pytest.fixture
def activities(institution):
    kind = f.ActivityTypeFactory(institution=institution)
    same_day = datetime.date(2025, 3, 1)
    # Many rows share a start date: the order must still be total (id breaks ties).
    return [
        f.ActivityFactory(
            institution=institution, type=kind, title_sv=f"Aktivitet {n:02d}", starts_on=same_day
        )
        for n in range(12)
    ]


def titles(response) -> list[str]:
    return [a.title_sv for a in response.context["object_list"]]


def test_count_stops_at_the_limit_and_says_so(settings, coordinator_client, activities):
    settings.SAMVERKA_COUNT_LIMIT = 8
    settings.SAMVERKA_PAGE_SIZE = 3
    page = coordinator_client.get(LIST)
    paginator = page.context["paginator"]
    assert (paginator.found, paginator.count, paginator.num_pages, paginator.capped) == (9, 8, 3, True)
    assert "Fler än 8 träffar" in page.content.decode()
    # Pages beyond the limit are not offered: a link to one shows the last page there is.
    beyond = coordinator_client.get(LIST + "?page=4")
    assert (beyond.status_code, beyond.context["page_obj"].number) == (200, 3)


def test_under_the_limit_the_exact_count_is_shown(settings, coordinator_client, activities):
    settings.SAMVERKA_COUNT_LIMIT = 100
    page = coordinator_client.get(LIST)
    assert page.context["paginator"].capped is False
    assert "12 träffar" in page.content.decode()


def test_count_query_is_limited(settings, coordinator_client, activities):
    settings.SAMVERKA_COUNT_LIMIT = 5
    with CaptureQueriesContext(connection) as queries:
        coordinator_client.get(LIST)
    counts = [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]
    assert len(counts) == 1
    assert "LIMIT 6" in counts[0]
    assert "ORDER BY" not in counts[0].upper()


def test_pages_cover_every_row_exactly_once_in_a_stable_order(
    settings, coordinator_client, activities, monkeypatch
):
    """Deep pages (read by id first) and near pages (read directly) agree with the plain order."""
    settings.SAMVERKA_PAGE_SIZE = 2
    monkeypatch.setattr(pagination, "DEFERRED_FROM_PAGE", 3)
    seen = []
    for number in range(1, 7):
        seen += titles(coordinator_client.get(f"{LIST}?page={number}&o=starts_on"))
    expected = list(Activity.objects.order_by("starts_on", "pk").values_list("title_sv", flat=True))
    assert seen == expected
    assert len(set(seen)) == 12


def _table(response) -> str:
    page = response.content.decode()
    return page[page.index("<table>") : page.index("</table>")]


def test_a_deep_page_runs_a_fixed_number_of_queries(settings, coordinator_client, activities, monkeypatch):
    settings.SAMVERKA_PAGE_SIZE = 2
    monkeypatch.setattr(pagination, "DEFERRED_FROM_PAGE", 3)
    coordinator_client.get(LIST)  # the filter's choices are read once, then kept
    with CaptureQueriesContext(connection) as near:
        coordinator_client.get(f"{LIST}?page=2")
    with CaptureQueriesContext(connection) as deep:
        made = coordinator_client.get(f"{LIST}?page=5")
    assert len(deep) == len(near) + 1  # the ids of the page, then its rows
    # Asked again, the page's table is kept: neither its ids nor its rows are read.
    with CaptureQueriesContext(connection) as again:
        coordinator_client.get(f"{LIST}?page=5")
    assert not [q for q in again if 'FROM "activities_activity"' in q["sql"]]
    # The kept page shows the rows the made page read, and they are still there to read.
    kept = coordinator_client.get(f"{LIST}?page=5")
    assert _table(kept) == _table(made) and titles(kept) == titles(made) and len(titles(made)) == 2


LISTS = [route for route in internal_routes() if route.view_class and issubclass(route.view_class, ListView)]


def test_every_list_shows_a_page_for_any_page_number(settings, administrator, world):
    """A bookmark outlives the records it showed: ``?page=`` past the end shows the last page,
    one that is no page the first — on every list, never a 404."""
    settings.SAMVERKA_PAGE_SIZE = 1
    client = client_for(administrator)
    several_pages = 0
    for route in LISTS:
        url = url_for(route, world["own"])
        several_pages += client.get(url).context["paginator"].num_pages > 1
        for asked in ("999", "0", "-1", "x"):
            response = client.get(url, {"page": asked})
            assert response.status_code == 200, (url, asked)
            page = response.context["page_obj"]
            assert page.number == (page.paginator.num_pages if asked == "999" else 1), (url, asked)
    assert several_pages > len(LISTS) // 2  # the last page is not the first on most lists


def test_a_lists_count_is_kept_until_a_record_changes(members, world, institution):
    """Counting the matches of a search reads every row (``LIKE '%vätgas%'``): the count is kept
    per query and member until a record of the institution changes (``CappedPaginator.kept_for``)."""
    kind = world["own"]["activity"].type
    for n in range(3):
        f.ActivityFactory(institution=institution, type=kind, title_sv=f"Vätgasfabrik {n}")
    coordinator = client_for(members["coordinator"])

    def counted(client, **query):
        with CaptureQueriesContext(connection) as context:
            paginator = client.get(LIST, query).context["paginator"]
        return paginator.count, sum("COUNT(*)" in q["sql"] for q in context)

    assert counted(coordinator, q="vätgas") == (3, 1)
    assert counted(coordinator, q="vätgas") == (3, 0)  # kept
    assert counted(coordinator, q="vätgas", page=2, o="-starts_on") == (3, 0)  # the same matches
    assert counted(coordinator, q="fabrik") == (3, 1)  # another query: counted
    # Another member's reach: counted for them.
    assert counted(client_for(members["partner"]), q="vätgas") == (0, 1)
    # A new match is counted at once.
    f.ActivityFactory(institution=institution, type=kind, title_sv="Vätgasfabrik 4")
    assert counted(coordinator, q="vätgas") == (4, 1)
