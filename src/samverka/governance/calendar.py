"""Meetings, action deadlines, agreement dates and follow-ups as an iCalendar feed for calendar programs.

Calendar programs (Outlook, Google, Apple) subscribe to an address and fetch it
on their own, without logging in: the address carries a secret token, of which
only the SHA-256 digest is stored (``CalendarFeed``), as for invitations. What
a feed shows is decided by the owner's policy (``core.permissions``), like any
page: the feed is never a way around the access rules.

A feed is made in a fixed number of queries, covers the last two years and
everything ahead, and is byte for byte the same as long as its records are:
UIDs come from the records' ids and DTSTAMP from their ``updated_at``, so a
calendar program sees an unchanged event as unchanged.
"""

import datetime
import secrets
from typing import cast
from urllib.parse import urlencode, urlsplit

import icalendar
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samverka.access.models import token_digest
from samverka.core.audit import action_name, record_event
from samverka.core.models import Institution
from samverka.core.permissions import Policy
from samverka.governance.models import OPEN_ACTION_STATUSES, ActionItem, CalendarFeed, Meeting
from samverka.interactions.models import TO_FOLLOW_UP, Interaction
from samverka.partnerships.models import Agreement, Partnership

# How far back a feed reaches; everything ahead is always in it.
HISTORY_DAYS = 2 * 365
# A meeting without an end is shown as lasting this long.
DEFAULT_MEETING_LENGTH = datetime.timedelta(hours=2)
# How often calendar programs are asked to fetch the feed again.
REFRESH_INTERVAL = datetime.timedelta(hours=1)


@transaction.atomic
def new_feed(user, *, ip_address: str | None = None) -> str:
    """Give ``user`` a new secret calendar address and return its token (shown once, never stored).

    A user has one address: making a new one ends the old one at once (a leaked
    address is stopped this way). Only the token's SHA-256 digest is kept, so a
    copy of the database opens no calendar. The creation is in the audit trail
    of each of the user's institutions, without the token.
    """
    token = secrets.token_urlsafe(32)
    feed, created = CalendarFeed.objects.update_or_create(
        user=user, defaults={"token_digest": token_digest(token), "created_at": timezone.now()}
    )
    for institution in Institution.objects.filter(memberships__user=user).distinct().order_by("pk"):
        record_event(
            institution=institution,
            actor=user,
            action=action_name(feed, "created"),
            obj=feed,
            changes={"previous_address_ended": {"after": not created}},
            ip_address=ip_address,
        )
    return token


def user_for_token(token: str):
    """The active user whose calendar address has ``token``; None for an unknown or replaced one."""
    if not token:
        return None
    feed = CalendarFeed.objects.select_related("user").filter(token_digest=token_digest(token)).first()
    if feed is None or not feed.user.is_active:
        return None
    return feed.user


def feed_url(token: str, *, partnership: Partnership | None = None, language: str | None = None) -> str:
    """The absolute address calendar programs subscribe to (all partnerships, or one).

    The language is part of the address (``?lang=en``) rather than taken from the
    calendar program's headers, so one address always gives the same feed.
    """
    if partnership is None:
        path = reverse("calendar-feed", args=[token])
    else:
        path = reverse("partnership-calendar-feed", args=[token, partnership.pk])
    url = f"{settings.SAMVERKA_BASE_URL.rstrip('/')}{path}"
    if language and language != settings.LANGUAGE_CODE:
        url = f"{url}?{urlencode({'lang': language})}"
    return url


