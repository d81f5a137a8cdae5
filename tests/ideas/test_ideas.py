"""Ideas: intake from the workspace and the public form, the pipeline's stages, the board, list and
statistics, and the matchmaking with its verdicts."""

import datetime
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samverka.core.tenancy import public_sites
from samverka.ideas.domain import matching
from samverka.ideas.domain.matching import Need, clear_cache, vocabulary
from samverka.ideas.forms import SUBMITTER_PURPOSES
from samverka.ideas.models import Idea, IdeaContact, Stage, StageChange, SuggestionFeedback
from tests import factories as f
from tests.conftest import client_for


@pytest.fixture(autouse=True)
def _fresh():
    cache.clear()  # the public form's rate limit counts in the cache


@pytest.fixture
def partnership(institution):
    return f.PartnershipFactory(institution=institution, published=True, status="active")


def member(institution, role, **extra):
    membership = f.MembershipFactory(
        institution=institution, role=role, user__email=f"{role}@example.se", **extra
    )
    return membership.user


# --- intake ------------------------------------------------------------------------------------


def public_data(partnership, **extra):
    return {
        "kind": "need",
        "title": "Renare vatten i sjöarna",
        "description": "Sjöarna blir bruna och vi behöver förstå varför.",
        "partnership": partnership.pk,
        "submitter_name": "Anna Andersson",
        "submitter_email": "anna@example.se",
        "consent": "on",
        **extra,
    }


def test_the_public_form_marks_what_is_needed_and_lets_the_browser_fill_in_the_submitter(
    institution, partnership
):
    """WCAG 3.3.2 and 1.3.5: required fields marked; the fields about the submitter say what they
    hold; after a failed send the title begins "Fel:"."""
    response = Client().get(reverse("public:idea-submit"))
    page = response.content.decode()
    for name, purpose in SUBMITTER_PURPOSES.items():
        assert re.search(
            rf'<input[^>]*name="{name}"[^>]*autocomplete="{purpose}"|<input[^>]*autocomplete="{purpose}"[^>]*name="{name}"',
            page,
        )
    required = [field for field in response.context["form"].visible_fields() if field.field.required]
    assert {field.name for field in required} >= {"title", "submitter_name", "submitter_email", "consent"}
    assert page.count('<span class="required-mark" aria-hidden="true">*</span>') == len(required)
    failed = Client().post(reverse("public:idea-submit"), {"title": "Bara en titel"}).content.decode()
    assert "<title>Fel: " in failed and 'id="error-summary"' in failed


def test_the_public_form_takes_an_idea_sends_a_receipt_and_tells_the_coordinators(
    institution, partnership, django_capture_on_commit_callbacks
):
    member(institution, "coordinator")
    client = Client()
    url = reverse("public:idea-submit")
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, public_data(partnership))
    assert response.status_code == 302  # to the idea's own page: a reload sends nothing twice
    idea = Idea.objects.get(title="Renare vatten i sjöarna")
    expected = ("public", "new", None, partnership)
    assert (idea.source, idea.stage, idea.created_by, idea.partnership) == expected
    assert idea.reference in client.get(response.url).content.decode()
    receipt, notice = sorted(mail.outbox, key=lambda m: m.to[0])
    assert receipt.to == ["anna@example.se"] and idea.reference in receipt.subject
    assert "Renare vatten" not in receipt.body  # no words of the submission go to a typed address
    assert notice.to == ["coordinator@example.se"] and idea.get_absolute_url() in notice.body
    # the receipt's private link shows this idea, and only to its holder
    link = re.search(r"http://\S+", receipt.body).group(0).removeprefix("http://127.0.0.1:8000")
    page = client.get(link)
    assert page.status_code == 200 and "Renare vatten i sjöarna" in page.content.decode()
    secret = link.rstrip("/").rsplit("/", 1)[1]
    assert client.get(link.replace(secret, "gissat-hemligt")).status_code == 404


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"consent": ""}, "consent"),
        ({"submitter_email": ""}, "submitter_email"),
        ({"submitter_email": "inte-en-adress"}, "submitter_email"),
        ({"title": "x" * 201}, "title"),
        ({"description": "x" * 5001}, "description"),
        ({"partnership": "999999"}, "partnership"),
    ],
)
def test_bad_public_input_gets_a_clear_error_and_saves_nothing(institution, partnership, change, field):
    response = Client().post(reverse("public:idea-submit"), {**public_data(partnership), **change})
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Idea.objects.exists()


def test_the_public_form_offers_only_published_partnerships(institution, partnership):
    hidden = f.PartnershipFactory(institution=institution, published=False)
    response = Client().post(reverse("public:idea-submit"), public_data(hidden))
    assert response.status_code == 400 and "partnership" in response.context["form"].errors
    assert hidden.title not in Client().get(reverse("public:idea-submit")).content.decode()


def test_a_robot_filling_the_trap_is_thanked_and_nothing_is_kept(institution, partnership):
    response = Client().post(reverse("public:idea-submit"), public_data(partnership, homepage="http://spam"))
    assert response.status_code == 200
    assert not Idea.objects.exists()
    assert mail.outbox == []


