"""E-mail as it arrives: every message read back from its bytes (core/mail.py, docs/mail.md)."""

import email
import email.policy

import icalendar
from django.core import mail as outbox

from samverka.core import mail
from tests import factories as f


def received(message) -> email.message.EmailMessage:
    """The message as a mail program reads it: parsed from the bytes that were sent."""
    return email.message_from_bytes(message.message().as_bytes(), policy=email.policy.default)


def parts(parsed) -> dict[str, str]:
    """content type → decoded content of every leaf part."""
    return {part.get_content_type(): part.get_content() for part in parsed.walk() if not part.is_multipart()}


def test_a_message_is_text_and_html_in_the_recipients_language_and_sent_by_a_machine(settings):
    settings.SAMVERKA_BASE_URL = "https://samverka.example-university.se"
    settings.DEFAULT_FROM_EMAIL = "Samverka <samverka@example-university.se>"
    mail.send(
        to=["kim@kommun.example.se"],
        subject="Invitation\nto the partnership",
        text=f"Welcome & hello <b>.\n\nOpen it here:\n{mail.absolute('/app/')}",
        language="en",
    )
    [message] = outbox.outbox
    parsed = received(message)
    assert parsed["Subject"] == "Invitation to the partnership"  # a header is one line
    assert parsed["From"] == "Samverka <samverka@example-university.se>"
    assert parsed["Auto-Submitted"] == "auto-generated"
    assert parsed["X-Auto-Response-Suppress"] == "All"
    assert parsed["Content-Language"] == "en"
    assert parsed.get_content_type() == "multipart/alternative"
    text, html = parts(parsed)["text/plain"], parts(parsed)["text/html"]
    assert "https://samverka.example-university.se/app/" in text
    assert '<html lang="en">' in html
    assert "Welcome &amp; hello &lt;b&gt;." in html  # the text, escaped, never markup
    assert '<a href="https://samverka.example-university.se/app/"' in html
    assert "Replies to it are not read." in html


def test_a_swedish_message_has_swedish_html(settings):
    mail.send(to=["a@example.se"], subject="Hej", text="Hej", language="sv")
    html = parts(received(outbox.outbox[0]))["text/html"]
    assert '<html lang="sv">' in html
    assert "Svar på det läses inte." in html


def test_a_meeting_notice_carries_an_invitation_outlook_takes(
    institution, coordinator, settings, django_capture_on_commit_callbacks
):
    from samverka.governance.calendar import calendar_for
    from samverka.governance.domain.meetings import release_documents

    settings.SAMVERKA_BASE_URL = "https://samverka.example-university.se"
    settings.DEFAULT_FROM_EMAIL = "samverka@example-university.se"
    body = f.BodyFactory(institution=institution, partnership=f.PartnershipFactory(institution=institution))
    members = [
        f.BodyMemberFactory(body=body, person__email=a) for a in ("a@region.example.se", "b@umu.example.se")
    ]
    meeting = f.MeetingFactory(body=body, place="Rum 101")
    with django_capture_on_commit_callbacks(execute=True):
        release_documents(meeting, actor=coordinator, expected_version=1)
    meeting.refresh_from_db()
    assert sorted(m.to[0] for m in outbox.outbox) == sorted(m.person.email for m in members)
    for message in outbox.outbox:
        parsed = received(message)
        content = parts(parsed)
        assert {"text/plain", "text/html", "text/calendar", "application/ics"} <= set(content)
        calendar_part = next(p for p in parsed.walk() if p.get_content_type() == "text/calendar")
        assert calendar_part.get_param("method") == "REQUEST"
        assert (parsed.get_content_type(), parsed["Auto-Submitted"]) == ("multipart/mixed", "auto-generated")
        assert f"https://samverka.example-university.se{meeting.get_absolute_url()}" in content["text/plain"]
        invitation = icalendar.Calendar.from_ical(content["text/calendar"])
        assert invitation["method"] == "REQUEST"
        attached = content["application/ics"].decode()
        assert attached.splitlines() == content["text/calendar"].splitlines()
        [event] = invitation.walk("VEVENT")
        assert str(event["organizer"]) == "mailto:samverka@example-university.se"
        assert str(event["attendee"]) == f"mailto:{message.to[0]}"  # each sees only their own address
        assert event["attendee"].params["ROLE"] == "REQ-PARTICIPANT"
        assert event.decoded("dtstart") == meeting.starts_at
        assert str(event["location"]) == "Rum 101"
        # the same meeting as in the calendar feed: a calendar with both keeps one
        from samverka.core.permissions import Policy

        feed = icalendar.Calendar.from_ical(calendar_for(Policy(coordinator.memberships.get())))
        [same] = [e for e in feed.walk("VEVENT") if str(e["uid"]) == str(event["uid"])]
        assert int(same["sequence"]) == int(event["sequence"])


