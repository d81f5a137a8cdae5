"""GDPR duties: legal basis, source and retention per person; export; anonymisation; the notices."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from samverka.core.audit import action_name, record_event
from samverka.core.models import AuditEntry
from samverka.directory.models import Person
from samverka.ideas.models import ExpertProfile, Idea, IdeaContact, SuggestionFeedback
from samverka.privacy.retention import expired_people, expired_submitters
from tests import factories as f
from tests.conftest import client_for
from tests.pdf import assert_accessible_pdf, pdf_text

# Most tests here ask the same world: built once for the module (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("shared_world")

TODAY = datetime.date(2026, 11, 23)


@pytest.fixture
def anna(institution, world, coordinator):
    """A partner-side contact with an activity, edited through the workspace (so in the trail)."""
    person = world["own"]["person"]
    client = client_for(coordinator)
    data = {
        "first_name": "Anna",
        "last_name": "Ålund-Østergaard",
        "side": "partner",
        "organisation": f"#{person.organisation_id}",
        "email": "anna.alund@kommun.example.se",
        "phone": "090-12 34 56",
        "notes": "Ringer helst på förmiddagen.",
        "legal_basis": "public_task",
        "source": "organisation",
        "retention": "while_active",
        "expected_version": person.version,
    }
    response = client.post(reverse("directory:person-edit", args=[person.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    world["own"]["activity"].people.add(person)
    person.refresh_from_db()
    return person


def test_each_person_states_basis_source_and_retention(anna):
    assert (anna.legal_basis, anna.source, anna.retention) == ("public_task", "organisation", "while_active")


def test_a_date_rule_needs_a_date(coordinator_client, anna):
    data = {
        "first_name": "Anna",
        "last_name": "A",
        "side": "partner",
        "legal_basis": "consent",
        "source": "person",
        "retention": "until_date",
        "expected_version": anna.version,
    }
    response = coordinator_client.post(reverse("directory:person-edit", args=[anna.pk]), data)
    assert response.status_code == 200
    assert "Ange datum" in response.content.decode()
    anna.refresh_from_db()
    assert anna.retention == "while_active"


def test_the_export_holds_everything_and_is_logged(administrator, anna, world):
    sent = f.IdeaFactory(partnership=world["own"]["partnership"], submitter_email=anna.email.upper())
    f.IdeaFactory(partnership=world["own"]["partnership"])  # someone else's
    f.ExpertProfileFactory(
        institution=anna.institution, person=anna, name="Ålund-Østergaard, Anna", keywords="dagvatten"
    )
    client = client_for(administrator)
    data = json.loads(client.get(reverse("privacy:person-export-json", args=[anna.pk])).content)
    assert data["person"]["email"] == "anna.alund@kommun.example.se"
    assert data["person"]["internal_notes"] == "Ringer helst på förmiddagen."
    assert [a["title"] for a in data["activities"]] == [world["own"]["activity"].title]
    assert any(entry["event"] == "ändrade" for entry in data["history"])
    assert [(i["number"], i["email"]) for i in data["ideas_sent"]] == [(sent.reference, sent.submitter_email)]
    assert [p["name"] for p in data["expertise_profiles"]] == ["Ålund-Østergaard, Anna"]
    pdf = client.get(reverse("privacy:person-export-pdf", args=[anna.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    text = pdf_text(pdf.content)
    assert_accessible_pdf(pdf.content, language="sv", title="Personuppgifter i Samverka")
    assert "Anna Ålund-Østergaard" in text
    assert "anna.alund@kommun.example.se" in text
    assert world["own"]["activity"].title in text
    assert f"{sent.reference} {sent.title}" in text
    assert "Ålund-Østergaard, Anna: dagvatten" in text
    assert AuditEntry.objects.filter(action="directory.person.exported", object_id=anna.pk).count() == 2


def test_only_administrators_export_or_anonymise(members, anna):
    for role, user in members.items():
        client = client_for(user)
        expected = 200 if role == "admin" else 403
        assert client.get(reverse("privacy:person-export-json", args=[anna.pk])).status_code == expected
        if role != "admin":
            assert (
                client.post(
                    reverse("privacy:person-anonymise", args=[anna.pk]), {"reason": "x" * 20}
                ).status_code
                == 403
            )
    anna.refresh_from_db()
    assert anna.anonymised_at is None


def test_anonymising_erases_the_person_everywhere_but_keeps_statistics(administrator, anna, world):
    activity = world["own"]["activity"]
    invitation = f.InvitationFactory(
        partnership=world["own"]["partnership"],
        organisation=anna.organisation,
        email=anna.email.upper(),
        name="Anna Ålund-Østergaard",
    )
    assert invitation.email == "ANNA.ALUND@KOMMUN.EXAMPLE.SE"
    client = client_for(administrator)
    url = reverse("privacy:person-anonymise", args=[anna.pk])
    assert client.post(url, {"reason": "kort"}).status_code == 400
    assert client.post(url, {"reason": "Begäran om radering, dnr 2026/123"}).status_code == 302
    anna.refresh_from_db()
    assert anna.anonymised_at is not None
    assert (anna.email, anna.phone, anna.notes) == ("", "", "")
    assert "Anna" not in str(anna)
    assert list(activity.people.all()) == [anna]  # still counts
    assert anna.organisation == world["own"]["organisation"]
    trail = str(list(AuditEntry.objects.values("object_repr", "changes")))
    assert "Ålund" not in trail
    assert "anna.alund" not in trail
    assert AuditEntry.objects.filter(action="directory.person.anonymised").exists()
    invitation.refresh_from_db()  # the invitation sent to them, too
    assert "alund" not in invitation.email.casefold() and invitation.name == ""
    assert client.post(url, {"reason": "Begäran om radering, igen"}).status_code == 302  # says so, no change


def test_retention_lists_only_those_whose_time_has_run_out(institution, world):
    person = world["own"]["person"]
    old = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    Person.objects.filter(pk=person.pk).update(updated_at=old)
    activity = world["own"]["activity"]
    activity.people.add(person)
    type(activity).objects.filter(pk=activity.pk).update(starts_on=datetime.date(2021, 3, 1), ends_on=None)
    assert [e.person for e in expired_people(institution, today=TODAY)] == [person]
    assert expired_people(institution, today=datetime.date(2022, 6, 1)) == []  # within two years
    # a current coordinator assignment keeps them
    assignment = f.CoordinatorAssignmentFactory(person=person, partnership=world["own"]["partnership"])
    assert expired_people(institution, today=TODAY) == []
    assignment.delete()
    # so does signing an agreement, and a rule that says "for the archive"
    world["own"]["agreement"].signatories.add(person)
    assert expired_people(institution, today=TODAY) == []
    world["own"]["agreement"].signatories.remove(person)
    Person.objects.filter(pk=person.pk).update(retention="archive")
    assert expired_people(institution, today=TODAY) == []
    Person.objects.filter(pk=person.pk).update(
        retention="until_date", retain_until=datetime.date(2026, 12, 31)
    )
    assert expired_people(institution, today=TODAY) == []
    assert [e.person for e in expired_people(institution, today=datetime.date(2027, 1, 1))] == [person]


def test_the_retention_command_lists_then_anonymises(institution, world):
    person = world["own"]["person"]
    Person.objects.filter(pk=person.pk).update(retention="until_date", retain_until=datetime.date(2020, 1, 1))
    out = io.StringIO()
    call_command("retention", stdout=out)
    assert f"#{person.pk}" in out.getvalue()
    person.refresh_from_db()
    assert person.anonymised_at is None
    call_command("retention", "--anonymise", stdout=io.StringIO())
    person.refresh_from_db()
    assert person.anonymised_at is not None
    entry = AuditEntry.objects.get(action="directory.person.anonymised", object_id=person.pk)
    assert entry.actor is None


@pytest.fixture
def sent_idea(world, coordinator):
    """An idea with its submitter, typed in by a coordinator (so the trail holds them)."""
    partnership = world["own"]["partnership"]
    data = {
        "kind": "contact",
        "title": "Kontakt för examensarbete om dagvatten",
        "description": "Kommunen vill ha en student som studerar dagvatten.",
        "partnership": partnership.pk,
        "submitter_name": "Eva Ekström-Öberg",
        "submitter_organisation": "Dagvattenföreningen",
        "submitter_email": "eva.ekstrom@dagvatten.example.se",
        "submitter_phone": "070-123 45 67",
        "consent": "on",
    }
    response = client_for(coordinator).post(reverse("ideas:idea-create"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return Idea.objects.get(title=data["title"])


SUBMITTER = ("Ekström", "Dagvattenföreningen", "eva.ekstrom", "070-123")


def trail_text() -> str:
    return str(list(AuditEntry.objects.values("object_repr", "changes")))


def test_an_administrator_erases_who_sent_an_idea_and_keeps_the_idea(administrator, sent_idea):
    assert "Ekström" in trail_text()  # the name was in the trail (e-mail and phone never are)
    client = client_for(administrator)
    page = client.get(sent_idea.get_absolute_url()).content.decode()
    url = reverse("privacy:idea-erase-submitter", args=[sent_idea.pk])
    assert url in page
    refused = client.post(url, {"reason": "kort"})
    assert refused.status_code == 400
    sent_idea.refresh_from_db()
    assert sent_idea.submitter_name == "Eva Ekström-Öberg"
    assert client.post(url, {"reason": "Samtycket återkallat 2026-12-01"}).status_code == 302
    idea = Idea.objects.get(pk=sent_idea.pk)
    assert not idea.has_submitter and not idea.consent
    assert (idea.title, idea.partnership, idea.version) == (sent_idea.title, sent_idea.partnership, 2)
    assert not any(word in trail_text() for word in SUBMITTER)
    assert AuditEntry.objects.filter(action="ideas.idea.submitter_erased", object_id=idea.pk).exists()
    assert url not in client.get(idea.get_absolute_url()).content.decode()
    # a second time: said, nothing changes
    again = client.post(url, {"reason": "Samtycket återkallat igen"}, follow=True)
    assert "Idén har inga kontaktuppgifter till den som skickade den." in again.content.decode()
    assert Idea.objects.get(pk=idea.pk).version == 2


def test_only_administrators_erase_who_sent_an_idea(members, sent_idea):
    url = reverse("privacy:idea-erase-submitter", args=[sent_idea.pk])
    for role, user in members.items():
        if role == "admin":
            continue
        client = client_for(user)
        assert client.post(url, {"reason": "Samtycket återkallat 2026-12-01"}).status_code in (403, 404)
        assert url not in client.get(sent_idea.get_absolute_url()).content.decode()
    sent_idea.refresh_from_db()
    assert sent_idea.has_submitter


def test_anonymising_a_person_erases_the_ideas_they_sent_and_their_expertise(administrator, anna, world):
    partnership = world["own"]["partnership"]
    idea = f.IdeaFactory(partnership=partnership, submitter_email=anna.email.upper())
    other = f.IdeaFactory(partnership=partnership)
    profile = f.ExpertProfileFactory(
        institution=partnership.institution,
        person=anna,
        name="Ålund-Østergaard, Anna",  # as the research information system spells it
        email="a.alund@forskning.example.se",
        keywords="dagvatten, hydrologi",
        external_id="RIS-77",
    )
    kept = f.ExpertProfileFactory(institution=partnership.institution)
    contact = f.IdeaContactFactory(idea=other, profile=profile)
    verdict = SuggestionFeedback.objects.create(
        institution=partnership.institution,
        idea=other,
        profile=profile,
        verdict="accepted",
        rank=1,
        score=2.0,
    )
    record_event(
        institution=partnership.institution,
        actor=administrator,
        action=action_name(contact, "created"),
        obj=contact,
        changes={"profile": {"before": None, "after": "Ålund-Østergaard, Anna"}},
    )
    client = client_for(administrator)
    url = reverse("privacy:person-anonymise", args=[anna.pk])
    assert client.post(url, {"reason": "Begäran om radering, dnr 2026/124"}).status_code == 302
    idea.refresh_from_db()
    other.refresh_from_db()
    assert not idea.has_submitter
    assert other.submitter_email == "eva@example.se"
    # the profile stays as nobody's, with the contact and the verdict made through it
    profile.refresh_from_db()
    assert profile.name == f"Anonymiserad #{anna.pk}"
    assert (profile.email, profile.keywords, profile.external_id) == ("", "", "")
    assert IdeaContact.objects.get(pk=contact.pk).profile == profile
    assert SuggestionFeedback.objects.filter(pk=verdict.pk).exists()
    assert ExpertProfile.objects.get(pk=kept.pk).name == kept.name
    assert not any(word in trail_text() for word in ("Ålund", "a.alund", "RIS-77"))


def test_the_submitters_of_closed_ideas_are_kept_their_time_then_erased(
    administrator, institution, world, sent_idea
):
    closed = datetime.datetime(2023, 5, 31, 22, 30, tzinfo=datetime.UTC)  # 1 June in Stockholm
    assert expired_submitters(institution, today=TODAY) == []  # open: kept whatever its age
    Idea.objects.filter(pk=sent_idea.pk).update(stage="declined", stage_since=closed)
    found = expired_submitters(institution, today=TODAY)
    assert [(e.idea, e.since) for e in found] == [(sent_idea, datetime.date(2025, 6, 1))]
    assert expired_submitters(institution, today=datetime.date(2025, 6, 1)) == []  # two years to the day
    assert len(expired_submitters(institution, today=datetime.date(2025, 6, 2))) == 1
    Idea.objects.filter(pk=sent_idea.pk).update(stage="in_progress")
    assert expired_submitters(institution, today=TODAY) == []
    Idea.objects.filter(pk=sent_idea.pk).update(stage="realised")
    client = client_for(administrator)
    page = client.get(reverse("privacy:retention")).content.decode()
    assert sent_idea.reference in page
    response = client.post(reverse("privacy:retention"), follow=True)
    assert "Uppgifterna om vem som skickade 1 idé raderades." in response.content.decode()
    assert "anonymiserades" not in response.content.decode()  # no people were due
    sent_idea.refresh_from_db()
    assert not sent_idea.has_submitter and sent_idea.stage == "realised"
    assert expired_submitters(institution, today=TODAY) == []  # nothing left to erase


def test_the_retention_command_erases_the_submitters_of_closed_ideas(institution, world):
    idea = f.IdeaFactory(partnership=world["own"]["partnership"])
    Idea.objects.filter(pk=idea.pk).update(
        stage="declined", stage_since=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    )
    out = io.StringIO()
    call_command("retention", stdout=out)
    assert idea.reference in out.getvalue()
    assert Idea.objects.get(pk=idea.pk).has_submitter
    call_command("retention", "--anonymise", stdout=io.StringIO())
    assert not Idea.objects.get(pk=idea.pk).has_submitter
    entry = AuditEntry.objects.get(action="ideas.idea.submitter_erased", object_id=idea.pk)
    assert entry.actor is None


def test_the_record_of_processing_and_the_notice_come_from_the_configuration(
    members, client, institution, settings
):
    settings.SAMVERKA_DPO_EMAIL = "dso@umu.example.se"
    page = client_for(members["management"]).get(reverse("privacy:processing-record")).content.decode()
    assert "dso@umu.example.se" in page
    assert "telefon" in page  # from the Person model's own fields
    assert "Uppgift av allmänt intresse" in page
    notice = client.get(reverse("public:privacy-notice")).content.decode()
    assert "dso@umu.example.se" in notice
    assert "IMY" in notice
    assert client_for(members["partner"]).get(reverse("privacy:processing-record")).status_code == 403