def test_the_public_form_is_rate_limited_per_address(institution, partnership, settings):
    settings.SAMVERKA_IDEA_RATE = "2/h"
    client = Client(REMOTE_ADDR="10.1.2.3")
    url = reverse("public:idea-submit")
    assert client.post(url, public_data(partnership, consent="")).status_code == 400
    for number in range(2):  # the correction above did not count
        assert client.post(url, public_data(partnership, title=f"Idé {number}")).status_code == 302
    response = client.post(url, public_data(partnership, title="En till"))
    assert response.status_code == 429
    assert Idea.objects.count() == 2
    other = Client(REMOTE_ADDR="10.9.9.9")  # another address is not held back
    assert other.post(url, public_data(partnership, title="Annan")).status_code == 302


def test_the_status_page_shows_nothing_of_a_members_idea(institution, partnership):
    from samverka.ideas.domain.pipeline import receipt_secret

    secret, digest = receipt_secret()
    f.IdeaFactory(partnership=partnership, source="staff", receipt_hash=digest)
    assert Client().get(reverse("public:idea-status", args=[secret])).status_code == 404


def test_a_partner_sends_an_idea_for_their_partnership_only(institution, partnership):
    organisation = partnership.organisations.first() or f.OrganisationFactory(institution=institution)
    partnership.organisations.add(organisation)
    other = f.PartnershipFactory(institution=institution)
    user = member(institution, "partner", organisation=organisation)
    client = client_for(user)
    data = {
        "kind": "idea",
        "title": "Gemensam workshop",
        "description": "Om AI.",
        "partnership": partnership.pk,
    }
    assert client.post(reverse("ideas:idea-create"), data).status_code == 302
    idea = Idea.objects.get(title="Gemensam workshop")
    assert (idea.source, idea.submitter_email, idea.created_by) == ("partner", "partner@example.se", user)
    refused = client.post(reverse("ideas:idea-create"), {**data, "title": "Annan", "partnership": other.pk})
    assert refused.status_code == 200  # not offered
    assert not Idea.objects.filter(title="Annan").exists()


def test_someone_elses_contact_details_need_their_consent(institution, partnership):
    user = member(institution, "staff")
    client = client_for(user)
    data = {
        "kind": "contact",
        "title": "Kontakt för examensarbete",
        "description": "Vi vill ha en student.",
        "submitter_name": "Per Partner",
        "submitter_email": "per@example.se",
    }
    response = client.post(reverse("ideas:idea-create"), data)
    assert response.status_code == 200 and "consent" in response.context["form"].errors
    assert not Idea.objects.exists()
    assert client.post(reverse("ideas:idea-create"), {**data, "consent": "on"}).status_code == 302
    kept = Idea.objects.get(title="Kontakt för examensarbete")
    assert (kept.submitter_email, kept.consent) == ("per@example.se", True)
    own = {**data, "title": "Min egen", "submitter_name": "", "submitter_email": ""}
    assert client.post(reverse("ideas:idea-create"), own).status_code == 302
    assert Idea.objects.get(title="Min egen").submitter_email == user.email  # their own


# --- the pipeline --------------------------------------------------------------------------------


def move(client, idea, stage, note=""):
    idea.refresh_from_db()
    data = {"stage": stage, "note": note, "expected_version": idea.version}
    return client.post(reverse("ideas:idea-move", args=[idea.pk]), data)


def test_moves_are_recorded_and_the_submitter_is_told(
    institution, partnership, django_capture_on_commit_callbacks
):
    coordinator = member(institution, "coordinator")
    client = client_for(coordinator)
    idea = f.IdeaFactory(partnership=partnership)
    with django_capture_on_commit_callbacks(execute=True):
        assert move(client, idea, "assessing").status_code == 302
    idea.refresh_from_db()
    assert idea.stage == "assessing"
    change = StageChange.objects.get(idea=idea)
    assert (change.from_stage, change.to_stage, change.created_by) == ("new", "assessing", coordinator)
    assert mail.outbox[-1].to == ["eva@example.se"] and "bedöms" in mail.outbox[-1].subject
    # declined needs a reason, which the submitter is told
    response = move(client, idea, "declined", note="nej")
    assert response.status_code == 400
    idea.refresh_from_db()
    assert idea.stage == "assessing"
    with django_capture_on_commit_callbacks(execute=True):
        assert move(client, idea, "declined", note="Det finns redan ett sådant projekt.").status_code == 302
    idea.refresh_from_db()
    assert idea.decline_reason == "Det finns redan ett sådant projekt."
    assert "Det finns redan ett sådant projekt." in mail.outbox[-1].body


def test_an_idea_is_realised_only_with_an_activity_created_from_it(institution, partnership):
    client = client_for(member(institution, "coordinator"))
    idea = f.IdeaFactory(partnership=partnership)
    response = move(client, idea, "realised")
    assert response.status_code == 400 and "aktivitet" in response.content.decode()
    activity_type = f.ActivityTypeFactory(institution=institution)
    page = client.get(reverse("ideas:idea-new-activity", args=[idea.pk]))
    assert idea.title in page.content.decode()  # filled in from the idea
    data = {
        "type": activity_type.pk,
        "title_sv": idea.title,
        "partnership": partnership.pk,
        "status": "planned",
    }
    assert client.post(reverse("ideas:idea-new-activity", args=[idea.pk]), data).status_code == 302
    assert idea.activities.get().title_sv == idea.title
    assert move(client, idea, "realised").status_code == 302
    idea.refresh_from_db()
    assert idea.stage == "realised"


