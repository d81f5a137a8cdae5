"""The one search box: stems in Swedish and English, ranked, grouped, highlighted, only what the user may see.

The same tests run on SQLite (FTS5) and, in CI, on PostgreSQL (tsvector): the
behaviour must not depend on the database.
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samverka.activities.models import Activity
from samverka.core.cache import invalidate_institution
from samverka.directory.models import Organisation
from samverka.lib.dbstats import refresh_statistics
from samverka.privacy.domain import anonymise_person
from samverka.search import backends
from samverka.search import domain as search_domain
from samverka.search.backends import Question, filter_matching
from samverka.search.domain import search
from samverka.search.models import SearchEntry
from samverka.search.text import Query, highlight, terms
from tests import factories as f
from tests.conftest import client_for

URL = reverse("search:results")


def found(client, text, **params) -> dict[str, list[str]]:
    """{kind: [titles of the hits, best first]} of a search, as the page shows them."""
    response = client.get(URL, {"q": text, **params})
    assert response.status_code == 200
    return {group.kind.key: [str(hit.obj) for hit in group.hits] for group in response.context["groups"]}


@pytest.fixture
def records(world):
    own = world["own"]
    institution = own["partnership"].institution

    def activity(title, description="", partnership=own["partnership"]):
        return f.ActivityFactory(
            institution=institution,
            partnership=partnership,
            type=own["activitytype"],
            title_sv=title,
            description_sv=description,
        )

    return {
        "thesis": activity("Examensarbete om vätgasdrivna truckar"),
        "lecture": activity("Gästföreläsning", "Ett examensarbete presenteras också."),
        "english": activity("Workshop", "Joint work with two municipalities in the region."),
        "sibling": activity("Examensarbete i logistik", partnership=world["sibling"]["partnership"]),
        "municipality": f.OrganisationFactory(
            institution=institution, name="Luleå kommun", type="municipality"
        ),
        "elsewhere": f.OrganisationFactory(
            institution=world["other"]["partnership"].institution, name="Umeå kommun", type="municipality"
        ),
    }


def test_words_are_indexed_with_their_swedish_and_english_stems():
    indexed = terms("Examensarbeten i kommunen, municipalities").split()
    assert {"examensarbeten", "examensarbet", "kommunen", "kommun", "municipalities", "municip"} <= set(
        indexed
    )
    assert len(indexed) == len(set(indexed))


def test_swedish_and_english_forms_find_each_other(coordinator, records):
    client = client_for(coordinator)
    assert "Luleå kommun" in found(client, "kommunen")["organisation"]
    assert "Umeå kommun" not in found(client, "kommunen")["organisation"]  # another institution's
    theses = found(client, "examensarbeten")["activity"]
    assert set(theses) == {
        "Examensarbete om vätgasdrivna truckar",
        "Gästföreläsning",
        "Examensarbete i logistik",
    }
    assert found(client, "municipality")["activity"] == ["Workshop"]
    assert found(client, "vätgas")["activity"] == [
        "Examensarbete om vätgasdrivna truckar"
    ]  # a word it begins


def test_every_word_must_be_found_and_title_words_rank_first(coordinator, records):
    client = client_for(coordinator)
    assert found(client, "examensarbete vätgas")["activity"] == ["Examensarbete om vätgasdrivna truckar"]
    assert "activity" not in found(client, "examensarbete zebra")
    ranked = found(client, "examensarbete")["activity"]
    assert ranked[-1] == "Gästföreläsning"  # only in its description


def test_hits_are_grouped_by_kind_and_the_words_highlighted(coordinator, records, world):
    client = client_for(coordinator)
    partnership = world["own"]["partnership"]
    type(partnership).objects.get(pk=partnership.pk).save()  # indexed as it is
    page = client.get(URL, {"q": "kommunen examensarbete"})
    assert page.context["groups"] == []  # no record has both
    page = client.get(URL, {"q": "kommun"}).content.decode()
    assert "<mark>kommun</mark>" in page
    assert '<h2 id="hits-organisation">' in page
    page = client.get(URL, {"q": "examensarbeten"}).content.decode()
    assert "<mark>Examensarbete</mark> om vätgasdrivna truckar" in page
    assert "Ett <mark>examensarbete</mark> presenteras också." in page


def test_highlighting_escapes_html():
    marked = str(highlight('<script>alert("kommun")</script> kommunen', Query.parse("kommun")))
    assert "<script>" not in marked
    assert "&lt;script&gt;" in marked
    assert marked.count("<mark>") == 2


def test_one_kind_pages_through_every_hit(coordinator, world, settings):
    own = world["own"]
    for n in range(25):
        f.ActivityFactory(
            institution=own["partnership"].institution,
            partnership=own["partnership"],
            type=own["activitytype"],
            title_sv=f"Seminarium {n}",
        )
    client = client_for(coordinator)
    overview = client.get(URL, {"q": "seminarier"})
    group = overview.context["groups"][0]
    assert group.count == 25 and len(group.hits) == 5
    assert "kind=activity" in overview.content.decode()
    first = client.get(URL, {"q": "seminarier", "kind": "activity"}).context
    second = client.get(URL, {"q": "seminarier", "kind": "activity", "page": 2}).context
    shown = [hit.obj.pk for hit in first["groups"][0].hits] + [hit.obj.pk for hit in second["groups"][0].hits]
    assert len(shown) == 25 == len(set(shown))


def test_search_finds_only_what_the_user_may_see(members, world, records):
    partnership = world["own"]["partnership"]
    partnership.internal_notes = "Hemlig förhandling om hyresavtalet"
    partnership.save()
    partner = client_for(members["partner"])
    assert found(partner, "examensarbete")["activity"] == [
        "Examensarbete om vätgasdrivna truckar",
        "Gästföreläsning",
    ]  # not the sibling partnership's
    assert "organisation" not in found(partner, "kommun")  # partners do not see the directory
    assert found(partner, "hyresavtal") == {}  # internal notes find nothing for a partner
    viewer = client_for(members["viewer"])
    assert found(viewer, "hyresavtal")["partnership"] == [str(partnership)]
    staff = client_for(members["staff"])
    assert "Examensarbete i logistik" in found(staff, "examensarbete")["activity"]


def test_the_index_follows_every_save_and_deletion(coordinator, records):
    client = client_for(coordinator)
    thesis = records["thesis"]
    thesis.title_sv = "Masterarbete om bränsleceller"
    thesis.save()
    assert "Masterarbete om bränsleceller" not in found(client, "vätgas").get("activity", [])
    assert found(client, "bränslecell")["activity"] == ["Masterarbete om bränsleceller"]
    thesis.delete()
    assert found(client, "bränslecell") == {}


def test_an_anonymised_person_is_no_longer_found_by_name(coordinator, world):
    person = f.PersonFactory(institution=world["own"]["partnership"].institution, first_name="Gunhild")
    client = client_for(coordinator)
    assert found(client, "gunhild")["person"] == [str(person)]
    anonymise_person(person, actor=coordinator, reason="Begärt radering enligt art. 17")
    assert found(client, "gunhild") == {}


def test_records_loaded_in_bulk_are_found_after_the_index_is_rebuilt(coordinator, world):
    institution = world["own"]["partnership"].institution
    Organisation.objects.bulk_create(
        [Organisation(institution=institution, name="Piteå kommun", type="municipality")]
    )
    client = client_for(coordinator)
    assert found(client, "piteå") == {}
    call_command("search-index", "--no-progress", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert found(client, "piteå")["organisation"] == ["Piteå kommun"]
    assert (
        SearchEntry.objects.filter(institution=institution).count()
        >= Organisation.objects.filter(institution=institution).count()
    )


@pytest.mark.parametrize(
    "text",
    [
        '"',
        "*",
        "kommun*",
        "NEAR(a b)",
        "a OR",
        "-kommun",
        "'; DROP TABLE x; --",
        "^",
        "{terms_internal}: x",
        "ö" * 600,
    ],
)
def test_any_text_is_a_search_never_an_error(coordinator, records, text):
    response = client_for(coordinator).get(URL, {"q": text})
    assert response.status_code == 200


def test_an_empty_search_shows_the_box_and_no_hits(coordinator, records):
    response = client_for(coordinator).get(URL, {"q": "  ,. "})
    assert response.status_code == 200
    assert response.context["groups"] == []
    assert 'id="search-q"' in response.content.decode()


def test_the_search_box_is_on_every_workspace_page(members, world):
    from tests.urlconf import internal_routes

    client = client_for(members["admin"])
    pages = [r for r in internal_routes() if not r.takes_pk and r.action != "add"]
    checked = 0
    for route in pages:
        response = client.get(reverse(route.name))
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            page = response.content.decode()
            assert 'role="search"' in page and f'action="{URL}"' in page, route.name
            checked += 1
    assert checked >= 10


def test_news_is_found_and_drafts_only_by_those_who_may_see_them(members, world):

    institution = world["own"]["partnership"].institution
    for title, published in (("Vätgasdagen i Luleå", True), ("Utkast om vätgasdagen", False)):
        item = f.NewsItemFactory(institution=institution, title_sv=title, published=published)
        item.partnerships.set([world["own"]["partnership"]])
    area = f.FocusAreaFactory(partnership=world["own"]["partnership"], name_sv="Vätgasens infrastruktur")
    coordinator = found(client_for(members["coordinator"]), "vätgas")
    assert set(coordinator["newsitem"]) == {"Vätgasdagen i Luleå", "Utkast om vätgasdagen"}
    assert coordinator["focusarea"] == [str(area)]
    partner = found(client_for(members["partner"]), "vätgas")
    assert partner["newsitem"] == ["Vätgasdagen i Luleå"]
    assert partner["focusarea"] == [str(area)]


@pytest.mark.parametrize("together", [2000, 0])  # ranked in one window, or each kind by itself
@pytest.mark.parametrize("ranked", [2000, 4])  # every hit ranked, or (SQLite) the newest 4
def test_every_hit_is_on_one_page_whatever_the_ranking_path(
    coordinator, world, monkeypatch, together, ranked
):
    monkeypatch.setattr(search_domain, "RANKED_TOGETHER", together)
    monkeypatch.setattr(backends, "RANKED_ON_SQLITE", ranked)
    own = world["own"]
    made = [
        f.ActivityFactory(
            institution=own["partnership"].institution,
            partnership=own["partnership"],
            type=own["activitytype"],
            title_sv="Seminarium" + " om seminarier" * (n % 3),  # ranks apart
        )
        for n in range(27)
    ]
    f.OrganisationFactory(institution=own["partnership"].institution, name="Seminariegården")
    client = client_for(coordinator)
    overview = found(client, "seminarier")
    assert len(overview["activity"]) == 5 and overview["organisation"] == ["Seminariegården"]
    pages = [client.get(URL, {"q": "seminarier", "kind": "activity", "page": n}).context for n in (1, 2)]
    shown = [hit.obj.pk for page in pages for hit in page["groups"][0].hits]
    assert sorted(shown) == sorted(activity.pk for activity in made)
    assert [str(hit.obj) for hit in pages[0]["groups"][0].hits[:5]] == overview["activity"]


def test_the_search_queries_do_not_grow_with_the_kinds_found(coordinator, world):
    client = client_for(coordinator)
    institution = world["own"]["partnership"].institution

    def queries() -> int:
        invalidate_institution(institution.pk)  # count the search, not what was kept of it
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL, {"q": "fjällräv"}).status_code == 200
        return len(captured)

    f.OrganisationFactory(institution=institution, name="Fjällräven AB")
    one = queries()
    f.PersonFactory(institution=institution, first_name="Fjällräv", last_name="Fjällrävsson")
    f.ActivityFactory(institution=institution, title_sv="Fjällrävsinventering")
    assert set(found(client, "fjällräv")) == {"organisation", "person", "activity"}
    assert queries() == one + 2  # the records of each kind found are read once


def test_search_queries_do_not_grow_with_the_hits(coordinator, world):
    client = client_for(coordinator)
    own = world["own"]

    def add(count):
        for _ in range(count):
            f.ActivityFactory(
                institution=own["partnership"].institution,
                partnership=own["partnership"],
                type=own["activitytype"],
                title_sv="Studiebesök i hamnen",
            )

    def queries(params) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL, params).status_code == 200
        return len(captured)

    add(2)
    few = queries({"q": "studiebesök"}), queries({"q": "studiebesök", "kind": "activity"})
    add(30)
    assert (queries({"q": "studiebesök"}), queries({"q": "studiebesök", "kind": "activity"})) == few


def sqlite_steps(run) -> int:
    """The virtual-machine steps SQLite takes for ``run()``: its work, row by row."""
    steps = [0]

    def step():
        steps[0] += 1

    connection.ensure_connection()
    connection.connection.set_progress_handler(step, 1)
    try:
        run()
    finally:
        connection.connection.set_progress_handler(None, 1)
    return steps[0]


def gin_rows(entries) -> int:
    """The rows PostgreSQL's full-text index gives for a match (read from the plan)."""
    sql, params = entries.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # the index, as for a large table
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params)
        nodes = [cursor.fetchone()[0][0]["Plan"]]
    while nodes:
        node = nodes.pop()
        if node["Node Type"] == "Bitmap Index Scan":
            return node["Actual Rows"]
        nodes += node.get("Plans", [])
    raise AssertionError("the full-text index was not used")


