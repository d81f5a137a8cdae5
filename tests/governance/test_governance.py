"""Governance: bodies, meetings, minutes, decisions and actions (docs/governance.md)."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samverka.core.models import AuditEntry
from samverka.governance.domain.actions import complete_action
from samverka.governance.domain.levels import corresponding_levels
from samverka.governance.domain.meetings import (
    MeetingStateError,
    approve_minutes,
    documents_due,
    release_documents,
    start_correction,
)
from samverka.governance.models import ActionItem, AgendaItem, Decision, Meeting, MinutesVersion
from tests import factories as f
from tests.conftest import client_for
from tests.pdf import pdf_text


@pytest.fixture
def body(institution):
    return f.BodyFactory(institution=institution, partnership=f.PartnershipFactory(institution=institution))


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context)


# --- decisions are numbered per body and year ------------------------------------------


def test_decisions_are_numbered_per_body_and_year(institution, body):
    meeting = f.MeetingFactory(body=body)
    other_body = f.BodyFactory(institution=institution, partnership=body.partnership)
    first, second = f.DecisionFactory(meeting=meeting), f.DecisionFactory(meeting=meeting)
    elsewhere = f.DecisionFactory(meeting=f.MeetingFactory(body=other_body))
    next_year = f.DecisionFactory(
        meeting=f.MeetingFactory(body=body, starts_at=meeting.starts_at + datetime.timedelta(days=365))
    )
    assert [(d.year, d.number) for d in (first, second, elsewhere, next_year)] == [
        (2026, 1),
        (2026, 2),
        (2026, 1),
        (2027, 1),
    ]
    assert str(second) == "Beslut 2026:2"
    assert first.body == body


# --- minutes: approve, lock, correct ------------------------------------------------------


def test_approving_freezes_the_minutes_and_locks_them(coordinator, institution, body):
    meeting = f.MeetingFactory(body=body)
    item = f.AgendaItemFactory(meeting=meeting, number=1, title="Budget", minutes="Diskuterades.")
    adjuster = f.BodyMemberFactory(body=body).person
    version = approve_minutes(meeting, adjusters=[adjuster], actor=coordinator, expected_version=1)
    assert (version.number, list(version.adjusters.all())) == (1, [adjuster])
    assert [i["title"] for i in version.content["items"]] == ["Budget"]
    assert version.content["adjusters"] == [adjuster.full_name]
    meeting.refresh_from_db()
    assert (meeting.minutes_status, meeting.version) == ("approved", 2)
    entry = AuditEntry.objects.get(action="governance.meeting.minutes_approved")
    assert entry.changes["adjusters"]["after"] == [adjuster.full_name]
    # locked: the item's edit page refuses, the item stays as approved
    client = client_for(coordinator)
    response = client.post(
        reverse("governance:agendaitem-edit", args=[item.pk]),
        {
            "meeting": f"#{meeting.pk}",
            "number": 1,
            "title": "Ändrad",
            "outcome": "information",
            "expected_version": item.version,
        },
    )
    assert response.status_code == 200
    assert "är justerat och låst" in response.content.decode()
    item.refresh_from_db()
    assert item.title == "Budget"
    # and cannot be deleted
    client.post(reverse("governance:agendaitem-delete", args=[item.pk]))
    assert AgendaItem.objects.filter(pk=item.pk).exists()


def test_a_correction_is_a_new_version_and_the_first_is_kept(coordinator, body):
    meeting = f.MeetingFactory(body=body)
    item = f.AgendaItemFactory(meeting=meeting, number=1, minutes="Först så.")
    adjuster = f.BodyMemberFactory(body=body).person
    first = approve_minutes(meeting, adjusters=[adjuster], actor=coordinator, expected_version=1)
    with pytest.raises(MeetingStateError):
        approve_minutes(meeting, adjusters=[adjuster], actor=coordinator, expected_version=2)
    start_correction(meeting, reason="Fel i paragraf 1", actor=coordinator, expected_version=2)
    AgendaItem.objects.filter(pk=item.pk).update(minutes="Sedan så.")
    # the reason is asked once: the one given at the start is the corrected version's
    second = approve_minutes(meeting, adjusters=[adjuster], actor=coordinator, expected_version=3)
    first.refresh_from_db()
    assert first.content["items"][0]["minutes"] == "Först så."
    assert second.content["items"][0]["minutes"] == "Sedan så."
    assert (second.number, second.correction_reason) == (2, "Fel i paragraf 1")
    assert second.content["correction_reason"] == "Fel i paragraf 1"
    meeting.refresh_from_db()
    assert meeting.correction_reason == ""  # used: the next correction gives its own
    # … unless what the correction changes is said better when it is approved
    start_correction(meeting, reason="Närvaron saknades", actor=coordinator, expected_version=4)
    third = approve_minutes(
        meeting,
        adjusters=[adjuster],
        correction_reason="Närvaron tillagd",
        actor=coordinator,
        expected_version=5,
    )
    assert third.correction_reason == "Närvaron tillagd"
    assert list(MinutesVersion.objects.filter(meeting=meeting).values_list("number", flat=True)) == [3, 2, 1]


def test_a_correction_without_a_reason_kept_is_refused(coordinator, body):
    """Minutes opened before the reason was kept with the meeting still say what they correct."""
    meeting = f.MeetingFactory(body=body)
    adjuster = f.BodyMemberFactory(body=body).person
    approve_minutes(meeting, adjusters=[adjuster], actor=coordinator, expected_version=1)
    start_correction(meeting, reason="Fel i paragraf 1", actor=coordinator, expected_version=2)
    Meeting.objects.filter(pk=meeting.pk).update(correction_reason="")
    with pytest.raises(Exception) as refused:
        approve_minutes(meeting, adjusters=[adjuster], actor=coordinator, expected_version=3)
    assert type(refused.value).__name__ == "ReasonRequired"


def test_the_approval_page_asks_no_second_reason(coordinator_client, coordinator, body):
    meeting = f.MeetingFactory(body=body)
    adjuster = f.BodyMemberFactory(body=body).person
    approve_minutes(meeting, adjusters=[adjuster], actor=coordinator, expected_version=1)
    url = reverse("governance:meeting-approve", args=[meeting.pk])
    coordinator_client.post(
        reverse("governance:meeting-correct", args=[meeting.pk]),
        {"reason": "Fel datum i paragraf 2", "expected_version": 2},
    )
    page = coordinator_client.get(url)
    assert "correction_reason" not in page.context["form"].fields
    assert "Fel datum i paragraf 2" in page.content.decode()
    response = coordinator_client.post(url, {"adjusters": f"#{adjuster.pk}", "expected_version": 3})
    assert response.status_code == 302
    assert meeting.minutes_versions.get(number=2).correction_reason == "Fel datum i paragraf 2"


def test_a_stale_step_is_refused_and_changes_nothing(coordinator, body):
    from samverka.core.domain.records import StaleRecordError

    meeting = f.MeetingFactory(body=body)
    release_documents(meeting, actor=coordinator, expected_version=1)
    with pytest.raises(StaleRecordError):
        approve_minutes(meeting, adjusters=[f.PersonFactory()], actor=coordinator, expected_version=1)
    assert not MinutesVersion.objects.filter(meeting=meeting).exists()


def test_approval_needs_an_adjuster(coordinator, body):
    meeting = f.MeetingFactory(body=body)
    with pytest.raises(MeetingStateError):
        approve_minutes(meeting, adjusters=[], actor=coordinator, expected_version=1)
    meeting.refresh_from_db()
    assert meeting.minutes_status == "draft"


# --- sending out documents --------------------------------------------------------------


def test_sending_out_mails_each_current_member_once_and_shows_the_partner(
    coordinator, institution, body, django_capture_on_commit_callbacks
):
    meeting = f.MeetingFactory(body=body)
    f.BodyMemberFactory(body=body, person__email="ledamot@example.se")
    f.BodyMemberFactory(body=body, person__email="")
    f.BodyMemberFactory(body=body, person__email="slutat@example.se", ends_on=datetime.date(2020, 1, 1))
    with django_capture_on_commit_callbacks(execute=True):
        release_documents(meeting, actor=coordinator, expected_version=1)
    assert [m.to for m in mail.outbox] == [["ledamot@example.se"]]
    assert meeting.get_absolute_url() in mail.outbox[0].body
    with pytest.raises(MeetingStateError):
        release_documents(meeting, actor=coordinator, expected_version=2)


def test_a_partner_sees_a_meeting_only_once_its_documents_are_sent_out(members, world):
    meeting = f.MeetingFactory(body=world["own"]["body"])
    item = f.AgendaItemFactory(meeting=meeting)
    client = client_for(members["partner"])
    assert client.get(meeting.get_absolute_url()).status_code == 404
    assert client.get(item.get_absolute_url()).status_code == 404
    Meeting.objects.filter(pk=meeting.pk).update(documents_released=True)
    assert client.get(meeting.get_absolute_url()).status_code == 200
    assert client.get(item.get_absolute_url()).status_code == 200


def test_documents_due_follow_the_bodys_send_out_rule(institution, body):
    now = timezone.now()
    soon = f.MeetingFactory(body=body, starts_at=now + datetime.timedelta(days=10))  # due in 3 days
    f.MeetingFactory(body=body, starts_at=now + datetime.timedelta(days=30))  # due in 23 days
    f.MeetingFactory(body=body, starts_at=now + datetime.timedelta(days=5), documents_released=True)
    f.MeetingFactory(body=body, starts_at=now - datetime.timedelta(days=1))  # held
    assert documents_due(Meeting.objects.all()) == [soon]


# --- forms refuse what makes no sense ---------------------------------------------------


def post_form(client, name, data):
    return client.post(reverse(f"governance:{name}-create"), data)


def form_errors(response) -> dict:
    return {name: list(errors) for name, errors in response.context["form"].errors.items()}


def test_an_owner_must_be_a_member_or_a_coordinator(coordinator_client, institution, body):
    outsider = f.PersonFactory(institution=institution)
    data = {
        "body": body.pk,
        "title": "Skriv rapport",
        "owner": f"#{outsider.pk}",
        "due_on": "2026-05-01",
        "status": "open",
    }
    response = post_form(coordinator_client, "actionitem", data)
    assert form_errors(response) == {
        "owner": ["Ansvarig måste vara ledamot i organet eller samordnare för partnerskapet."]
    }
    f.CoordinatorAssignmentFactory(person=outsider, partnership=body.partnership)
    assert post_form(coordinator_client, "actionitem", data).status_code == 302
    assert ActionItem.objects.get().owner == outsider


def test_a_meeting_cannot_end_before_it_starts(coordinator_client, body):
    data = {"body": body.pk, "starts_at": "2026-05-01T13:00", "ends_at": "2026-05-01T12:00"}
    response = post_form(coordinator_client, "meeting", data)
    assert form_errors(response) == {"ends_at": ["Mötet kan inte sluta innan det börjar."]}
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(
    "starts_at",
    ["1899-12-31T23:59", "2201-01-01T00:00", "0001-01-01T00:30:00+01:00", "9999-12-31T23:59-01:00"],
)
def test_a_meeting_in_an_implausible_year_is_refused_at_its_field(coordinator_client, body, starts_at):
    """Also a time whose offset takes it off the calendar: the same message, not a server error."""
    response = post_form(coordinator_client, "meeting", {"body": body.pk, "starts_at": starts_at})
    assert form_errors(response) == {"starts_at": ["Ange ett år från 1900 till 2200."]}
    assert not Meeting.objects.exists()


def test_a_decision_needs_a_meeting_and_an_item_of_that_meeting(coordinator_client, body):
    meeting, other = f.MeetingFactory(body=body), f.MeetingFactory(body=body)
    foreign_item = f.AgendaItemFactory(meeting=other)
    response = post_form(coordinator_client, "decision", {"text": "Beslutar"})
    assert list(form_errors(response)) == ["meeting"]
    response = post_form(
        coordinator_client,
        "decision",
        {"meeting": f"#{meeting.pk}", "agenda_item": foreign_item.pk, "text": "B"},
    )
    assert list(form_errors(response)) == ["agenda_item"]
    assert not Decision.objects.exists()


def test_one_attendance_per_person_and_a_substitute_names_whom(coordinator_client, body):
    meeting = f.MeetingFactory(body=body)
    person = f.BodyMemberFactory(body=body).person
    f.AttendanceFactory(meeting=meeting, person=person)
    response = post_form(
        coordinator_client,
        "attendance",
        {"meeting": f"#{meeting.pk}", "person": f"#{person.pk}", "status": "absent"},
    )
    assert form_errors(response) == {"person": ["Den här personens närvaro är redan registrerad."]}
    other = f.PersonFactory(institution=body.institution)
    response = post_form(
        coordinator_client,
        "attendance",
        {"meeting": f"#{meeting.pk}", "person": f"#{other.pk}", "status": "substitute"},
    )
    assert form_errors(response) == {"substitute_for": ["Ange vem ersättaren ersatte."]}


# --- corresponding levels --------------------------------------------------------------


def test_levels_show_both_sides_and_the_gaps(institution, body, coordinator):
    from samverka.core.models import Membership
    from samverka.core.permissions import Policy

    f.BodyMemberFactory(body=body, person__side="university", person__first_name="Rektor")
    f.BodyMemberFactory(body=body, person__side="partner", person__first_name="Kommundirektör")
    working = f.BodyFactory(institution=institution, partnership=body.partnership, level=3)
    f.BodyMemberFactory(body=working, person__side="partner", person__first_name="Handläggare")
    f.BodyMemberFactory(body=working, ends_on=datetime.date(2020, 1, 1), person__side="university")
    levels = corresponding_levels(body.partnership, Policy(Membership.objects.get(user=coordinator)))
    assert [(row.level, row.gap) for row in levels] == [(1, None), (2, "both"), (3, "university")]
    assert [seat.person.first_name for seat in levels[0].university] == ["Rektor"]
    assert [seat.person.first_name for seat in levels[2].partner] == ["Handläggare"]
    page = client_for(coordinator).get(reverse("governance:partnership-levels", args=[body.partnership.pk]))
    text = page.content.decode()
    assert 'role="img"' in text and "<table>" in text
    assert "Ingen från lärosätet" in text


# --- my actions, overdue ------------------------------------------------------------------


def test_my_actions_are_those_owned_by_my_email(institution, body):
    me = f.MembershipFactory(institution=institution, role="staff", user__email="Me@Example.se").user
    mine = f.ActionItemFactory(
        body=body, owner=f.BodyMemberFactory(body=body, person__email="me@example.se").person
    )
    f.ActionItemFactory(body=body)
    page = client_for(me).get(reverse("governance:actionitem-list") + "?mine=true").content.decode()
    assert mine.title in page
    assert page.count(f'<a href="{mine.get_absolute_url()}"') == 1 and page.count('name="ids"') == 1
    start = client_for(me).get(reverse("workspace:start")).content.decode()
    assert mine.title in start


def test_status_changes_are_recorded(coordinator_client, coordinator, body):
    action = f.ActionItemFactory(body=body)
    url = reverse("governance:actionitem-status", args=[action.pk])
    coordinator_client.post(url, {"status": "done", "expected_version": action.version})
    action.refresh_from_db()
    assert action.status == "done"
    entry = AuditEntry.objects.get(action="governance.actionitem.status_changed")
    assert entry.changes == {"status": {"before": "open", "after": "done"}}
    assert entry.actor == coordinator
    coordinator_client.post(url, {"status": "open", "expected_version": 1})  # stale
    action.refresh_from_db()
    assert action.status == "done"


# --- query counts ----------------------------------------------------------------------------


def grow_meeting(meeting):
    person = f.BodyMemberFactory(
        body=meeting.body, person__organisation=f.OrganisationFactory(institution=meeting.institution)
    ).person
    item = f.AgendaItemFactory(meeting=meeting, presenter=person)
    f.AttendanceFactory(meeting=meeting, person=person)
    decision = f.DecisionFactory(meeting=meeting, agenda_item=item)
    f.ActionItemFactory(body=meeting.body, meeting=meeting, decision=decision, owner=person)


@pytest.mark.parametrize("page", ["meeting", "body", "briefing", "levels"])
def test_governance_pages_query_count_does_not_grow(coordinator_client, body, page):
    meeting = f.MeetingFactory(body=body)
    url = {
        "meeting": meeting.get_absolute_url(),
        "body": body.get_absolute_url(),
        "briefing": reverse("governance:meeting-briefing", args=[meeting.pk]),
        "levels": reverse("governance:partnership-levels", args=[body.partnership.pk]),
    }[page]
    grow_meeting(meeting)
    coordinator_client.get(url)  # warm the content-type cache
    one = count_queries(coordinator_client, url)
    grow_meeting(meeting)
    grow_meeting(meeting)
    assert count_queries(coordinator_client, url) == one
    assert one <= 25


@pytest.mark.parametrize("name", ["body", "bodymember", "meeting", "decision", "actionitem", "bodytype"])
def test_governance_lists_query_count_does_not_grow(coordinator_client, body, name):
    url = reverse(f"governance:{name}-list")
    grow_meeting(f.MeetingFactory(body=body))
    one = count_queries(coordinator_client, url)
    grow_meeting(
        f.MeetingFactory(body=f.BodyFactory(institution=body.institution, partnership=body.partnership))
    )
    grow_meeting(f.MeetingFactory(body=body))
    assert count_queries(coordinator_client, url) == one
    assert one <= 12


def test_approved_minutes_download_as_approved_not_as_the_records_are_now(coordinator, body):
    meeting = f.MeetingFactory(body=body)
    item = f.AgendaItemFactory(meeting=meeting, number=1, minutes="Som det justerades.")
    approve_minutes(
        meeting, adjusters=[f.BodyMemberFactory(body=body).person], actor=coordinator, expected_version=1
    )
    AgendaItem.objects.filter(pk=item.pk).update(minutes="Ändrat i efterhand.")
    url = reverse("governance:meeting-document", args=[meeting.pk]) + "?kind=minutes&format=pdf&lang=sv"
    response = client_for(coordinator).get(url)
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Som det justerades." in text
    assert "Ändrat i efterhand." not in text
    assert "UTKAST" not in text


def test_attendance_of_everyone_in_one_form(coordinator_client, body):
    meeting = f.MeetingFactory(body=body)
    chair = f.BodyMemberFactory(body=body, role="chair").person
    f.BodyMemberFactory(body=body, role="substitute")  # comes only when called
    absent = f.BodyMemberFactory(body=body).person
    guest = f.AttendanceFactory(meeting=meeting, status="substitute", substitute_for=absent).person
    url = reverse("governance:meeting-attendance", args=[meeting.pk])
    form = coordinator_client.get(url).context["form"]
    assert {name: form[name].initial for name in form.fields if name.startswith("status_")} == {
        f"status_{chair.pk}": "present",
        f"status_{absent.pk}": "present",
        f"status_{guest.pk}": "substitute",
    }
    data = {
        f"status_{chair.pk}": "present",
        f"status_{absent.pk}": "absent",
        f"status_{guest.pk}": "substitute",
    }
    stale = {**data, f"version_{guest.pk}": 0}
    assert coordinator_client.post(url, stale).status_code == 409
    assert meeting.attendances.count() == 1
    response = coordinator_client.post(url, {**data, f"version_{guest.pk}": 1})
    assert response.status_code == 302
    assert dict(meeting.attendances.values_list("person", "status")) == {
        chair.pk: "present",
        absent.pk: "absent",
        guest.pk: "substitute",
    }
    assert AuditEntry.objects.filter(action="governance.attendance.created").count() == 2
    # not recorded any more: the row goes, with its audit entry
    coordinator_client.post(
        url,
        {**data, f"status_{chair.pk}": "", **{f"version_{p}": 1 for p in (chair.pk, absent.pk, guest.pk)}},
    )
    assert set(meeting.attendances.values_list("person", flat=True)) == {absent.pk, guest.pk}
    assert AuditEntry.objects.filter(action="governance.attendance.deleted").count() == 1


def test_two_editors_of_one_agenda_items_minutes_never_overwrite_each_other(coordinator_client, body):
    item = f.AgendaItemFactory(meeting=f.MeetingFactory(body=body), number=1, minutes="")
    url = reverse("governance:agendaitem-edit", args=[item.pk])
    data = {"meeting": f"#{item.meeting_id}", "number": 1, "title": item.title, "outcome": "information"}
    first = coordinator_client.post(url, {**data, "minutes": "Den förstas text.", "expected_version": 1})
    assert first.status_code == 302
    second = coordinator_client.post(url, {**data, "minutes": "Den andras text.", "expected_version": 1})
    assert second.status_code == 409
    assert "Den andras text." in second.content.decode()  # kept in the form, not lost
    item.refresh_from_db()
    assert (item.minutes, item.version) == ("Den förstas text.", 2)


def test_search_finds_minutes_and_decisions_and_a_partner_only_those_sent_out(members, world):
    own = world["own"]
    released = f.AgendaItemFactory(meeting=own["meeting"], number=7, minutes="Vätgasdalen diskuterades")
    hidden = f.AgendaItemFactory(
        meeting=f.MeetingFactory(body=own["body"]), number=1, minutes="Vätgasdalen i utkast"
    )
    f.DecisionFactory(meeting=own["meeting"], text="Styrgruppen satsar på vätgasdalen")

    def found(role):
        response = client_for(members[role]).get(reverse("search:results"), {"q": "vätgasdalen"})
        return {group.kind.key: {hit.obj.pk for hit in group.hits} for group in response.context["groups"]}

    coordinator, partner = found("coordinator"), found("partner")
    assert coordinator["agendaitem"] == {released.pk, hidden.pk}
    assert len(coordinator["decision"]) == 1
    assert partner["agendaitem"] == {released.pk}
    assert partner["decision"] == coordinator["decision"]


def test_a_meeting_approved_by_the_system_shows_its_history(coordinator_client, world):
    """The demo approves minutes with no user: the history names the system instead."""
    earlier = world["own"]["minutesversion"].meeting
    page = coordinator_client.get(earlier.get_absolute_url())
    assert page.status_code == 200
    assert "systemet" in page.content.decode()


def test_locked_records_offer_neither_edit_nor_delete(coordinator_client, world):
    approved = world["own"]["minutesversion"].meeting
    # made behind the lock's back (bulk_create saves no model), as only a test may
    [item] = AgendaItem.objects.bulk_create(
        [AgendaItem(institution=approved.institution, meeting=approved, number=9, title="Sent")]
    )
    for obj, name in ((approved, "meeting"), (item, "agendaitem")):
        page = coordinator_client.get(obj.get_absolute_url()).content.decode()
        assert reverse(f"governance:{name}-edit", args=[obj.pk]) not in page
        assert reverse(f"governance:{name}-delete", args=[obj.pk]) not in page
    draft = world["own"]["meeting"]
    page = coordinator_client.get(draft.get_absolute_url()).content.decode()
    assert reverse("governance:meeting-edit", args=[draft.pk]) in page


def test_a_locked_records_edit_form_is_shown_read_only_with_the_reason(coordinator_client, world):
    """Issue 26: not a form that opens and refuses only on saving."""
    approved = world["own"]["minutesversion"].meeting
    url = reverse("governance:meeting-edit", args=[approved.pk])
    response = coordinator_client.get(url)
    page = response.content.decode()
    assert str(approved.locked_message()) in page and "inget kan ändras" in page
    assert all(field.disabled for field in response.context["form"].fields.values())
    assert 'type="submit">Spara' not in page and "Tillbaka</a>" in page
    before = approved.version
    coordinator_client.post(url, {"title": "Ändrad", "expected_version": before})
    approved.refresh_from_db()
    assert approved.version == before
    draft = world["own"]["meeting"]
    page = coordinator_client.get(reverse("governance:meeting-edit", args=[draft.pk])).content.decode()
    assert "inget kan ändras" not in page and 'type="submit">Spara' in page


def test_an_attachment_downloads_for_those_who_see_its_item(members, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    meeting = f.MeetingFactory(body=world["own"]["body"])
    item = f.AgendaItemFactory(
        meeting=meeting, attachment=SimpleUploadedFile("underlag.pdf", b"%PDF-1.4 underlag\n")
    )
    url = reverse("governance:agendaitem-file", args=[item.pk])
    coordinator, partner = client_for(members["coordinator"]), client_for(members["partner"])
    assert url in coordinator.get(item.get_absolute_url()).content.decode()
    response = coordinator.get(url)
    assert b"".join(response.streaming_content) == b"%PDF-1.4 underlag\n"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert partner.get(url).status_code == 404  # not sent out yet
    Meeting.objects.filter(pk=meeting.pk).update(documents_released=True)
    assert partner.get(url).status_code == 200


# --- what the review found -------------------------------------------------------------------


def test_a_partner_sees_an_action_only_when_its_meeting_is_sent_out_or_it_has_none(members, world):
    body = world["own"]["body"]
    unsent = f.MeetingFactory(body=body)
    decision = f.DecisionFactory(meeting=unsent, text="Hemligt beslut")
    hidden = f.ActionItemFactory(body=body, decision=decision, owner=world["own"]["bodymember"].person)
    hidden.full_clean()
    complete_action(hidden, creating=True, actor=None)  # the decision's meeting becomes the action's
    hidden.save()
    standalone = f.ActionItemFactory(body=body, owner=world["own"]["bodymember"].person)
    client = client_for(members["partner"])
    assert hidden.meeting == unsent
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(standalone.get_absolute_url()).status_code == 200
    page = client.get(reverse("governance:actionitem-list")).content.decode()
    assert hidden.title not in page and standalone.title in page


def test_a_part_cannot_be_moved_out_of_approved_minutes(coordinator_client, coordinator, body):
    approved, draft = f.MeetingFactory(body=body), f.MeetingFactory(body=body)
    item = f.AgendaItemFactory(meeting=approved, number=1)
    title = item.title
    approve_minutes(
        approved, adjusters=[f.BodyMemberFactory(body=body).person], actor=coordinator, expected_version=1
    )
    coordinator_client.post(
        reverse("governance:agendaitem-edit", args=[item.pk]),
        {
            "meeting": f"#{draft.pk}",
            "number": 1,
            "title": "Flyttad",
            "outcome": "information",
            "expected_version": 1,
        },
    )
    item.refresh_from_db()
    assert (item.meeting, item.title) == (approved, title)  # neither moved nor renamed ("Flyttad")


def test_an_approval_between_checking_and_saving_a_part_wins(coordinator, body):
    from samverka.core.domain.records import RecordLocked, update_record
    from samverka.governance.forms import AgendaItemForm

    meeting = f.MeetingFactory(body=body)
    item = f.AgendaItemFactory(meeting=meeting, number=1, minutes="Före.")
    form = AgendaItemForm(
        {
            "number": 1,
            "title": item.title,
            "outcome": "information",
            "minutes": "Efter.",
            "expected_version": 1,
        },
        instance=item,
        institution=body.institution,
    )
    assert form.is_valid(), form.errors  # checked while the minutes were a draft …
    approve_minutes(
        meeting, adjusters=[f.BodyMemberFactory(body=body).person], actor=coordinator, expected_version=1
    )
    with pytest.raises(RecordLocked):  # … saved after they were approved
        update_record(form, actor=coordinator, expected_version=1)
    assert AgendaItem.objects.get(pk=item.pk).minutes == "Före."


def test_chosen_options_narrow_the_dependent_choices_as_a_browser_posts_them(coordinator_client, body):
    focus_area = f.FocusAreaFactory(partnership=body.partnership)
    response = coordinator_client.post(
        reverse("governance:body-create"),
        {
            "partnership": str(body.partnership.pk),  # a <select> posts the bare number
            "type": str(body.type.pk),
            "name_sv": "Arbetsgrupp energi",
            "level": "3",
            "focus_area": str(focus_area.pk),
            "send_out_days": "7",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    meeting = f.MeetingFactory(body=body)
    decision = f.DecisionFactory(meeting=meeting)
    owner = f.BodyMemberFactory(body=body).person
    response = coordinator_client.post(
        reverse("governance:actionitem-create"),
        {
            "body": str(body.pk),
            "decision": str(decision.pk),
            "title": "Följ upp",
            "owner": f"#{owner.pk}",
            "due_on": "2026-05-01",
        },
    )
    assert response.status_code == 302
    action = ActionItem.objects.get(title="Följ upp")
    assert (action.decision, action.meeting, action.status) == (decision, meeting, "open")


def test_a_meeting_with_decisions_keeps_its_body_and_year(coordinator_client, institution, body):
    meeting = f.MeetingFactory(body=body)
    f.DecisionFactory(meeting=meeting)
    other = f.BodyFactory(institution=institution, partnership=body.partnership)
    url = reverse("governance:meeting-edit", args=[meeting.pk])
    data = {"body": other.pk, "starts_at": "2026-03-10T13:00", "expected_version": 1}
    assert form_errors(coordinator_client.post(url, data)) == {
        "body": ["Mötet har beslut numrerade i sitt organ: behåll det."]
    }
    data = {"body": body.pk, "starts_at": "2027-01-05T13:00", "expected_version": 1}
    assert list(form_errors(coordinator_client.post(url, data))) == ["starts_at"]
    data["starts_at"] = "2026-04-01T10:00"
    assert coordinator_client.post(url, data).status_code == 302


def test_the_registry_number_of_approved_minutes_is_found(
    coordinator, body, django_capture_on_commit_callbacks
):
    from samverka.core.models import Membership
    from samverka.core.permissions import Policy
    from samverka.search.domain import search

    meeting = f.MeetingFactory(body=body)
    with django_capture_on_commit_callbacks(execute=True):
        approve_minutes(
            meeting,
            adjusters=[f.BodyMemberFactory(body=body).person],
            registry_number="FS 1.6.2-4711-26",
            actor=coordinator,
            expected_version=1,
        )
    groups = search(Policy(Membership.objects.get(user=coordinator)), "4711")
    assert [(g.kind.key, [h.obj.pk for h in g.hits]) for g in groups] == [("meeting", [meeting.pk])]
    entry = AuditEntry.objects.get(action="governance.meeting.minutes_approved")
    assert entry.changes["registry_number"] == {"before": "", "after": "FS 1.6.2-4711-26"}


@pytest.mark.parametrize("kind", ["governance:bodytype", "activities:activitytype"])
def test_a_managed_lists_code_is_unique_in_the_institution(
    coordinator_client, institution, other_institution, kind
):
    from samverka.activities.models import ActivityType
    from samverka.governance.models import BodyType

    model = BodyType if kind.startswith("governance") else ActivityType
    taken = model.objects.create(institution=institution, code="styrgrupp", name_sv="Styrgrupp")
    model.objects.create(institution=other_institution, code="referensgrupp", name_sv="Annans")
    url = reverse(f"{kind}-create")
    data = {"name_sv": "Ny", "code": "styrgrupp", "order": 0, "is_active": "on"}
    assert form_errors(coordinator_client.post(url, data)) == {
        "code": [f"”{taken}” har redan den här koden."]
    }
    assert (
        coordinator_client.post(url, {**data, "code": "referensgrupp"}).status_code == 302
    )  # another's is free
    assert model.objects.filter(institution=institution).count() == 2


# --- numbering and "overdue": one rule each, in the domain ------------------------------------


def test_the_next_agenda_number_follows_the_highest_even_after_a_deletion(coordinator_client, body):
    from samverka.governance.domain.meetings import next_agenda_number

    meeting = f.MeetingFactory(body=body)
    items = [f.AgendaItemFactory(meeting=meeting, number=number) for number in (1, 2, 3)]
    items[2].delete()
    items[0].delete()
    assert next_agenda_number(meeting.pk) == 3
    page = coordinator_client.get(reverse("governance:agendaitem-create"), {"meeting": meeting.pk})
    assert page.context["form"].initial["number"] == 3


def test_a_decision_made_on_the_page_is_numbered_by_the_domain(coordinator_client, body):
    meeting = f.MeetingFactory(body=body)
    f.DecisionFactory(meeting=meeting)
    response = post_form(
        coordinator_client, "decision", {"meeting": f"#{meeting.pk}", "text": "Beslutas att gå vidare."}
    )
    assert response.status_code == 302
    made = Decision.objects.get(text="Beslutas att gå vidare.")
    assert (made.body, made.year, made.number, made.label) == (body, 2026, 2, "Beslut 2026:2")


def test_an_action_made_from_a_decision_is_of_the_decisions_meeting(coordinator_client, body):
    decision = f.DecisionFactory(meeting=f.MeetingFactory(body=body))
    owner = f.BodyMemberFactory(body=body).person
    data = {
        "body": body.pk,
        "decision": decision.pk,
        "title": "Följ upp beslutet",
        "owner": f"#{owner.pk}",
        "due_on": "2026-06-01",
        "status": "open",
    }
    assert post_form(coordinator_client, "actionitem", data).status_code == 302
    assert ActionItem.objects.get(title="Följ upp beslutet").meeting == decision.meeting


def test_overdue_is_the_same_in_the_list_the_tables_and_the_export(coordinator_client, body):
    import io

    import openpyxl

    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    f.ActionItemFactory(body=body, title="Sen", due_on=today - day)
    f.ActionItemFactory(body=body, title="Klar", due_on=today - day, status="done")
    f.ActionItemFactory(body=body, title="I dag", due_on=today)
    actions = ActionItem.objects.filter(body=body)
    by_rule = sorted(action.title for action in actions if action.is_overdue)
    assert by_rule == ["Sen"]
    listed = coordinator_client.get(reverse("governance:actionitem-list"), {"overdue": "true"})
    assert sorted(action.title for action in listed.context["object_list"]) == by_rule
    page = coordinator_client.get(body.get_absolute_url()).content.decode()
    assert page.count("försenad</strong>") == len(by_rule)
    export = coordinator_client.get(reverse("governance:actionitem-list"), {"format": "xlsx"})
    header, *rows = openpyxl.load_workbook(io.BytesIO(b"".join(export.streaming_content))).active.iter_rows(
        values_only=True
    )
    title, overdue = header.index("Åtgärd"), header.index("Försenad")
    assert sorted(row[title] for row in rows if row[overdue] in (True, "Ja")) == by_rule