def test_a_stale_move_is_refused(institution, partnership):
    client = client_for(member(institution, "coordinator"))
    idea = f.IdeaFactory(partnership=partnership)
    data = {"stage": "assessing", "note": "", "expected_version": idea.version}
    assert client.post(reverse("ideas:idea-move", args=[idea.pk]), data).status_code == 302
    assert (
        client.post(reverse("ideas:idea-move", args=[idea.pk]), {**data, "stage": "matched"}).status_code
        == 409
    )
    idea.refresh_from_db()
    assert idea.stage == "assessing"


def test_time_in_stages_and_the_stuck_flag(institution, partnership):
    from samverka.ideas.domain.pipeline import is_stuck, stuck_since, time_in_stages

    now = timezone.now()
    idea = f.IdeaFactory(
        partnership=partnership, stage="assessing", stage_since=now - datetime.timedelta(days=40)
    )
    Idea.objects.filter(pk=idea.pk).update(created_at=now - datetime.timedelta(days=50))
    idea.refresh_from_db()
    StageChange.objects.create(
        institution=institution,
        idea=idea,
        from_stage="new",
        to_stage="assessing",
        changed_at=idea.stage_since,
    )
    spans = time_in_stages(idea, list(idea.stage_changes.all()), now=now)
    assert [(str(stage), spent.days) for stage, spent in spans] == [("ny", 10), ("bedöms", 40)]
    assert is_stuck(idea, stuck_since(institution))
    institution.idea_stuck_days = 60
    institution.save()
    assert not is_stuck(idea, stuck_since(institution))
    client = client_for(member(institution, "coordinator"))
    institution.idea_stuck_days = 30
    institution.save()
    fresh = f.IdeaFactory(partnership=partnership, title="Färsk idé")
    listed = client.get(reverse("ideas:idea-list") + "?stuck=true").content.decode()
    assert idea.title in listed and fresh.title not in listed


def test_the_board_shows_each_stage_with_a_form_per_card(institution, partnership):
    client = client_for(member(institution, "coordinator"))
    ideas = [f.IdeaFactory(partnership=partnership, stage=stage) for stage in Stage.values]
    page = client.get(reverse("ideas:idea-board")).content.decode()
    for stage in Stage:
        assert f'id="stage-{stage.value}"' in page
    for idea in ideas:
        assert reverse("ideas:idea-move", args=[idea.pk]) in page
        assert f'for="move-{idea.pk}"' in page  # each card's select has a label
    viewer = client_for(member(institution, "viewer"))
    assert (
        reverse("ideas:idea-move", args=[ideas[0].pk])
        not in viewer.get(reverse("ideas:idea-board")).content.decode()
    )