def test_a_search_reads_nothing_of_other_institutions(coordinator, world):
    """Other institutions' hits of the same words cost nothing: the institution is part of the
    full-text match (a column of FTS5's table, a token of PostgreSQL's document), so the index
    gives only the institution's entries. Measured as the whole search's steps on SQLite, as the
    rows the GIN index gives on PostgreSQL."""
    from samverka.core.models import Membership
    from samverka.core.permissions import Policy

    def hamnar(side, count):
        for n in range(count):
            f.ActivityFactory(
                institution=side["partnership"].institution,
                partnership=side["partnership"],
                type=side["activitytype"],
                title_sv=f"Hamnlogistik {n}",
            )

    policy = Policy(Membership.objects.get(user=coordinator))
    hamnar(world["own"], 3)
    # many more entries of one's own that do not match, as at an institution in use
    kind = ContentType.objects.get_for_model(Activity)
    SearchEntry.objects.bulk_create(
        SearchEntry(
            institution=policy.institution, content_type=kind, object_id=10**9 + n, terms_title="annat"
        )
        for n in range(3000)
    )
    refresh_statistics(connection)  # the planner knows the table is large
    question = Question(Query.parse("hamnlogistik"), internal=True, institution=policy.institution.pk)

    def work() -> int:
        if connection.vendor == "postgresql":  # the match alone, with no other condition
            return gin_rows(filter_matching(SearchEntry.objects.all(), question))
        return sqlite_steps(lambda: search(policy, "hamnlogistik"))

    work()  # the synonyms and kinds are read and kept
    alone = work()
    hamnar(world["other"], 60)
    assert [group.count for group in search(policy, "hamnlogistik")] == [3]
    assert filter_matching(SearchEntry.objects.all(), question).count() == 3
    assert work() < alone + 60  # not even one step for each of their hits


def test_the_domain_search_needs_a_membership(coordinator, records):
    from samverka.core.models import Membership
    from samverka.core.permissions import Policy

    assert search(Policy(Membership.objects.get(user=coordinator)), "kommun") != []
    assert search(Policy(None), "kommun") == []


def test_a_search_is_kept_until_a_record_changes(coordinator, world):
    """Paging through a word's hits, or from the overview to a kind and back, counts and ranks them
    once: kept per member and query until a record of the institution changes."""
    institution = world["own"]["partnership"].institution
    f.OrganisationFactory(institution=institution, name="Fjällräven AB")
    client = client_for(coordinator)

    def searched(text):
        with CaptureQueriesContext(connection) as captured:
            groups = client.get(URL, {"q": text}).context["groups"]
        return {group.kind.label: group.count for group in groups}, len(captured)

    (first, made), (again, kept) = searched("fjällräv"), searched("fjällräv")
    assert first == again == {"directory.organisation": 1} and kept < made
    assert searched("fjällrävar")[1] == made  # another question is asked of the index
    f.OrganisationFactory(institution=institution, name="Fjällrävens vänner")
    assert searched("fjällräv") == ({"directory.organisation": 2}, made)
