"""A meeting's agenda and minutes as plain data: what documents are made from, and what an
approval freezes (``MinutesVersion.content``).

Values are stored as typed (codes, ISO dates), never as translated words, so a
frozen version prints in Swedish or English alike.
"""

import datetime
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from samverka.directory.models import Person
from samverka.governance.models import ActionItem, AgendaItem, Attendance, Decision, Meeting


def _iso(value: datetime.datetime | None) -> str | None:
    return timezone.localtime(value).isoformat(timespec="minutes") if value else None


def _person(person: Person) -> dict[str, str]:
    return {
        "name": person.full_name,
        "side": person.side,
        "organisation": str(person.organisation or person.unit or ""),
    }


def _decision(decision: Decision) -> dict[str, Any]:
    return {"year": decision.year, "number": decision.number, "text": decision.text}


def _action(action: ActionItem) -> dict[str, Any]:
    return {
        "title": action.title,
        "owner": action.owner.full_name,
        "due_on": action.due_on.isoformat(),
        "status": action.status,
    }


def minutes_content(meeting: Meeting) -> dict[str, Any]:
    """The meeting, its attendance, agenda with minutes, decisions and actions (a fixed number of queries)."""
    items = list(
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("presenter")
        .prefetch_related(  # type: ignore[type-var]  # django-stubs joins Prefetches of two models to object
            Prefetch("decisions", Decision.objects.order_by("number")),
            Prefetch("action_items", ActionItem.objects.select_related("owner").order_by("due_on", "id")),
        )
        .order_by("number", "id")
    )
    attendances = (
        Attendance.objects.filter(meeting=meeting)
        .select_related("person__organisation", "person__unit", "substitute_for")
        .order_by("person__side", "person__last_name", "person__first_name", "id")
    )
    decisions = Decision.objects.filter(meeting=meeting).order_by("year", "number")
    actions = ActionItem.objects.filter(meeting=meeting).select_related("owner").order_by("due_on", "id")
    body = meeting.body
    return {
        "body": str(body),
        "body_type": str(body.type),
        "partnership": str(body.partnership),
        "title": str(meeting),
        "starts_at": _iso(meeting.starts_at),
        "ends_at": _iso(meeting.ends_at),
        "place": meeting.place,
        "video_link": meeting.video_link,
        "registry_number": meeting.registry_number,
        "attendance": [
            {
                **_person(attendance.person),
                "status": attendance.status,
                "substitute_for": attendance.substitute_for.full_name if attendance.substitute_for else "",
            }
            for attendance in attendances
        ],
        "items": [
            {
                "number": item.number,
                "title": item.title,
                "presenter": item.presenter.full_name if item.presenter else "",
                "outcome": item.outcome,
                "background": item.background,
                "minutes": item.minutes,
                "decisions": [_decision(d) for d in item.decisions.all()],
                "actions": [_action(a) for a in item.action_items.all()],
            }
            for item in items
        ],
        "decisions": [_decision(d) for d in decisions],
        "actions": [_action(a) for a in actions],
    }