def test_list_and_board_take_a_fixed_number_of_queries(
    institution, partnership, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(member(institution, "coordinator"))

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    f.IdeaFactory(partnership=partnership)
    public_sites()  # where public pages are: read once per installation, not per page
    small = [count(reverse("ideas:idea-list")), count(reverse("ideas:idea-board"))]
    for stage in Stage.values * 3:
        f.IdeaFactory(partnership=f.PartnershipFactory(institution=institution), stage=stage)
    assert [count(reverse("ideas:idea-list")), count(reverse("ideas:idea-board"))] == small


def test_statistics_count_per_source_and_stage_and_download(institution, partnership):
    client = client_for(member(institution, "management"))
    f.IdeaFactory(partnership=partnership, source="public", stage="realised")
    f.IdeaFactory(partnership=partnership, source="public", stage="declined")
    f.IdeaFactory(partnership=partnership, source="partner")
    response = client.get(reverse("ideas:idea-statistics"))
    source = response.context["tables"][0]
    assert source.rows[0] == ["allmänhetens formulär", 0, 0, 0, 0, 1, 1, 2]
    assert source.rows[-1][-1] == 3
    download = client.get(reverse("ideas:idea-statistics") + "?table=0&format=csv")
    assert download.status_code == 200
    assert "allmänhetens formulär" in b"".join(download.streaming_content).decode("utf-8-sig")


# --- matchmaking ---------------------------------------------------------------------------------


@pytest.fixture
def experts(institution):
    unit = f.UnitFactory(institution=institution, name="Institutionen för ekologi")
    other_unit = f.UnitFactory(institution=institution, name="Institutionen för datavetenskap")
    return {
        "water": f.ExpertProfileFactory(
            institution=institution, name="Vera Vatten", unit=unit, keywords="vattenkvalitet, limnologi"
        ),
        "battery": f.ExpertProfileFactory(
            institution=institution,
            name="Bo Batteri",
            unit=other_unit,
            keywords="batteriåtervinning, metallurgi",
            description="Återvinning av litiumjonbatterier.",
        ),
        "ai": f.ExpertProfileFactory(
            institution=institution,
            name="Alva Algoritm",
            unit=other_unit,
            keywords="maskininlärning, machine learning",
            description="Machine learning for images.",
        ),
        "waste": f.ExpertProfileFactory(
            institution=institution, name="Rut Rester", unit=unit, keywords="matsvinn, skolmåltider"
        ),
    }


def ranked(institution, text):
    from samverka.ideas.domain.suggestions import rank_profiles

    return rank_profiles(institution.pk, text)


@pytest.mark.parametrize(
    ("text", "expected", "word"),
    [
        ("Hur påverkas kvaliteten på vattnet i sjöarna?", "water", "kvaliteten"),  # part of a compound
        ("Vi vill återvinna batterier från elbilar", "battery", "batterier"),  # head of a compound
        ("Återvinning av metaller", "battery", "återvinning"),  # tail of a compound
        ("Learning from images in the factory", "ai", "learning"),  # English
        ("Vi behöver hjälp att minska matsvinnet i skolkök", "waste", "matsvinnet"),  # a definite form
    ],
)
def test_matching_finds_stems_and_compound_parts_and_says_why(institution, experts, text, expected, word):
    matches = ranked(institution, text)
    assert matches[0].key == experts[expected].pk
    assert word in {reason.query_word for reason in matches[0].reasons}


def test_matching_weighs_what_is_specific_over_general_words_and_place_names(
    institution, experts, monkeypatch
):
    # "Umeå kommun" is one of the institution's municipalities: "umeå" says where, not what
    f.OrganisationFactory(institution=institution, name="Umeå kommun", type="municipality")
    general = f.ExpertProfileFactory(
        institution=institution,
        name="Gustav Generell",
        keywords="forskning, skolor",
        description="Samarbetar med Umeå kommun för att utveckla arbetet.",
    )
    text = (
        "Vi behöver hjälp att minska matsvinnet i skolkök. Umeå kommun vill utveckla arbetet i "
        "våra skolor och söker forskning om vad som fungerar."
    )
    need = Need("Minska matsvinnet i skolkök", text)
    assert [m.key for m in ranked(institution, need)[:2]] == [experts["waste"].pk, general.pk]
    with monkeypatch.context() as unweighed:  # every word alike: the general words win
        unweighed.setattr(matching, "PLACE", 1.0)
        unweighed.setattr(matching, "specificity", lambda word: 1.0)
        assert [m.key for m in ranked(institution, need)[:2]] == [general.pk, experts["waste"].pk]
    words = vocabulary(institution.pk)
    weights = {each.word: each.weight for each in words.weigh(Need("Minska matsvinnet i skolkök", text))}
    assert weights["matsvinnet"] == 1.0  # a rare word of the title
    assert weights["skolor"] < weights["matsvinnet"]  # a common word of the description
    assert weights["umeå"] < weights["utveckla"] < weights["skolkök"]  # a place, a general word
    assert words.places >= {"umeå"} and "kommun" not in words.places


def test_a_word_of_a_keyword_of_several_words_weighs_less_than_a_keyword_of_its_own(institution):
    vehicles = f.ExpertProfileFactory(
        institution=institution, name="Fordonsforskaren", keywords="tunga fordon"
    )
    lifts = f.ExpertProfileFactory(institution=institution, name="Ergonomen", keywords="tunga, ergonomi")
    assert [m.key for m in ranked(institution, Need("Tunga lyft i hemtjänsten"))] == [lifts.pk, vehicles.pk]
    assert ranked(institution, Need("Tunga fordon"))[0].key == vehicles.pk  # the whole keyword


def test_a_needs_title_weighs_above_its_description(institution, experts):
    title_first = ranked(institution, Need("Limnologi", "Metallurgi"))
    description_first = ranked(institution, Need("Metallurgi", "Limnologi"))
    assert title_first[0].key == experts["water"].pk
    assert description_first[0].key == experts["battery"].pk


def test_matching_crosses_languages_through_the_institutions_synonyms(institution, experts):
    need = Need("Less food waste in school kitchens")
    assert experts["waste"].pk not in {m.key for m in ranked(institution, need)}
    f.SynonymFactory(institution=institution, words="matsvinn, food waste")
    f.SynonymFactory(institution=institution, words="waste, avfall")  # not held: no reason given
    match = ranked(institution, need)[0]
    assert match.key == experts["waste"].pk
    assert [str(reason) for reason in match.reasons] == [
        "“food” ~ “matsvinn” (ämnesord)",
        "“waste” ~ “matsvinn” (ämnesord)",
    ]
    # a synonym of several words matches a record that holds all of them, not one
    f.SynonymFactory(institution=institution, words="skolkök, skolmåltider, school meals")
    experts["water"].keywords = "vattenkvalitet, school"
    experts["water"].save()
    assert [m.key for m in ranked(institution, Need("Skolkök"))] == [experts["waste"].pk]
    experts["water"].keywords = "vattenkvalitet, school, meals"
    experts["water"].save()
    assert {m.key for m in ranked(institution, Need("Skolkök"))} == {experts["waste"].pk, experts["water"].pk}


def test_matching_follows_the_records_past_activities(institution, experts):
    person = f.PersonFactory(institution=institution)
    experts["ai"].person = person
    experts["ai"].save()
    assert ranked(institution, "Snöskoter i fjällen") == []
    activity = f.ActivityFactory(institution=institution, title_sv="Snöskoteråkning i fjällen")
    activity.people.add(person)
    activity.save()  # a new stamp: the index is built again
    match = ranked(institution, "Snöskoter i fjällen")[0]
    assert match.key == experts["ai"].pk
    assert any(str(reason.field) == "tidigare aktiviteter" for reason in match.reasons)


def test_the_coordinator_accepts_and_rejects_suggestions(institution, partnership, experts):
    coordinator = member(institution, "coordinator")
    client = client_for(coordinator)
    idea = f.IdeaFactory(partnership=partnership, title="Vattenkvalitet", description="Bruna sjöar")
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "Vera Vatten" in page and "vattenkvalitet" in page
    url = reverse("ideas:idea-judge", args=[idea.pk])
    data = {
        "suggestion": f"person-{experts['water'].pk}",
        "verdict": "accepted",
        "expected_version": idea.version,
    }
    assert client.post(url, data).status_code == 302
    contact = IdeaContact.objects.get(idea=idea)
    assert contact.profile == experts["water"]
    feedback = SuggestionFeedback.objects.get(idea=idea)
    assert (feedback.verdict, feedback.rank, feedback.created_by) == ("accepted", 1, coordinator)
    assert "vattenkvalitet" in feedback.reasons
    # the same verdict twice, a stale page or something never suggested: refused, nothing kept
    idea.refresh_from_db()
    client.post(url, {**data, "expected_version": idea.version})
    client.post(url, {**data, "suggestion": f"person-{experts['ai'].pk}", "expected_version": idea.version})
    client.post(url, {**data, "suggestion": f"person-{experts['battery'].pk}", "expected_version": 1})
    assert SuggestionFeedback.objects.count() == 1
    unit = f"unit-{experts['water'].unit_id}"
    assert (
        client.post(
            url, {**data, "suggestion": unit, "verdict": "rejected", "expected_version": idea.version}
        ).status_code
        == 302
    )
    assert SuggestionFeedback.objects.get(unit=experts["water"].unit).verdict == "rejected"
    assert IdeaContact.objects.count() == 1  # a rejection makes no contact


def test_only_those_who_handle_the_idea_judge_its_suggestions(institution, partnership, experts):
    idea = f.IdeaFactory(partnership=partnership, title="Vattenkvalitet")
    data = {
        "suggestion": f"person-{experts['water'].pk}",
        "verdict": "accepted",
        "expected_version": idea.version,
    }
    for role in ("staff", "viewer", "management"):
        client = client_for(member(institution, role, user__username=f"u-{role}"))
        assert client.post(reverse("ideas:idea-judge", args=[idea.pk]), data).status_code == 403
        assert "Vera Vatten" in client.get(idea.get_absolute_url()).content.decode()  # they see them
    assert not SuggestionFeedback.objects.exists()


def test_the_demo_evaluation_set_ranks_the_right_experts_first(db):
    """The labelled set (demo.expertise.EVAL_IDEAS): docs/ideas.md reports these figures."""
    from samverka.demo.expertise import EVAL_IDEAS
    from samverka.demo.loader import load_demo
    from samverka.ideas.domain.evaluation import evaluate

    assert len(EVAL_IDEAS) >= 20
    evaluation = evaluate(load_demo(with_users=False), EVAL_IDEAS)
    best = sum(min(len(idea["expected"]), 5) for idea in EVAL_IDEAS) / (5 * len(EVAL_IDEAS))
    assert evaluation.precision >= 0.9 * best  # at least 90 % of the best precision at 5 possible
    assert evaluation.recall >= 0.9  # the target is 0.8
    assert evaluation.reciprocal_rank >= 0.95
    assert evaluation.ndcg >= 0.9


def test_profiles_import_from_a_research_information_system_export(institution, tmp_path):
    import openpyxl

    from samverka.ideas.models import ExpertProfile
    from samverka.imports.domain import import_file

    unit = f.UnitFactory(institution=institution, name="Institutionen för kemi")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(
        ["Person-ID", "Namn", "Befattning", "Institution", "E-post", "Nyckelord", "Presentation", "Språk"]
    )
    sheet.append(
        [
            "pure-1",
            "Kim Kemi",
            "Lektor",
            unit.name,
            "kim@example.se",
            "katalys, green chemistry",
            "Om katalys.",
            "svenska",
        ]
    )
    sheet.append(
        ["pure-2", "Li Lösning", "Professor", unit.name, "li@example.se", "lösningsmedel", "", "engelska"]
    )
    path = tmp_path / "pure.xlsx"
    book.save(path)
    coordinator = member(institution, "coordinator")
    job = import_file(
        institution=institution, actor=coordinator, kind="expertprofiles", path=path, apply=True
    )
    assert (job.created, job.updated) == (2, 0), job.errors
    assert set(ExpertProfile.objects.values_list("external_id", "unit__name")) == {
        ("pure-1", unit.name),
        ("pure-2", unit.name),
    }
    # a second export updates the profiles by their id, never duplicating them
    sheet["F2"] = "katalys, vätgas"
    book.save(path)
    job = import_file(
        institution=institution, actor=coordinator, kind="expertprofiles", path=path, apply=True
    )
    assert (job.created, job.updated) == (0, 1), job.errors  # the unchanged row is left alone
    assert ExpertProfile.objects.count() == 2
    assert ExpertProfile.objects.get(external_id="pure-1").keywords == "katalys, vätgas"


# --- the annual report ---------------------------------------------------------------------------


def test_the_annual_report_counts_the_years_ideas_per_source_focus_area_and_stage(institution, partnership):
    import io

    import docx
    from openpyxl import load_workbook

    from samverka.followup.documents import report_document, report_workbook
    from samverka.followup.domain.report import report_content
    from samverka.followup.domain.report_view import localise

    area = f.FocusAreaFactory(partnership=partnership, name_sv="Vatten", name_en="Water")
    f.IdeaFactory(partnership=partnership, focus_area=area, source="public", stage="realised")
    f.IdeaFactory(partnership=partnership, focus_area=area, source="public", stage="new")
    f.IdeaFactory(partnership=partnership, source="partner", stage="declined")
    last_year = f.IdeaFactory(partnership=partnership, source="staff")
    Idea.objects.filter(pk=last_year.pk).update(
        created_at=timezone.now().replace(year=timezone.now().year - 1)
    )
    report = f.AnnualReportFactory(partnership=partnership, year=timezone.now().year)
    content = report_content(report)
    assert {row["name"]: row["total"] for row in content["ideas"]["by_source"]} == {"public": 2, "partner": 1}
    view = localise(content, "en")
    assert view.ideas["by_source"][0] == ["public form", 1, 0, 0, 0, 1, 0, 2]
    assert ["Water", 1, 0, 0, 0, 1, 0, 2] in view.ideas["by_focus_area"]
    swedish = localise(content, "sv")
    workbook = load_workbook(io.BytesIO(report_workbook(swedish)))
    rows = list(workbook["Idéer per källa"].values)
    assert rows[0][0] == "Källa" and rows[1][0] == "allmänhetens formulär" and rows[1][-1] == 2
    document = docx.Document(io.BytesIO(report_document(swedish, "docx", draft=True)))
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert {"allmänhetens formulär", "Vatten"} <= cells
    page = client_for(member(institution, "coordinator")).get(report.get_absolute_url()).content.decode()
    assert 'id="ideas-heading"' in page and "allmänhetens formulär" in page


def trigram_embed(texts):
    """A small stand-in for a semantic embedding (``SAMVERKA_IDEA_EMBEDDINGS``): letter trigrams,
    hashed into 256 dimensions and normalised."""
    import zlib

    import numpy as np

    vectors = np.zeros((len(texts), 256))
    for row, text in enumerate(texts):
        folded = text.casefold()
        for start in range(len(folded) - 2):
            vectors[row, zlib.crc32(folded[start : start + 3].encode()) % 256] += 1
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1, norms)


