"""A meeting's minutes written on one page: the attendance, each agenda item's outcome and minutes,
its decisions and actions, and the next item, each added inline (``MeetingMinutesView``)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samverka.core.models import AuditEntry
from samverka.governance.domain.meetings import approve_minutes
from samverka.governance.models import ActionItem, AgendaItem, Attendance, Decision
from tests import factories as f
from tests.conftest import client_for


@pytest.fixture
def meeting(institution):
    body = f.BodyFactory(institution=institution, partnership=f.PartnershipFactory(institution=institution))
    return f.MeetingFactory(body=body)


def url_of(meeting) -> str:
    return reverse("governance:meeting-minutes", args=[meeting.pk])


def test_a_whole_meeting_is_minuted_without_leaving_the_page(coordinator_client, meeting):
    chair = f.BodyMemberFactory(body=meeting.body, role="chair").person
    absent = f.BodyMemberFactory(body=meeting.body).person
    url = url_of(meeting)
    assert url in coordinator_client.get(meeting.get_absolute_url()).content.decode()  # "Skriv protokollet"

    # the attendance, all at once
    response = coordinator_client.post(
        url,
        {
            "part": "attendance",
            f"attendance-status_{chair.pk}": "present",
            f"attendance-status_{absent.pk}": "absent",
        },
    )
    assert response.status_code == 302 and response["Location"] == f"{url}#attendance"
    assert dict(Attendance.objects.filter(meeting=meeting).values_list("person", "status")) == {
        chair.pk: "present",
        absent.pk: "absent",
    }

    # the first item, then its minutes, a decision and an action
    response = coordinator_client.post(
        url, {"part": "next", "next-title": "Budget 2027", "next-outcome": "decision"}
    )
    item = AgendaItem.objects.get(meeting=meeting)
    assert (item.number, item.title, response["Location"]) == (1, "Budget 2027", f"{url}#item-{item.pk}")
    response = coordinator_client.post(
        url,
        {
            "part": f"item-{item.pk}",
            f"item-{item.pk}-outcome": "decision",
            f"item-{item.pk}-minutes": "Budgeten föredrogs.",
            f"item-{item.pk}-expected_version": item.version,
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.minutes == "Budgeten föredrogs."
    coordinator_client.post(
        url, {"part": f"decision-{item.pk}", f"decision-{item.pk}-text": "Budgeten fastställs."}
    )
    decision = Decision.objects.get(meeting=meeting)
    assert (decision.agenda_item, decision.number, decision.created_by.username) == (item, 1, "coordinator")
    response = coordinator_client.post(
        url,
        {
            "part": f"action-{item.pk}",
            f"action-{item.pk}-title": "Skicka budgeten till nämnden",
            f"action-{item.pk}-owner": f"#{chair.pk}",
            f"action-{item.pk}-due_on": "2026-04-01",
        },
    )
    assert response["Location"] == f"{url}#item-{item.pk}"
    action = ActionItem.objects.get(meeting=meeting)
    # of the item's one decision, the meeting's body, open
    assert (action.agenda_item, action.decision, action.body, action.owner, action.status) == (
        item,
        decision,
        meeting.body,
        chair,
        "open",
    )
    assert action.due_on == datetime.date(2026, 4, 1)

    # and the next item follows on
    coordinator_client.post(
        url, {"part": "next", "next-title": "Övriga frågor", "next-outcome": "information"}
    )
    assert list(meeting.agenda_items.values_list("number", flat=True)) == [1, 2]

    page = coordinator_client.get(url).content.decode()
    assert "Budgeten fastställs." in page and "Skicka budgeten till nämnden" in page
    assert "Nästa punkt (§ 3)" in page
    # every part is in the trail, as on its own page
    verbs = set(AuditEntry.objects.filter(institution=meeting.institution).values_list("action", flat=True))
    assert {
        "governance.attendance.created",
        "governance.agendaitem.created",
        "governance.agendaitem.updated",
        "governance.decision.created",
        "governance.actionitem.created",
    } <= verbs


def test_a_bad_part_keeps_the_input_says_why_and_changes_nothing(coordinator_client, meeting):
    item = f.AgendaItemFactory(meeting=meeting, minutes="Som det var.")
    url = url_of(meeting)
    response = coordinator_client.post(
        url,
        {
            "part": f"action-{item.pk}",
            f"action-{item.pk}-title": "",
            f"action-{item.pk}-due_on": "inte ett datum",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="error-summary"' in page and "Fel:" in page.split("</title>")[0]
    assert 'value="inte ett datum"' in page
    assert not ActionItem.objects.exists()

    # someone saved the item meanwhile: the stale form is refused, their text kept
    AgendaItem.objects.filter(pk=item.pk).update(version=item.version + 1)
    response = coordinator_client.post(
        url,
        {
            "part": f"item-{item.pk}",
            f"item-{item.pk}-outcome": "information",
            f"item-{item.pk}-minutes": "Min version.",
            f"item-{item.pk}-expected_version": item.version,
        },
    )
    assert response.status_code == 409
    assert "Min version." in response.content.decode()
    item.refresh_from_db()
    assert item.minutes == "Som det var."

    # a part the meeting does not have
    other = f.AgendaItemFactory()
    response = coordinator_client.post(url, {"part": f"item-{other.pk}", f"item-{other.pk}-minutes": "x"})
    assert response.status_code == 302 and response["Location"] == url
    other.refresh_from_db()
    assert other.minutes != "x"


def test_approved_minutes_are_shown_locked_with_the_reason(coordinator_client, coordinator, meeting):
    item = f.AgendaItemFactory(meeting=meeting, minutes="Justerat.")
    adjuster = f.BodyMemberFactory(body=meeting.body).person
    approve_minutes(meeting, adjusters=[adjuster], actor=coordinator, expected_version=1)
    page = coordinator_client.get(url_of(meeting)).content.decode()
    assert "är justerat och låst" in page
    assert 'name="part"' not in page and "Justerat." in page
    response = coordinator_client.post(
        url_of(meeting), {"part": "next", "next-title": "Ny punkt", "next-outcome": "information"}
    )
    assert response["Location"] == meeting.get_absolute_url()
    assert list(meeting.agenda_items.all()) == [item]


def test_a_viewer_and_the_partner_may_not_write_the_minutes(members, world):
    meeting = world["own"]["meeting"]
    for role in ("viewer", "management", "staff", "partner"):
        client = client_for(members[role])
        assert client.get(url_of(meeting)).status_code in (403, 404), role
        response = client.post(
            url_of(meeting), {"part": "next", "next-title": "Smyg", "next-outcome": "information"}
        )
        assert response.status_code in (403, 404), role
    assert not AgendaItem.objects.filter(title="Smyg").exists()


def test_the_page_reads_a_fixed_number_of_queries(coordinator_client, meeting):
    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert coordinator_client.get(url_of(meeting)).status_code == 200
        return len(context)

    f.BodyMemberFactory(body=meeting.body)
    item = f.AgendaItemFactory(meeting=meeting)
    f.DecisionFactory(meeting=meeting, agenda_item=item)
    few = queries()
    for _ in range(5):
        item = f.AgendaItemFactory(meeting=meeting)
        f.DecisionFactory(meeting=meeting, agenda_item=item)
        f.ActionItemFactory(body=meeting.body, meeting=meeting, agenda_item=item)
        f.BodyMemberFactory(body=meeting.body)
    assert queries() == few
