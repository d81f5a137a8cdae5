"""What a Swedish coordinator means: definite forms and inflections by their dictionary form
(simplemma), the parts of compounds, hyphenated words written together, and the institution's
synonyms (issue: findability). The same on SQLite and PostgreSQL."""

import pytest
from django.urls import reverse

from samverka.search.backends import Question, _fts5_expression, _tsquery
from samverka.search.models import Synonym
from samverka.search.synonyms import STANDARD_SYNONYMS, ensure_standard_synonyms
from samverka.search.text import Query, compound_part, lemmas, synonym_map, terms
from tests import factories as f
from tests.conftest import client_for

URL = reverse("search:results")


def titles(client, text) -> set[str]:
    response = client.get(URL, {"q": text})
    assert response.status_code == 200
    return {str(hit.obj) for group in response.context["groups"] for hit in group.hits}


@pytest.fixture
def activities(institution):
    ensure_standard_synonyms(institution)

    def activity(title, description=""):
        return f.ActivityFactory(
            institution=institution, partnership=None, title_sv=title, description_sv=description
        )

    return {
        "project": activity("Projekt om vätgas"),
        "research": activity("Forskningsprojekt i glesbygd"),
        "society": activity("Samhälle och skola"),
        "waste": activity("Minskat matsvinn i skolkök"),
        "cycling": activity("Nya cykelstråk i Umeå"),
        "ehealth": activity("E-hälsa för äldre"),
        "thesis": activity("Examensarbete om kollektivtrafik"),
        "nurses": activity("Handledning av sjuksköterskor"),
        "bioeconomy": activity("Förstudie om bioekonomi"),
        "change": activity("Tankar om samhällsförändring"),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("projektet", "Projekt om vätgas"),
        ("forskningsprojektet", "Forskningsprojekt i glesbygd"),
        ("samhället", "Samhälle och skola"),
        ("matsvinnet", "Minskat matsvinn i skolkök"),
        ("svinn", "Minskat matsvinn i skolkök"),
        ("stråk", "Nya cykelstråk i Umeå"),
        ("ehälsa", "E-hälsa för äldre"),
        ("e-hälsa", "E-hälsa för äldre"),
        ("sjuksköterskorna", "Handledning av sjuksköterskor"),
        ("bioekonomin", "Förstudie om bioekonomi"),  # a compound the dictionary lacks: by its part
        ("samhället", "Tankar om samhällsförändring"),  # the first part of a compound less its vowel
        # the starting set of synonyms
        ("exjobb", "Examensarbete om kollektivtrafik"),
        ("exjobbet", "Examensarbete om kollektivtrafik"),
        ("degree project", "Examensarbete om kollektivtrafik"),
        ("public transport", "Examensarbete om kollektivtrafik"),
        ("food waste", "Minskat matsvinn i skolkök"),
    ],
)
def test_a_coordinators_words_find_the_record(coordinator_client, activities, text, expected):
    assert expected in titles(coordinator_client, text)


def test_the_lemma_and_compound_part_are_indexed():
    indexed = terms("Matsvinnet i cykelstråken, e-hälsa").split()
    assert {"matsvinn", "svinn", "stråk", "ehälsa", "e", "hälsa"} <= set(indexed)
    assert len(indexed) == len(set(indexed))
    assert lemmas("projektet") >= {"projekt"}
    assert compound_part("cykelstråk") == "stråk" and compound_part("kommun") is None


def test_a_word_of_no_synonym_still_needs_every_word(coordinator_client, activities):
    assert titles(coordinator_client, "exjobb vätgas") == set()  # synonyms widen a word, never drop one


def test_an_institutions_own_synonyms_are_used_and_edited(coordinator_client, institution, activities):
    assert titles(coordinator_client, "velocipedled") == set()
    response = coordinator_client.post(
        reverse("search:synonym-create"), {"words": "cykelstråk, velocipedled"}
    )
    assert response.status_code == 302
    assert "Nya cykelstråk i Umeå" in titles(coordinator_client, "velocipedled")
    synonym = Synonym.objects.get(words="cykelstråk, velocipedled")
    coordinator_client.post(
        reverse("search:synonym-edit", args=[synonym.pk]),
        {"words": "cykelstråk, cykelbana", "expected_version": 1},
    )
    assert titles(coordinator_client, "velocipedled") == set()
    assert "Nya cykelstråk i Umeå" in titles(coordinator_client, "cykelbana")


def test_a_synonym_needs_two_terms_and_changes_nothing_otherwise(coordinator_client, institution):
    before = Synonym.objects.count()
    response = coordinator_client.post(reverse("search:synonym-create"), {"words": "exjobb, Exjobb"})
    assert response.status_code == 200
    assert response.context["form"].errors["words"] == [
        "Ge minst två termer som betyder samma sak, åtskilda med kommatecken."
    ]
    assert Synonym.objects.count() == before


def test_the_starting_set_is_given_once_and_is_the_institutions_to_change(institution):
    ensure_standard_synonyms(institution)
    assert Synonym.objects.filter(institution=institution).count() == len(STANDARD_SYNONYMS)
    Synonym.objects.filter(institution=institution).first().delete()
    ensure_standard_synonyms(institution)  # a list of its own is kept as it is
    assert Synonym.objects.filter(institution=institution).count() == len(STANDARD_SYNONYMS) - 1