def test_an_embedding_back_end_adds_a_semantic_score(institution, experts, settings, partnership):
    text = "Vattna"  # no stem, lemma or compound part in common with "vattenkvalitet"
    assert ranked(institution, text) == []
    settings.SAMVERKA_IDEA_EMBEDDINGS = "tests.ideas.test_ideas.trigram_embed"
    clear_cache()
    matches = ranked(institution, text)
    assert matches[0].key == experts["water"].pk and matches[0].semantic > 0
    idea = f.IdeaFactory(partnership=partnership, title=text, description=text)
    page = client_for(member(institution, "coordinator")).get(idea.get_absolute_url()).content.decode()
    assert "liknar i betydelse" in page


# --- what the review found -------------------------------------------------------------------------


def test_partners_read_only_a_declines_reason_of_the_moves(
    members, world, django_capture_on_commit_callbacks
):
    idea = world["own"]["idea"]
    coordinator = client_for(members["coordinator"])
    move(coordinator, idea, "assessing", note="Budgeten hos partnern är oklar")
    move(coordinator, idea, "declined", note="Det finns redan ett sådant projekt.")
    partner = client_for(members["partner"])
    page = partner.get(idea.get_absolute_url()).content.decode()
    assert "Det finns redan ett sådant projekt." in page
    assert "Budgeten hos partnern" not in page
    assert members["coordinator"].username not in page
    api = partner.get(f"/api/v1/ideas/{idea.pk}/").json()
    assert [change["note"] for change in api["stage_changes"]] == ["", "Det finns redan ett sådant projekt."]
    assert "Budgeten hos partnern" in coordinator.get(idea.get_absolute_url()).content.decode()


