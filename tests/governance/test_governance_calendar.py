"""The calendar feed: what each persona's secret address shows, that it is stable, bounded and
closed when the address is replaced or the access ends; the page that hands the address out."""

import datetime
import hashlib
import re
import zoneinfo

import icalendar
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samverka.core.models import AuditEntry, Membership
from samverka.core.permissions import Policy
from samverka.core.tenancy import membership_in_force
from samverka.governance.calendar import calendar_for, new_feed, user_for_token
from samverka.governance.models import ActionItem, CalendarFeed, Meeting
from tests import factories as f
from tests.conftest import client_for

# Most tests here ask the same world: built once for the module (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("shared_world")

HOST = "samverka.example.se"
STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")


@pytest.fixture(autouse=True)
def _base_url(settings):
    settings.SAMVERKA_BASE_URL = f"https://{HOST}"


@pytest.fixture
def calendar_world(world):
    """The world's governance moved close to today, plus an agreement review and, in the own
    partnership, a meeting whose documents are not sent out and actions that are done or too old.

    The world's meetings: ``meeting`` (in two weeks, documents sent out) and the earlier one of
    its approved minutes (six weeks ago); its action is due in ten days.
    """
    today = timezone.localdate()
    soon = datetime.datetime.combine(today + datetime.timedelta(days=14), datetime.time(13), STOCKHOLM)
    for where in ("own", "sibling", "other"):
        records = world[where]
        Meeting.objects.filter(pk=records["meeting"].pk).update(starts_at=soon)
        Meeting.objects.filter(pk=records["minutesversion"].meeting_id).update(
            starts_at=soon - datetime.timedelta(days=56)
        )
        ActionItem.objects.filter(pk=records["actionitem"].pk).update(
            due_on=today + datetime.timedelta(days=10)
        )
        records["agreement"].review_on = today + datetime.timedelta(days=90)
        records["agreement"].save()
        for key in ("meeting", "actionitem", "agreement"):
            records[key].refresh_from_db()
        records["earlier"] = Meeting.objects.get(pk=records["minutesversion"].meeting_id)
    own = world["own"]
    own["unreleased"] = f.MeetingFactory(
        body=own["body"],
        starts_at=soon + datetime.timedelta(days=7),
        ends_at=soon + datetime.timedelta(days=7, hours=3),
        title="Arbetsmöte",
        video_link="https://video.example.se/rum-1",
    )
    owner = own["bodymember"].person
    own["done"] = f.ActionItemFactory(body=own["body"], owner=owner, status="done", due_on=today)
    own["cancelled"] = f.ActionItemFactory(body=own["body"], owner=owner, status="cancelled", due_on=today)
    three_years = datetime.timedelta(days=3 * 365)
    own["ancient"] = f.ActionItemFactory(body=own["body"], owner=owner, due_on=today - three_years)
    own["old_meeting"] = f.MeetingFactory(
        body=own["body"], starts_at=soon - three_years, documents_released=True
    )
    return world


def uid(kind: str, obj) -> str:
    return f"samverka-{kind}-{obj.pk}@{HOST}"


def events(body: bytes) -> dict[str, icalendar.Event]:
    """The feed's events by UID (every UID once)."""
    found = icalendar.Calendar.from_ical(body).walk("VEVENT")
    by_uid = {str(event["uid"]): event for event in found}
    assert len(by_uid) == len(found), "a UID appears twice"
    return by_uid


def feed_of(user, *, lang: str | None = None, partnership=None):
    """The calendar program's request: no session, only the secret address."""
    token = new_feed(user)
    if partnership is None:
        url = reverse("calendar-feed", args=[token])
    else:
        url = reverse("partnership-calendar-feed", args=[token, partnership.pk])
    return Client().get(url, {"lang": lang} if lang else {})


def test_a_coordinators_feed_has_the_institutions_meetings_open_actions_and_reviews(members, calendar_world):
    response = feed_of(members["coordinator"])

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private, no-store"
    own, sibling = calendar_world["own"], calendar_world["sibling"]
    assert set(events(response.content)) == {
        *(uid("meeting", w[key]) for w in (own, sibling) for key in ("meeting", "earlier")),
        uid("meeting", own["unreleased"]),
        uid("action", own["actionitem"]),
        uid("action", sibling["actionitem"]),
        uid("agreement-review", own["agreement"]),
        uid("agreement-review", sibling["agreement"]),
    }


