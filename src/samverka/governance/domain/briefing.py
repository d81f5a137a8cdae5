"""The coordinator's briefing pack for a meeting, generated from the records.

The guide asks the coordinator to prepare the management's meetings: the
agenda, what is still to be done, what the body has decided since it last met
and what the partnership has done meanwhile. Made from the data, so no one
copies figures by hand. Like ``minutes_content`` the pack holds codes and ISO
dates, never translated words, so it prints in Swedish or English alike.
"""

import datetime
from typing import Any, cast

from django.db.models import Count
from django.utils import timezone

from samverka.activities.models import Activity, ActivityStatus, ActivityType
from samverka.governance.domain.minutes import minutes_content
from samverka.governance.models import OPEN_ACTION_STATUSES, ActionItem, BodyMember, Decision, Meeting

# Without an earlier meeting of the body, the activities of this many days before the meeting.
DEFAULT_PERIOD_DAYS = 90
# The activities listed by title; the counts per collaboration form cover them all.
MAX_ACTIVITY_TITLES = 50


def _local_date(value: datetime.datetime) -> datetime.date:
    """The day in Sweden: a meeting at 00:30 local time belongs to that day, not the one before in UTC."""
    return timezone.localtime(value).date()


def previous_meeting(meeting: Meeting) -> Meeting | None:
    """The body's latest meeting that started before ``meeting``: where "since the last meeting" begins."""
    return (
        Meeting.objects.filter(body=meeting.body_id, starts_at__lt=meeting.starts_at)
        .exclude(pk=meeting.pk)
        .order_by("-starts_at", "-id")
        .only("id", "starts_at", "title")
        .first()
    )


def _members(meeting: Meeting, day: datetime.date) -> list[dict[str, Any]]:
    """The body's members on the meeting's day: those invited."""
    seats = (
        BodyMember.objects.current(day)
        .filter(body=meeting.body_id)
        .select_related("person__organisation", "person__unit")
        .order_by("person__side", "role", "person__last_name", "person__first_name", "id")
    )
    return [
        {
            "name": seat.person.full_name,
            "role": seat.role,
            "side": seat.person.side,
            "organisation": str(seat.person.organisation or seat.person.unit or ""),
        }
        for seat in seats
    ]


def _open_actions(meeting: Meeting, day: datetime.date) -> list[dict[str, Any]]:
    """Every open action of the body, from any meeting; overdue means due before the meeting's day."""
    actions = (
        ActionItem.objects.filter(body=meeting.body_id, status__in=OPEN_ACTION_STATUSES)
        .select_related("owner", "meeting", "decision")
        .order_by("due_on", "id")
    )
    return [
        {
            "title": action.title,
            "owner": action.owner.full_name,
            "due_on": action.due_on.isoformat(),
            "status": action.status,
            "overdue": action.is_overdue_on(day),
            "meeting_date": _local_date(action.meeting.starts_at).isoformat() if action.meeting else None,
            "decision": (
                {"year": action.decision.year, "number": action.decision.number} if action.decision else None
            ),
        }
        for action in actions
    ]


def _decisions_since(meeting: Meeting, previous: Meeting | None) -> list[dict[str, Any]]:
    """Decisions taken at the body's previous meeting and at any later one before this meeting.

    The meeting's own decisions are in its agenda; with no previous meeting there are none.
    """
    if previous is None:
        return []
    decisions = (
        Decision.objects.filter(
            body=meeting.body_id,
            meeting__starts_at__gte=previous.starts_at,
            meeting__starts_at__lt=meeting.starts_at,
        )
        .exclude(meeting=meeting.pk)
        .select_related("meeting")
        .order_by("year", "number", "id")
    )
    return [
        {
            "year": decision.year,
            "number": decision.number,
            "text": decision.text,
            "meeting_date": _local_date(decision.meeting.starts_at).isoformat(),
        }
        for decision in decisions
    ]


def _activities(meeting: Meeting, start: datetime.date, end: datetime.date) -> dict[str, Any]:
    """The partnership's activities that started from ``start`` up to the day before ``end``.

    Consecutive briefing packs of a body thus count every day once: an activity
    starting on the day of the previous meeting belongs to this pack. Cancelled
    activities did not happen and are left out.
    """
    activities = Activity.objects.filter(
        partnership=meeting.body.partnership_id, starts_on__gte=start, starts_on__lt=end
    ).exclude(status=ActivityStatus.CANCELLED)
    counts = {row["type"]: row["n"] for row in activities.order_by().values("type").annotate(n=Count("id"))}
    types = ActivityType.objects.filter(pk__in=counts).order_by("order", "name", "id")
    titles = activities.select_related("type").order_by("-starts_on", "-id")[:MAX_ACTIVITY_TITLES]
    return {
        "period_start": start.isoformat(),
        "period_end": (end - datetime.timedelta(days=1)).isoformat(),
        "total": sum(counts.values()),
        "by_type": [{"type": str(kind), "count": counts[kind.pk]} for kind in types],
        "titles": [
            {
                "title": activity.title,
                "type": str(activity.type),
                "starts_on": cast(datetime.date, activity.starts_on).isoformat(),  # starts_on__gte: set
            }
            for activity in titles
        ],
    }


def briefing_pack(meeting: Meeting) -> dict[str, Any]:
    """The coordinator's briefing pack of ``meeting``, in a fixed number of queries.

    ``meeting`` (its agenda as ``minutes_content``), ``members`` (invited),
    ``previous_meeting`` (ISO date or None), ``open_actions`` (with an ``overdue``
    flag relative to the meeting's day), ``decisions`` (since the previous
    meeting) and ``activities`` (counts per collaboration form and at most
    ``MAX_ACTIVITY_TITLES`` titles, from the previous meeting's day, or
    ``DEFAULT_PERIOD_DAYS`` before, up to the day before this meeting).
    """
    day = _local_date(meeting.starts_at)
    previous = previous_meeting(meeting)
    start = (
        _local_date(previous.starts_at) if previous else day - datetime.timedelta(days=DEFAULT_PERIOD_DAYS)
    )
    return {
        "meeting": minutes_content(meeting),
        "meeting_date": day.isoformat(),
        "members": _members(meeting, day),
        "previous_meeting": _local_date(previous.starts_at).isoformat() if previous else None,
        "open_actions": _open_actions(meeting, day),
        "decisions": _decisions_since(meeting, previous),
        "activities": _activities(meeting, start, day),
    }