def test_partners_see_neither_the_submitter_nor_activities_of_other_partnerships(members, world):
    idea = world["own"]["idea"]
    elsewhere = world["sibling"]["activity"]
    idea.activities.add(elsewhere, world["own"]["activity"])
    partner = client_for(members["partner"])
    page = partner.get(idea.get_absolute_url()).content.decode()
    assert "Eva Exempel" not in page and "eva@example.se" not in page
    assert str(elsewhere) not in page and str(world["own"]["activity"]) in page
    api = partner.get(f"/api/v1/ideas/{idea.pk}/").json()
    assert not {"submitter_name", "submitter_email", "activities"} & set(api)
    export = partner.get(reverse("ideas:idea-list") + "?format=csv")
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    assert idea.title in text and "Eva Exempel" not in text and str(elsewhere) not in text


def test_the_submitters_address_stays_out_of_the_audit_trail(institution, partnership):
    from samverka.core.models import AuditEntry

    client = Client()
    client.post(reverse("public:idea-submit"), public_data(partnership, submitter_phone="070-123 45 67"))
    entry = AuditEntry.objects.get(action="ideas.idea.created")
    assert "anna@example.se" not in str(entry.changes) and "070-123" not in str(entry.changes)


@pytest.mark.parametrize("year", ["0", "99999", "-1", "2026.5"])
def test_a_year_out_of_range_is_refused_not_an_error(institution, year):
    client = client_for(member(institution, "coordinator"))
    for name in ("ideas:idea-list", "ideas:idea-board", "ideas:idea-statistics"):
        assert client.get(reverse(name), {"year": year}).status_code == 200
    assert client.get("/api/v1/ideas/", {"year": year}).status_code == 400


