"""GDPR duties: legal basis, source and retention per person; export; anonymisation; the notices."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from samverka.core.models import AuditEntry
from samverka.directory.models import Person
from samverka.privacy.retention import expired_people
from tests import factories as f
from tests.conftest import client_for

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
    client = client_for(administrator)
    data = json.loads(client.get(reverse("privacy:person-export-json", args=[anna.pk])).content)
    assert data["person"]["email"] == "anna.alund@kommun.example.se"
    assert data["person"]["internal_notes"] == "Ringer helst på förmiddagen."
    assert [a["title"] for a in data["activities"]] == [world["own"]["activity"].title]
    assert any(entry["event"] == "ändrade" for entry in data["history"])
    pdf = client.get(reverse("privacy:person-export-pdf", args=[anna.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Anna Ålund-Østergaard" in text
    assert "anna.alund@kommun.example.se" in text
    assert world["own"]["activity"].title in text
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
