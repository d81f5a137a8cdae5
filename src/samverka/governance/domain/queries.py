"""What the governance pages read: a meeting with everything minuted, a body with its seats."""

import datetime
from collections.abc import Iterable

from django.db.models import Prefetch, QuerySet

from samverka.governance.models import ActionItem, AgendaItem, Attendance, Body, BodyMember, Decision, Meeting


def meeting_page(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """Meetings with their body, agenda, attendance, decisions, actions and approved versions,
    loaded in a fixed number of queries whatever their number."""
    return meetings.select_related("body__partnership", "body__type").prefetch_related(  # type: ignore[type-var]
        Prefetch("agenda_items", AgendaItem.objects.select_related("presenter").order_by("number", "id")),
        Prefetch(
            "attendances",
            Attendance.objects.select_related("person__organisation", "substitute_for").order_by(
                "person__side", "person__last_name", "person__first_name", "id"
            ),
        ),
        Prefetch("decisions", Decision.objects.select_related("agenda_item").order_by("number")),
        Prefetch("action_items", ActionItem.objects.select_related("owner").order_by("due_on", "id")),
        "minutes_versions__adjusters",
    )


def current_and_earlier(
    seats: Iterable[BodyMember], day: datetime.date
) -> tuple[list[BodyMember], list[BodyMember]]:
    """``seats`` split into those held on ``day`` (not ended before it) and those ended before it
    (future seats count as current: they are listed with the body's members)."""
    current: list[BodyMember] = []
    earlier: list[BodyMember] = []
    for seat in seats:
        (earlier if seat.ends_on and seat.ends_on < day else current).append(seat)
    return current, earlier


def seats(body: Body) -> QuerySet[BodyMember]:
    """A body's seats, current and earlier, with each person's side and organisation."""
    return (
        BodyMember.objects.filter(body=body)
        .select_related("person__organisation", "person__unit")
        .order_by("person__side", "role", "person__last_name", "person__first_name", "id")
    )