def test_an_idea_whose_focus_area_is_no_longer_current_can_still_be_edited(institution, partnership):
    area = f.FocusAreaFactory(partnership=partnership, is_current=False)
    coordinator = member(institution, "coordinator")
    idea = f.IdeaFactory(partnership=partnership, focus_area=area, created_by=coordinator)
    data = {
        "kind": idea.kind,
        "title": "Ändrad titel",
        "description": idea.description,
        "partnership": partnership.pk,
        "focus_area": area.pk,
        "submitter_name": idea.submitter_name,
        "submitter_email": idea.submitter_email,
        "consent": "on",
        "expected_version": idea.version,
    }
    response = client_for(coordinator).post(reverse("ideas:idea-edit", args=[idea.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    idea.refresh_from_db()
    assert (idea.title, idea.focus_area) == ("Ändrad titel", area)


def test_a_staff_members_own_address_needs_no_consent(institution):
    user = member(institution, "staff")
    data = {"kind": "idea", "title": "Min idé", "description": "Om AI.", "submitter_email": user.email}
    assert client_for(user).post(reverse("ideas:idea-create"), data).status_code == 302
    idea = Idea.objects.get(title="Min idé")
    assert (idea.submitter_email, idea.created_by) == (user.email, user)


def test_an_id_column_of_a_profile_export_is_not_taken_for_the_record_number():
    from samverka.imports.targets import TARGETS

    assert TARGETS["expertprofiles"].guess_mapping(["Person-ID", "Namn", "Nr"]) == [
        "external_id",
        "name",
        "id",
    ]


def test_merging_two_people_rebuilds_the_index_with_the_merged_persons_activities(institution, experts):
    from samverka.directory.domain.merge import merge_records

    kept, merged = f.PersonFactory(institution=institution), f.PersonFactory(institution=institution)
    experts["ai"].person = kept
    experts["ai"].save()
    activity = f.ActivityFactory(institution=institution, title_sv="Snöskoteråkning i fjällen")
    activity.people.add(merged)
    assert ranked(institution, "Snöskoter") == []
    coordinator = member(institution, "coordinator")
    merge_records(
        kept, merged, actor=coordinator, survivor_version=kept.version, duplicate_version=merged.version
    )
    assert ranked(institution, "Snöskoter")[0].key == experts["ai"].pk


@pytest.mark.django_db(transaction=True)
def test_after_a_change_the_held_index_ranks_while_a_new_one_is_built(settings):
    from samverka.ideas.domain.matching import wait_for_rebuilds

    settings.SAMVERKA_IDEA_INDEX_BACKGROUND = True
    institution = f.InstitutionFactory()
    water = f.ExpertProfileFactory(institution=institution, keywords="vattenkvalitet")
    assert ranked(institution, "vattenkvalitet")[0].key == water.pk  # the first index: built at once
    snow = f.ExpertProfileFactory(institution=institution, keywords="snöskoter", description="")
    assert ranked(institution, "snöskoter") == []  # the held index answers, not held up
    wait_for_rebuilds()
    assert ranked(institution, "snöskoter")[0].key == snow.pk


def test_the_privacy_notice_tells_of_ideas_and_expertise_profiles(institution):
    page = Client().get(reverse("public:privacy-notice")).content.decode()
    assert "Idéer och kontaktförfrågningar" in page and "Samtycke (art. 6.1 a)" in page
    assert "Expertisprofiler" in page


def test_the_start_page_lists_the_ideas_waiting_for_the_user(members, world):
    from samverka.ideas.models import Stage

    own, sibling = world["own"]["idea"], world["sibling"]["idea"]
    stuck = f.IdeaFactory(
        partnership=own.partnership,
        title="Fastnad idé",
        stage=Stage.ASSESSING,
        stage_since=timezone.now() - datetime.timedelta(days=45),
    )
    fresh = f.IdeaFactory(partnership=own.partnership, title="Pågående idé", stage=Stage.ASSESSING)
    page = client_for(members["coordinator"]).get(reverse("workspace:start")).content.decode()
    assert 'id="ideas-heading"' in page
    for idea in (own, sibling, stuck):
        assert idea.get_absolute_url() in page
    assert fresh.get_absolute_url() not in page
    assert page.count('class="stuck"') == 1
    # a partnership coordinator: those of their partnership; staff handle none
    page = client_for(members["partnership_coordinator"]).get(reverse("workspace:start")).content.decode()
    assert own.get_absolute_url() in page and sibling.get_absolute_url() not in page
    assert (
        'id="ideas-heading"'
        not in client_for(members["staff"]).get(reverse("workspace:start")).content.decode()
    )


def test_the_idea_page_takes_a_fixed_number_of_queries(institution, partnership):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(member(institution, "coordinator"))
    idea = f.IdeaFactory(partnership=partnership, title="Vattenkvalitet och limnologi")

    def count() -> int:
        client.get(idea.get_absolute_url())  # the matchmaking index follows the new records first
        with CaptureQueriesContext(connection) as queries:
            assert client.get(idea.get_absolute_url()).status_code == 200
        return len(queries)

    def add(number: int) -> None:
        for n in range(number):
            unit = f.UnitFactory(institution=institution)
            person = f.PersonFactory(institution=institution, unit=unit)
            f.ExpertProfileFactory(institution=institution, unit=unit, person=person, name=f"Limnolog {n}")
            activity = f.ActivityFactory(
                institution=institution, partnership=partnership, title_sv=f"Vattenkvalitet {n}"
            )
            activity.people.add(person)
            idea.activities.add(activity)
            f.ActivityFactory(institution=institution, partnership=partnership, title_sv=f"Limnologi {n}")
            f.IdeaContactFactory(idea=idea, person=person, profile=None)
            StageChange.objects.create(
                institution=institution, idea=idea, from_stage="new", to_stage="assessing"
            )

    add(1)
    small = count()
    add(4)
    assert count() == small


# --- what the second review found ------------------------------------------------------------------


def test_an_idea_with_several_activities_moves_and_is_indexed_by_its_words_only(institution, partnership):
    from samverka.search.models import SearchEntry

    client = client_for(member(institution, "coordinator"))
    idea = f.IdeaFactory(partnership=partnership)
    idea.activities.add(*(f.ActivityFactory(institution=institution) for _n in range(2)))
    idea.save()
    assert move(client, idea, "realised").status_code == 302
    idea.refresh_from_db()
    assert idea.stage == "realised"
    entry = SearchEntry.objects.get(object_id=idea.pk, content_type__model="idea")
    assert "none" not in f"{entry.terms_internal} {entry.terms_body}".split()
    assert "eva" in entry.terms_internal.split()  # the submitter: an internal field, indexed apart


def test_partners_do_not_find_ideas_by_their_submitter(members, world):
    url = reverse("ideas:idea-list")
    assert (
        world["own"]["idea"].title
        in client_for(members["coordinator"]).get(url, {"q": "Eva"}).content.decode()
    )
    page = client_for(members["partner"]).get(url, {"q": "Eva"}).content.decode()
    assert world["own"]["idea"].title not in page
    assert client_for(members["partner"]).get("/api/v1/ideas/", {"q": "Eva"}).json()["count"] == 0


def test_new_ideas_go_to_the_partnerships_current_coordinators_else_the_central_ones(
    institution, partnership
):
    from samverka.ideas.domain.pipeline import coordinator_addresses

    today = timezone.localdate()
    idea = f.IdeaFactory(partnership=partnership)
    member(institution, "coordinator")
    assert coordinator_addresses(idea) == ["coordinator@example.se"]
    central = f.PersonFactory(institution=institution, email="central@example.se")
    f.CoordinatorAssignmentFactory(person=central, partnership=None)
    assert coordinator_addresses(idea) == ["central@example.se"]
    later = f.PersonFactory(institution=institution, email="later@example.se")
    f.CoordinatorAssignmentFactory(
        person=later, partnership=partnership, starts_on=today + datetime.timedelta(days=9)
    )
    gone = f.PersonFactory(institution=institution, email="gone@example.se")
    f.CoordinatorAssignmentFactory(
        person=gone, partnership=partnership, ends_on=today - datetime.timedelta(days=1)
    )
    assert coordinator_addresses(idea) == ["central@example.se"]
    own = f.PersonFactory(institution=institution, email="own@example.se")
    f.CoordinatorAssignmentFactory(person=own, partnership=partnership)
    assert coordinator_addresses(idea) == ["own@example.se"]


def test_the_rate_limit_holds_in_the_file_cache(institution, partnership, settings, tmp_path):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path),
        }
    }
    settings.SAMVERKA_IDEA_RATE = "2/d"
    client = Client(REMOTE_ADDR="10.1.2.4")
    url = reverse("public:idea-submit")
    statuses = [client.post(url, public_data(partnership, title=f"Idé {n}")).status_code for n in range(3)]
    assert statuses == [302, 302, 429]
    import pickle
    import time

    expiries = []
    for entry in tmp_path.glob("*.djcache"):
        with open(entry, "rb") as handle:
            expiries.append(pickle.load(handle))  # noqa: S301 - the test's own cache file
    # the count's expiry is the window's (a day), not the cache's default five minutes
    assert any(expires is not None and expires - time.time() > 3600 for expires in expiries)