def test_each_kind_of_event_has_its_dates_words_and_link(members, calendar_world):
    own = calendar_world["own"]
    calendar = icalendar.Calendar.from_ical(feed_of(members["coordinator"], lang="en").content)
    found = events(calendar.to_ical())

    assert str(calendar["prodid"]).startswith("-//Samverka//")
    assert str(calendar["version"]) == "2.0"
    assert str(calendar["x-wr-calname"]) == "Samverka – Umeå University"

    meeting = own["meeting"]
    event = found[uid("meeting", meeting)]
    assert event.decoded("dtstart") == meeting.starts_at.astimezone(datetime.UTC)
    assert (
        event["dtstart"].to_ical()
        == meeting.starts_at.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ").encode()
    )
    assert event.decoded("dtend") == meeting.starts_at.astimezone(datetime.UTC) + datetime.timedelta(hours=2)
    assert str(event["summary"]) == f"{own['body'].name_en} {timezone.localdate(meeting.starts_at)}"
    assert str(event["location"]) == "Universitetsledningens sammanträdesrum"
    assert str(event["url"]) == f"https://{HOST}/en/app/governance/meetings/{meeting.pk}/"
    assert event.decoded("dtstamp") == meeting.updated_at.astimezone(datetime.UTC).replace(microsecond=0)

    unreleased = own["unreleased"]
    event = found[uid("meeting", unreleased)]
    assert str(event["summary"]) == "Arbetsmöte"
    assert event.decoded("dtend") == unreleased.ends_at.astimezone(datetime.UTC)
    assert str(event["description"]).splitlines() == [
        f"Body: {own['body'].name_en}",
        f"Partnership: {own['partnership'].title_en}",
        "Video link: https://video.example.se/rum-1",
        f"In Samverka: https://{HOST}/en/app/governance/meetings/{unreleased.pk}/",
    ]

    action = own["actionitem"]
    event = found[uid("action", action)]
    assert event.decoded("dtstart") == action.due_on
    assert event.decoded("dtend") == action.due_on + datetime.timedelta(days=1)
    assert str(event["summary"]) == f"Action due: {action.title}"
    assert str(event["description"]).splitlines()[0] == f"Owner: {action.owner}"

    agreement = own["agreement"]
    event = found[uid("agreement-review", agreement)]
    assert event.decoded("dtstart") == agreement.review_on
    assert str(event["summary"]) == f"Agreement review: {own['partnership'].title_en}: agreement 1"


def test_the_feed_is_the_same_bytes_until_a_record_changes(members, calendar_world):
    policy = Policy(membership_in_force(members["coordinator"]))
    first = calendar_for(policy, language="sv")

    assert calendar_for(policy, language="sv") == first
    meeting = calendar_world["own"]["meeting"]
    later = meeting.updated_at + datetime.timedelta(hours=1)
    Meeting.objects.filter(pk=meeting.pk).update(place="Rum 2", updated_at=later)
    second = calendar_for(policy, language="sv")
    changed, unchanged = events(second), events(first)
    assert set(changed) == set(unchanged)
    event = changed[uid("meeting", meeting)]
    assert str(event["location"]) == "Rum 2"
    assert event.decoded("dtstamp") == later.astimezone(datetime.UTC).replace(microsecond=0)
    others = set(changed) - {uid("meeting", meeting)}
    assert {key: changed[key].to_ical() for key in others} == {
        key: unchanged[key].to_ical() for key in others
    }


def test_a_partner_sees_their_partnerships_sent_out_meetings_and_actions_never_reviews(
    members, calendar_world
):
    own = calendar_world["own"]

    assert set(events(feed_of(members["partner"]).content)) == {
        uid("meeting", own["meeting"]),
        uid("meeting", own["earlier"]),
        uid("action", own["actionitem"]),
    }


def test_a_partnership_coordinators_feed_is_the_institutions(members, calendar_world):
    """Partnership coordinators see every partnership of the institution (they change only theirs)."""
    found = set(events(feed_of(members["partnership_coordinator"]).content))

    assert uid("meeting", calendar_world["sibling"]["meeting"]) in found
    assert uid("agreement-review", calendar_world["sibling"]["agreement"]) in found
    assert not any(
        uid(kind, calendar_world["other"][key]) in found
        for kind, key in (
            ("meeting", "meeting"),
            ("action", "actionitem"),
            ("agreement-review", "agreement"),
        )
    )