def test_a_server_reached_at_another_address_than_the_base_url_warns_once(settings, caplog):
    from django.http import HttpResponse
    from django.test import RequestFactory

    from samverka.core.middleware import BaseUrlWarningMiddleware

    settings.SAMVERKA_BASE_URL = "https://samverka.example-university.se"
    settings.ALLOWED_HOSTS = ["samverka.example-university.se", "testserver"]
    requests = RequestFactory()
    elsewhere = BaseUrlWarningMiddleware(lambda request: HttpResponse())
    for _ in range(2):
        elsewhere(requests.get("/app/"))
    assert [r.getMessage() for r in caplog.records if "SAMVERKA_BASE_URL" in r.getMessage()] == [
        "Samverka is reached at http://testserver but SAMVERKA_BASE_URL is "
        "https://samverka.example-university.se: links in e-mail and single sign-on lead there."
    ]
    caplog.clear()
    right = BaseUrlWarningMiddleware(lambda request: HttpResponse())
    right(requests.get("/app/", secure=True, HTTP_HOST="samverka.example-university.se"))
    assert not [r for r in caplog.records if "SAMVERKA_BASE_URL" in r.getMessage()]


def test_each_member_is_written_to_in_their_own_language(
    institution, coordinator, django_capture_on_commit_callbacks, django_assert_num_queries
):
    """A partner representative keeps the language they were invited in; anyone changes theirs on
    the account page; an address of no member gets the installation's language."""
    from django.urls import reverse

    from samverka.governance.domain.meetings import release_documents
    from tests.conftest import client_for

    english = f.MembershipFactory(
        institution=institution, role="partner", user__email="kim@region.example.se", language="en"
    )
    swedish = f.MembershipFactory(institution=institution, role="viewer", user__email="eva@umu.example.se")
    body = f.BodyFactory(institution=institution, partnership=f.PartnershipFactory(institution=institution))
    for address in ("kim@region.example.se", "eva@umu.example.se", "guest@example.se"):
        f.BodyMemberFactory(body=body, person__email=address)
    meeting = f.MeetingFactory(body=body)
    with django_capture_on_commit_callbacks(execute=True):
        release_documents(meeting, actor=coordinator, expected_version=1)
    languages = {m.to[0]: (m.extra_headers["Content-Language"], m.subject.split()[0]) for m in outbox.outbox}
    assert languages == {
        "kim@region.example.se": ("en", "Documents"),
        "eva@umu.example.se": ("sv", "Handlingar"),
        "guest@example.se": ("sv", "Handlingar"),
    }
    # Eva chooses English on her account page; Kim's choice is his own
    client = client_for(swedish.user)
    assert 'name="language"' in client.get(reverse("account:overview")).content.decode()
    client.post(reverse("account:email-language"), {"language": "en"})
    assert mail.language_for("EVA@umu.example.se") == "en"
    client.post(reverse("account:email-language"), {"language": "de"})  # refused, nothing changes
    assert mail.language_for("eva@umu.example.se") == "en"
    english.refresh_from_db()
    assert english.language == "en"
    # one query for all the recipients of a notice, whatever their number and case
    addresses = ["KIM@region.example.se", "eva@umu.example.se", "guest@example.se"]
    with django_assert_num_queries(1):
        assert mail.languages_for(addresses, institution=institution) == dict(
            zip(addresses, ["en", "en", "sv"], strict=True)
        )