def test_the_api_tells_which_ideas_are_stuck_and_counts_them(institution, partnership):
    client = client_for(member(institution, "coordinator"))
    stuck = f.IdeaFactory(
        partnership=partnership, stage="assessing", stage_since=timezone.now() - datetime.timedelta(days=99)
    )
    fresh = f.IdeaFactory(partnership=partnership)
    rows = {row["id"]: row["stuck"] for row in client.get("/api/v1/ideas/").json()["results"]}
    assert rows == {stuck.pk: True, fresh.pk: False}
    tables = client.get("/api/v1/ideas/statistics/", {"stage": "assessing"}).json()
    assert tables[0]["rows"][-1][-1] == 1  # the filters hold: one idea in all
    assert tables[0]["headers"][0] == "Källa"


def test_the_statistics_count_the_verdicts_on_the_suggestions(institution, partnership, experts):
    from samverka.ideas.models import SuggestionFeedback

    idea = f.IdeaFactory(partnership=partnership)
    for rank, verdict, profile in (
        (1, "accepted", "water"),
        (2, "rejected", "ai"),
        (7, "accepted", "battery"),
    ):
        SuggestionFeedback.objects.create(
            institution=institution,
            idea=idea,
            profile=experts[profile],
            verdict=verdict,
            rank=rank,
            score=1.0,
        )
    page = (
        client_for(member(institution, "management")).get(reverse("ideas:idea-statistics")).content.decode()
    )
    assert "2 av 3 bedömda förslag godtogs." in page
    assert "Bland de fem första förslagen: 1 av 2 bedömda (precision 0,50)." in page