def test_phrases_of_the_synonym_list_are_read_as_one_part():
    synonyms = synonym_map([["exjobb", "examensarbete", "degree project"]])
    query = Query.parse("degree project kommun", synonyms)
    assert len(query.parts) == 2
    assert len(query.parts[0]) == 3  # the phrase, exjobb, examensarbete
    assert Query.parse("project", synonyms).parts[0] == Query.parse("project").parts[0]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("Skelefteå", "skellefteå"),
        ("kommmun", "kommun"),
        ("Örnsköldvik", "örnsköldsvik"),
        ("exmensarbete", "examensarbete"),
    ],
)
def test_a_typo_that_finds_nothing_is_offered_the_nearest_words(
    coordinator_client, institution, activities, typed, meant
):
    f.OrganisationFactory(institution=institution, name="Skellefteå kommun")
    f.ActivityFactory(institution=institution, partnership=None, title_sv="Studiebesök i Örnsköldsvik")
    response = coordinator_client.get(URL, {"q": typed})
    assert response.context["groups"] == []
    assert response.context["did_you_mean"] == meant
    assert f'href="?q={meant}"'.replace("ö", "%C3%B6").replace("å", "%C3%A5") in response.content.decode()
    assert titles(coordinator_client, meant)


def test_a_search_that_finds_something_or_nothing_near_is_offered_nothing(coordinator_client, activities):
    assert "did_you_mean" not in coordinator_client.get(URL, {"q": "projekt"}).context
    assert coordinator_client.get(URL, {"q": "xyzzyqq"}).context["did_you_mean"] is None


def test_a_correction_never_tells_of_records_the_user_may_not_see(members, world):
    sibling = world["sibling"]["partnership"]
    f.ActivityFactory(institution=sibling.institution, partnership=sibling, title_sv="Hemlig vätgasstudie")
    client = client_for(members["partner"])
    assert client.get(URL, {"q": "vätgasstudei"}).context["did_you_mean"] is None
    assert (
        client_for(members["coordinator"]).get(URL, {"q": "vätgasstudei"}).context["did_you_mean"]
        == "vätgasstudie"
    )


def test_the_api_and_the_lists_q_find_what_the_search_page_finds(coordinator_client, institution, activities):
    f.OrganisationFactory(institution=institution, name="Luleå kommun")
    response = coordinator_client.get("/api/v1/organisations/", {"q": "kommunerna"})
    assert [row["name"] for row in response.json()["results"]] == ["Luleå kommun"]
    response = coordinator_client.get("/api/v1/activities/", {"q": "exjobbet"})
    assert [row["title_sv"] for row in response.json()["results"]] == ["Examensarbete om kollektivtrafik"]
    page = coordinator_client.get(reverse("activities:activity-list"), {"q": "projektet"})
    assert {str(a) for a in page.context["object_list"]} == {
        "Projekt om vätgas",
        "Forskningsprojekt i glesbygd",
    }
    # part of a word or a number, as the list's box has always found
    page = coordinator_client.get(reverse("activities:activity-list"), {"q": "ykelstr"})
    assert [str(a) for a in page.context["object_list"]] == ["Nya cykelstråk i Umeå"]


def test_a_person_is_found_by_every_organisation_they_belong_or_belonged_to(coordinator_client, institution):
    region = f.OrganisationFactory(institution=institution, name="Region Västerbotten")
    board = f.OrganisationFactory(institution=institution, name="Skellefteå kraft")
    lena = f.PersonFactory(institution=institution, first_name="Lena", last_name="Berg", organisation=region)
    assert "Lena Berg" not in titles(coordinator_client, "skellefteå kraft")
    place = f.AffiliationFactory(person=lena, organisation=board, role="styrelseledamot")
    assert "Lena Berg" in titles(coordinator_client, "skellefteå kraft")
    assert "Lena Berg" in titles(coordinator_client, "styrelseledamöter")  # the role, by its lemma
    place.delete()
    assert "Lena Berg" not in titles(coordinator_client, "skellefteå kraft")
    # and a rebuild of the index says the same
    f.AffiliationFactory(person=lena, organisation=board)
    from django.core.management import call_command

    call_command("search-index")
    assert "Lena Berg" in titles(coordinator_client, "skellefteå kraft")


def test_a_form_a_shorter_beginning_covers_is_left_out_of_the_database_query():
    query = Query.parse("examensarbeten")  # forms "examensarbet", "examensarbete", "examensarbeten"
    assert _tsquery(Question(query, internal=False, institution=1)) == "((('i1xexamensarbet':*)))"
    # an internal user's query asks for the institution's open words and its internal notes' words
    internal = _tsquery(Question(query, internal=True, institution=1))
    assert internal == "(((('i1xexamensarbet':* | 'n1xexamensarbet':*))))"
    fts5 = _fts5_expression(Question(query, internal=True, institution=1))
    assert fts5.count('"examensarbet"*') == 1 and "examensarbeten" not in fts5