def feed_language(requested: str | None) -> str:
    """The language a feed is written in: the one the address asks for if Samverka has it."""
    return requested if requested in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def calendar_for(policy: Policy, *, partnership: Partnership | None = None, language: str = "sv") -> bytes:
    """The iCalendar feed of what ``policy`` may see, optionally of one ``partnership`` only.

    Meetings (timed, in UTC), the due dates of open action items, for those who
    may see agreements their review and end dates, and the follow-up dates of the
    contacts not yet followed up (all-day). Four queries for the records (and one for
    the partnerships a scoped role reaches), whatever their number.
    """
    today = timezone.localdate()
    since = today - datetime.timedelta(days=HISTORY_DAYS)
    with translation.override(language):
        calendar = _calendar(policy, partnership, language)
        for meeting in _meetings(policy, partnership, since):
            calendar.add_component(_meeting_event(meeting))
        for action in _actions(policy, partnership, since):
            calendar.add_component(_action_event(action))
        if policy.allows("view", Agreement):
            for agreement in _agreements(policy, partnership, since):
                if agreement.review_on and agreement.review_on >= since:
                    calendar.add_component(_review_event(agreement))
                if agreement.ends_on and agreement.ends_on >= since:
                    calendar.add_component(_end_event(agreement))
        if policy.allows("view", Interaction):
            for contact in _follow_ups(policy, partnership, since):
                calendar.add_component(_follow_up_event(contact))
    return calendar.to_ical()


def meeting_invitation(meeting: Meeting, attendee: str, *, language: str) -> str:
    """An iCalendar invitation (``METHOD:REQUEST``) of ``meeting`` for one attendee, as a meeting
    notice carries it: the same UID and SEQUENCE as the feed's event, so a calendar that has
    both keeps one meeting, and an organiser and attendee, without which Outlook takes no
    invitation."""
    with translation.override(language):
        calendar = icalendar.Calendar()
        calendar.add("prodid", f"-//Samverka//Samverka meeting notice//{language.upper()}")
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("method", "REQUEST")
        event = _meeting_event(meeting)
        event.add("status", "CONFIRMED")
        event.add("organizer", f"mailto:{settings.DEFAULT_FROM_EMAIL}", parameters={"CN": "Samverka"})
        event.add(
            "attendee",
            f"mailto:{attendee}",
            parameters={"ROLE": "REQ-PARTICIPANT", "PARTSTAT": "NEEDS-ACTION", "RSVP": "FALSE"},
        )
        calendar.add_component(event)
    return calendar.to_ical().decode()


def _calendar(policy: Policy, partnership: Partnership | None, language: str) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//Samverka//Samverka calendar//{language.upper()}")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    name = partnership if partnership is not None else policy.institution
    calendar.add("x-wr-calname", f"Samverka – {name}")
    calendar.add(
        "x-wr-caldesc", _("Meetings, action deadlines, agreement dates and follow-ups from Samverka.")
    )
    calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", icalendar.vDuration(REFRESH_INTERVAL))  # PT1H, as Outlook reads it
    return calendar


def _meetings(policy: Policy, partnership: Partnership | None, since: datetime.date):
    start = timezone.make_aware(datetime.datetime.combine(since, datetime.time.min))
    meetings = policy.scope(Meeting.objects.all()).filter(starts_at__gte=start)
    if partnership is not None:
        meetings = meetings.filter(body__partnership=partnership)
    return meetings.select_related("body__partnership").order_by("starts_at", "pk")


def _actions(policy: Policy, partnership: Partnership | None, since: datetime.date):
    actions = policy.scope(ActionItem.objects.all()).filter(
        status__in=OPEN_ACTION_STATUSES, due_on__gte=since
    )
    if partnership is not None:
        actions = actions.filter(body__partnership=partnership)
    return actions.select_related("owner", "body__partnership").order_by("due_on", "pk")


def _agreements(policy: Policy, partnership: Partnership | None, since: datetime.date):
    """The agreements with a review day or an end in the feed's time, in one query."""
    agreements = policy.scope(Agreement.objects.all()).filter(Q(review_on__gte=since) | Q(ends_on__gte=since))
    if partnership is not None:
        agreements = agreements.filter(partnership=partnership)
    return agreements.select_related("partnership").order_by("pk")