def test_one_partnerships_feed_has_only_its_events(members, calendar_world):
    own = calendar_world["own"]
    response = feed_of(members["viewer"], partnership=own["partnership"])

    assert response.status_code == 200
    assert set(events(response.content)) == {
        uid("meeting", own["meeting"]),
        uid("meeting", own["earlier"]),
        uid("meeting", own["unreleased"]),
        uid("action", own["actionitem"]),
        uid("agreement-review", own["agreement"]),
    }
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["x-wr-calname"]) == f"Samverka – {own['partnership'].title_sv}"


@pytest.mark.parametrize(("role", "where"), [("partner", "sibling"), ("coordinator", "other")])
def test_a_partnership_out_of_reach_answers_404(members, calendar_world, role, where):
    response = feed_of(members[role], partnership=calendar_world[where]["partnership"])

    assert response.status_code == 404
    assert b"BEGIN:VCALENDAR" not in response.content


def test_an_unknown_address_answers_404(members, calendar_world):
    new_feed(members["coordinator"])

    response = Client().get(reverse("calendar-feed", args=["not-a-token"]))

    assert response.status_code == 404
    assert user_for_token("not-a-token") is None


def test_a_new_address_ends_the_old_one(members, calendar_world):
    user = members["coordinator"]
    old = new_feed(user)
    new = new_feed(user)

    assert Client().get(reverse("calendar-feed", args=[old])).status_code == 404
    assert Client().get(reverse("calendar-feed", args=[new])).status_code == 200
    assert CalendarFeed.objects.filter(user=user).count() == 1
    assert user_for_token(new) == user


def test_only_the_tokens_digest_is_stored(members):
    token = new_feed(members["viewer"])

    feed = CalendarFeed.objects.get(user=members["viewer"])
    assert feed.token_digest == hashlib.sha256(token.encode()).hexdigest()
    assert token not in feed.token_digest


def test_the_feed_closes_when_the_access_period_ends(members, calendar_world):
    user = members["partner"]
    token = new_feed(user)
    Membership.objects.filter(user=user).update(valid_until=timezone.localdate() - datetime.timedelta(days=1))

    assert Client().get(reverse("calendar-feed", args=[token])).status_code == 404
    partnership = calendar_world["own"]["partnership"]
    assert Client().get(reverse("partnership-calendar-feed", args=[token, partnership.pk])).status_code == 404


def test_a_deactivated_user_has_no_feed(members, calendar_world):
    user = members["viewer"]
    token = new_feed(user)
    user.is_active = False
    user.save()

    assert Client().get(reverse("calendar-feed", args=[token])).status_code == 404


@pytest.mark.parametrize("role", ["coordinator", "partner"])
def test_the_feed_takes_the_same_queries_for_one_and_three_meetings(members, calendar_world, role):
    """Meetings, actions and reviews each load in one query whatever their number."""
    own = calendar_world["own"]["partnership"]
    body = f.BodyFactory(partnership=own, institution=own.institution)
    url = reverse("calendar-feed", args=[new_feed(members[role])])
    start = timezone.now() + datetime.timedelta(days=3)
    today = timezone.localdate()
    f.MeetingFactory(body=body, starts_at=start, documents_released=True)
    f.ActionItemFactory(body=body, due_on=today)
    with CaptureQueriesContext(connection) as one:
        first = Client().get(url)
    for days in (1, 2):
        f.MeetingFactory(body=body, starts_at=start + datetime.timedelta(days=days), documents_released=True)
        f.ActionItemFactory(body=body, due_on=today + datetime.timedelta(days=days))
    with CaptureQueriesContext(connection) as three:
        second = Client().get(url)

    assert len(events(second.content)) == len(events(first.content)) + 4
    assert len(three.captured_queries) == len(one.captured_queries)


# --- the page that hands out the address --------------------------------------------------------


