"""Governance through the REST API: the meeting's steps and an action's status, by the pages' rules."""

import pytest

from samverka.core.models import AuditEntry
from samverka.governance.models import AgendaItem, Meeting, MinutesVersion
from tests import factories as f
from tests.conftest import ROLES, client_for
from tests.core.test_access import may, may_at_all

# Most tests here ask the same world: built once for the module (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("shared_world")


def post(client, url, body):
    return client.post(url, body, content_type="application/json")


@pytest.mark.parametrize("role", ROLES)
def test_sending_out_through_the_api_follows_the_policy(members, world, role):
    """send-out of a meeting of the own, the sibling and another institution's partnership: 200 where
    the role may change the meeting; 403 for a role that may change no meeting or not this one,
    404 for another institution's; the meeting as it was unless sent out."""
    client = client_for(members[role])
    for where in ("own", "sibling", "other"):
        meeting = f.MeetingFactory(body=world[where]["body"])
        response = post(client, f"/api/v1/meetings/{meeting.pk}/send-out/", {"version": meeting.version})
        if not may_at_all(role, "change", "meeting"):
            expected = 403
        elif where == "other":
            expected = 404
        else:
            expected = 200 if may(role, "change", "meeting", where) else 403
        assert (where, response.status_code) == (where, expected)
        meeting.refresh_from_db()
        assert meeting.documents_released == (response.status_code == 200)


def test_the_minutes_are_approved_corrected_and_approved_again_through_the_api(coordinator, world):
    client = client_for(coordinator)
    meeting = f.MeetingFactory(body=world["own"]["body"])
    item = f.AgendaItemFactory(meeting=meeting, number=1, minutes="Först.")
    adjuster = world["own"]["bodymember"].person
    url = f"/api/v1/meetings/{meeting.pk}/"
    refused = post(client, url + "approve/", {"version": 1, "adjusters": []})
    assert refused.status_code == 400
    assert list(refused.json()) == ["adjusters"]
    response = post(
        client, url + "approve/", {"version": 1, "adjusters": [adjuster.pk], "registry_number": "FS 1"}
    )
    assert response.status_code == 200
    data = response.json()
    assert (data["minutes_status"], data["version"], data["registry_number"]) == ("approved", 2, "FS 1")
    assert [v["number"] for v in data["minutes_versions"]] == [1]
    assert data["minutes_versions"][0]["adjusters"] == [adjuster.full_name]
    assert data["minutes_versions"][0]["content"]["items"][0]["minutes"] == "Först."
    # locked: the item cannot be changed or deleted
    locked = client.patch(
        f"/api/v1/agenda-items/{item.pk}/",
        {"version": item.version, "minutes": "Sedan."},
        content_type="application/json",
    )
    assert locked.status_code == 400
    assert "justerat och låst" in locked.json()["detail"]
    assert client.delete(f"/api/v1/agenda-items/{item.pk}/").status_code == 409
    assert AgendaItem.objects.get(pk=item.pk).minutes == "Först."
    # stale, then a correction with too short a reason, then a real one
    assert post(client, url + "correct/", {"version": 1, "reason": "Fel i paragraf ett"}).status_code == 409
    assert post(client, url + "correct/", {"version": 2, "reason": "kort"}).status_code == 400
    assert post(client, url + "correct/", {"version": 2, "reason": "Fel i paragraf ett"}).status_code == 200
    AgendaItem.objects.filter(pk=item.pk).update(minutes="Sedan.")
    # the reason given when the correction started is the new version's: not asked again
    again = post(client, url + "approve/", {"version": 3, "adjusters": [adjuster.pk]})
    assert again.status_code == 200
    versions = MinutesVersion.objects.filter(meeting=meeting).order_by("number")
    assert [v.content["items"][0]["minutes"] for v in versions] == ["Först.", "Sedan."]
    assert versions[1].correction_reason == "Fel i paragraf ett"
    assert (
        AuditEntry.objects.filter(action="governance.meeting.minutes_approved", object_id=meeting.pk).count()
        == 2
    )