def _follow_ups(policy: Policy, partnership: Partnership | None, since: datetime.date):
    contacts = policy.scope(Interaction.objects.all()).filter(TO_FOLLOW_UP, follow_up_on__gte=since)
    if partnership is not None:
        contacts = contacts.filter(partnership=partnership)
    return contacts.select_related("partnership", "organisation").order_by("follow_up_on", "pk")


def _host() -> str:
    return urlsplit(settings.SAMVERKA_BASE_URL).hostname or "samverka"


def _absolute(obj) -> str:
    return f"{settings.SAMVERKA_BASE_URL.rstrip('/')}{obj.get_absolute_url()}"


def _event(kind: str, obj, summary: str, lines: list[str]) -> icalendar.Event:
    """An event with what every event of the feed has: a stable UID, DTSTAMP and SEQUENCE."""
    event = icalendar.Event()
    event.add("uid", f"samverka-{kind}-{obj.pk}@{_host()}")
    event.add("dtstamp", obj.updated_at.astimezone(datetime.UTC))
    event.add("last-modified", obj.updated_at.astimezone(datetime.UTC))
    event.add("sequence", max(obj.version - 1, 0))
    event.add("summary", summary)
    url = _absolute(obj)
    event.add("description", "\n".join([*lines, _("In Samverka: {url}").format(url=url)]))
    event.add("url", url)
    return event


def _all_day(event: icalendar.Event, day: datetime.date) -> icalendar.Event:
    event.add("dtstart", day)
    event.add("dtend", day + datetime.timedelta(days=1))
    event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
    return event


def _meeting_event(meeting: Meeting) -> icalendar.Event:
    lines = [
        _("Body: {body}").format(body=meeting.body),
        _("Partnership: {partnership}").format(partnership=meeting.body.partnership),
    ]
    if meeting.video_link:
        lines.append(_("Video link: {link}").format(link=meeting.video_link))
    event = _event("meeting", meeting, str(meeting), lines)
    event.add("dtstart", meeting.starts_at.astimezone(datetime.UTC))
    event.add(
        "dtend", (meeting.ends_at or meeting.starts_at + DEFAULT_MEETING_LENGTH).astimezone(datetime.UTC)
    )
    if meeting.place:
        event.add("location", meeting.place)
    return event


def _action_event(action: ActionItem) -> icalendar.Event:
    lines = [
        _("Owner: {owner}").format(owner=action.owner),
        _("Body: {body}").format(body=action.body),
        _("Partnership: {partnership}").format(partnership=action.body.partnership),
    ]
    summary = _("Action due: {action}").format(action=action.title)
    return _all_day(_event("action", action, summary, lines), action.due_on)


def _end_event(agreement: Agreement) -> icalendar.Event:
    lines = [_("Partnership: {partnership}").format(partnership=agreement.partnership)]
    summary = _("Agreement ends: {agreement}").format(agreement=agreement)
    ends_on = cast(datetime.date, agreement.ends_on)  # agreements with an end only
    return _all_day(_event("agreement-end", agreement, summary, lines), ends_on)


def _review_event(agreement: Agreement) -> icalendar.Event:
    lines = [_("Partnership: {partnership}").format(partnership=agreement.partnership)]
    summary = _("Agreement review: {agreement}").format(agreement=agreement)
    review_on = cast(datetime.date, agreement.review_on)  # agreements with a review day only
    return _all_day(_event("agreement-review", agreement, summary, lines), review_on)


def _follow_up_event(contact: Interaction) -> icalendar.Event:
    lines = [
        _("Contact: {kind} on {date}").format(
            kind=contact.get_kind_display(), date=contact.occurred_on.isoformat()
        )
    ]
    if contact.partnership is not None:
        lines.append(_("Partnership: {partnership}").format(partnership=contact.partnership))
    if contact.organisation is not None:
        lines.append(_("Organisation: {organisation}").format(organisation=contact.organisation))
    summary = _("Follow up: {summary}").format(summary=contact.summary)
    follow_up_on = cast(datetime.date, contact.follow_up_on)  # contacts to follow up only
    return _all_day(_event("follow-up", contact, summary, lines), follow_up_on)