def test_the_page_explains_the_feed_and_offers_a_new_address(members):
    page = client_for(members["viewer"]).get(reverse("governance:calendar"))

    assert page.status_code == 200
    html = page.content.decode()
    assert html.count("<h1") == 1
    assert '<button type="submit">' in html
    assert ".ics" not in html  # no address exists to show


def test_creating_an_address_shows_it_once_and_records_it_without_the_token(members, calendar_world):
    user = members["partner"]
    client = client_for(user)

    response = client.post(reverse("governance:calendar"))

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    html = response.content.decode()
    digest = CalendarFeed.objects.get(user=user).token_digest
    own, sibling = calendar_world["own"]["partnership"], calendar_world["sibling"]["partnership"]
    token = html.split(f"https://{HOST}/calendar/", 1)[1].split(".ics", 1)[0]
    assert hashlib.sha256(token.encode()).hexdigest() == digest
    assert f'value="https://{HOST}/calendar/{token}.ics"' in html
    assert f'value="https://{HOST}/calendar/{token}/partnership/{own.pk}.ics"' in html
    assert f"/partnership/{sibling.pk}.ics" not in html
    assert Client().get(f"/calendar/{token}/partnership/{own.pk}.ics").status_code == 200

    assert token not in client.get(reverse("governance:calendar")).content.decode()
    entry = AuditEntry.objects.get(action="governance.calendarfeed.created")
    assert (entry.actor, entry.institution) == (user, calendar_world["own"]["partnership"].institution)
    assert token not in str(entry.changes) and token not in entry.object_repr


def test_the_address_on_an_english_page_gives_an_english_feed(members, calendar_world):
    response = client_for(members["coordinator"]).post("/en" + reverse("governance:calendar"))

    html = response.content.decode()
    address = html.split('id="calendar-address" type="text" readonly value="', 1)[1].split('"', 1)[0]
    assert address.endswith(".ics?lang=en")
    feed = Client().get(address.removeprefix(f"https://{HOST}"))
    assert "Action due: " in feed.content.decode()


# RFC 5545 value grammars (3.3.4, 3.3.5, 3.3.6) of the properties a feed carries.
DURATION = re.compile(r"[+-]?P(\d+W|\d+D(T(\d+H)?(\d+M)?(\d+S)?)?|T(\d+H(\d+M)?(\d+S)?|\d+M(\d+S)?|\d+S))")
DATE_TIME = re.compile(r"\d{8}T\d{6}Z?")
DATE = re.compile(r"\d{8}")
VALUE_OF = {
    "REFRESH-INTERVAL": DURATION,
    "X-PUBLISHED-TTL": DURATION,
    "DURATION": DURATION,
    "DTSTAMP": DATE_TIME,
    "CREATED": DATE_TIME,
    "LAST-MODIFIED": DATE_TIME,
}


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_duration_and_moment_of_the_feed_is_valid_icalendar(members, calendar_world, lang):
    """Calendar programs drop a feed whose values break RFC 5545 (``X-PUBLISHED-TTL:1:00:00``)."""
    unfolded = feed_of(members["coordinator"], lang=lang).content.decode().replace("\r\n ", "")
    checked = set()
    for line in unfolded.split("\r\n"):
        name_and_parameters, _colon, value = line.partition(":")
        name, *parameters = name_and_parameters.split(";")
        if name in ("DTSTART", "DTEND", "DUE"):
            grammar = DATE if "VALUE=DATE" in parameters else DATE_TIME
        elif name in VALUE_OF:
            grammar = VALUE_OF[name]
        else:
            continue
        assert grammar.fullmatch(value), line
        checked.add(name)
    assert {"REFRESH-INTERVAL", "X-PUBLISHED-TTL", "DTSTART", "DTSTAMP"} <= checked


def test_an_agreements_end_is_in_the_feed_of_those_who_see_agreements(members, calendar_world):
    agreement = calendar_world["own"]["agreement"]
    agreement.ends_on = timezone.localdate() + datetime.timedelta(days=200)
    agreement.save()
    found = events(feed_of(members["coordinator"]).content)
    event = found[uid("agreement-end", agreement)]
    assert event.decoded("dtstart") == agreement.ends_on
    assert str(event["summary"]).startswith("Avtalet löper ut: ")
    assert uid("agreement-review", agreement) in found  # its review too, from the same query
    assert uid("agreement-end", agreement) not in events(feed_of(members["partner"]).content)