def test_an_adjuster_of_another_institution_is_refused(coordinator, world):
    meeting = f.MeetingFactory(body=world["own"]["body"])
    foreign = world["other"]["person"]
    response = post(
        client_for(coordinator),
        f"/api/v1/meetings/{meeting.pk}/approve/",
        {"version": 1, "adjusters": [foreign.pk]},
    )
    assert response.status_code == 400
    assert Meeting.objects.get(pk=meeting.pk).minutes_status == "draft"


@pytest.mark.parametrize(
    "starts_at",
    [
        "0092-02-25T04:06:05+01:00",
        "1899-12-31T23:30:00+01:00",
        "1900-01-01T00:00:00+14:00",
        "0001-01-01T00:30:00+01:00",  # before the calendar's first day in UTC
        "9999-12-31T23:59:59-01:00",  # after its last
    ],
)
def test_a_meeting_before_1900_is_refused(coordinator, world, starts_at):
    """Times before 1900 (local time) are refused: Stockholm's offset then was its local mean time,
    in seconds, which no client reads as a time."""
    response = post(
        client_for(coordinator),
        "/api/v1/meetings/",
        {"body": world["own"]["body"].pk, "title": "Möte", "starts_at": starts_at},
    )
    assert response.status_code == 400
    assert response.json()["starts_at"] == ["Ange ett år från 1900 till 2200."]
    assert not Meeting.objects.filter(title="Möte").exists()


def test_a_meeting_in_1900_is_shown_with_a_whole_hour_offset(coordinator, world):
    response = post(
        client_for(coordinator),
        "/api/v1/meetings/",
        {"body": world["own"]["body"].pk, "title": "Möte", "starts_at": "1900-01-01T00:00:00+01:00"},
    )
    assert response.status_code == 201
    assert response.json()["starts_at"] == "1900-01-01T00:00:00+01:00"


@pytest.mark.parametrize("role", ROLES)
def test_an_actions_status_changes_through_the_api_as_the_role_may(members, world, role):
    client = client_for(members[role])
    action = world["own"]["actionitem"]
    response = post(
        client, f"/api/v1/action-items/{action.pk}/status/", {"version": action.version, "status": "done"}
    )
    expected = 200 if may(role, "change", "actionitem", "own") else 403
    assert response.status_code == expected
    action.refresh_from_db()
    assert action.status == ("done" if expected == 200 else "open")
    if expected == 200:
        assert response.json()["status"] == "done"
        entry = AuditEntry.objects.get(action="governance.actionitem.status_changed")
        assert (entry.actor, entry.changes["status"]) == (members[role], {"before": "open", "after": "done"})


def test_an_unknown_status_is_refused(coordinator, world):
    action = world["own"]["actionitem"]
    response = post(
        client_for(coordinator),
        f"/api/v1/action-items/{action.pk}/status/",
        {"version": action.version, "status": "x"},
    )
    assert response.status_code == 400
    assert list(response.json()) == ["status"]


def test_the_schema_describes_the_governance_steps(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    for path in (
        "/api/v1/meetings/{id}/send-out/",
        "/api/v1/meetings/{id}/approve/",
        "/api/v1/meetings/{id}/correct/",
        "/api/v1/action-items/{id}/status/",
    ):
        assert list(schema["paths"][path]) == ["post"]
    assert "ApproveMinutesRequest" in schema["components"]["schemas"]


def test_the_meeting_list_does_not_grow_its_queries_with_approved_versions(coordinator, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from samverka.governance.domain.meetings import approve_minutes

    client = client_for(coordinator)
    body = world["own"]["body"]

    def count():
        with CaptureQueriesContext(connection) as context:
            assert client.get("/api/v1/meetings/").status_code == 200
        return len(context)

    one = count()
    for _ in range(3):
        meeting = f.MeetingFactory(body=body)
        approve_minutes(
            meeting,
            adjusters=[world["own"]["bodymember"].person, f.PersonFactory(institution=body.institution)],
            actor=coordinator,
            expected_version=1,
        )
    assert count() == one


def test_an_actions_status_is_not_changed_by_an_edit(coordinator, world):
    action = world["own"]["actionitem"]
    response = client_for(coordinator).patch(
        f"/api/v1/action-items/{action.pk}/",
        {"version": action.version, "status": "done"},
        content_type="application/json",
    )
    assert response.status_code == 200
    action.refresh_from_db()
    assert action.status == "open"
