"""A meeting's life: documents sent out, minutes approved and locked, corrections as new versions."""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from samverka.core.audit import action_name, record_event
from samverka.core.domain.records import StaleRecordError, required_reason
from samverka.governance.domain.minutes import minutes_content
from samverka.governance.models import (
    Attendance,
    Body,
    BodyMember,
    Decision,
    Meeting,
    MemberRole,
    MinutesStatus,
    MinutesVersion,
)
from samverka.search.domain import reindex


class MeetingStateError(ValueError):
    """The step does not fit the meeting's state (e.g. approving minutes already approved)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _locked(meeting: Meeting, expected_version: int) -> Meeting:
    """The meeting's row, locked for the transaction; ``StaleRecordError`` if it moved on."""
    current = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if current.version != expected_version:
        raise StaleRecordError
    return current


def _bump(meeting: Meeting, **values) -> None:
    """Save a step's values and the next version in one statement; the search index follows."""
    Meeting.objects.filter(pk=meeting.pk).update(
        version=meeting.version + 1, updated_at=timezone.now(), **values
    )
    meeting.version += 1
    for name, value in values.items():
        setattr(meeting, name, value)
    transaction.on_commit(lambda: reindex(Meeting, [meeting.pk]))


def send_out_day(meeting: Meeting) -> datetime.date:
    """The day a meeting's documents are due to the members (the body's send-out rule)."""
    return timezone.localtime(meeting.starts_at).date() - datetime.timedelta(days=meeting.body.send_out_days)


def documents_due(meetings: QuerySet[Meeting], *, within_days: int = 7, today=None) -> list[Meeting]:
    """Coming meetings whose documents are not sent out and are due within ``within_days``, soonest first."""
    today = today or timezone.localdate()
    coming = (
        meetings.filter(documents_released=False, starts_at__gte=timezone.now())
        .select_related("body", "body__partnership")
        .order_by("starts_at", "id")
    )
    horizon = today + datetime.timedelta(days=within_days)
    return [meeting for meeting in coming[:500] if send_out_day(meeting) <= horizon]


@transaction.atomic
def release_documents(meeting: Meeting, *, actor, expected_version: int) -> Meeting:
    """Send out the agenda and documents: from now on the members see them, and are told by e-mail."""
    current = _locked(meeting, expected_version)
    if current.documents_released:
        raise MeetingStateError(_("The documents of this meeting have already been sent out."))
    _bump(meeting, documents_released=True)
    record_event(
        institution=meeting.institution,
        actor=actor,
        action=action_name(meeting, "documents_released"),
        obj=meeting,
        changes={"documents_released": {"before": False, "after": True}},
    )
    recipients = sorted(
        set(
            BodyMember.objects.current()
            .filter(body=meeting.body_id)
            .exclude(person__email="")
            .values_list("person__email", flat=True)
        )
    )
    if recipients:
        transaction.on_commit(lambda: _announce(meeting, recipients))
    return meeting


def _announce(meeting: Meeting, recipients: list[str]) -> None:
    with override(settings.LANGUAGE_CODE):
        url = f"{settings.SAMVERKA_BASE_URL}{meeting.get_absolute_url()}"
        subject = _("Documents for {meeting}").format(meeting=meeting)
        body = _(
            "The agenda and documents for {meeting} ({when}) are now available in Samverka:\n{url}"
        ).format(
            meeting=meeting, when=timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d %H:%M"), url=url
        )
    for address in recipients:  # one message each: members never see each other's addresses
        send_mail(subject, body, None, [address])


@transaction.atomic
def approve_minutes(
    meeting: Meeting,
    *,
    adjusters,
    registry_number: str = "",
    correction_reason: str = "",
    actor,
    expected_version: int,
) -> MinutesVersion:
    """Approve the minutes as adjusted by the named ``adjusters`` (justerare) and lock them.

    The minutes are frozen into a new ``MinutesVersion``; a correction (a meeting
    approved before) must say what it corrects.
    """
    current = _locked(meeting, expected_version)
    if current.is_approved:
        raise MeetingStateError(_("These minutes are already approved."))
    if not adjusters:
        raise MeetingStateError(_("Name at least one person who adjusted (justerade) the minutes."))
    number = (MinutesVersion.objects.filter(meeting=meeting).aggregate(n=Max("number"))["n"] or 0) + 1
    if number > 1:
        correction_reason = required_reason(correction_reason)
    registry_number = registry_number.strip() or current.registry_number
    _bump(meeting, minutes_status=MinutesStatus.APPROVED, registry_number=registry_number)
    approved_at = timezone.now()
    content = minutes_content(meeting)
    content.update(
        version=number,
        approved_at=approved_at.isoformat(),
        adjusters=[person.full_name for person in adjusters],
        correction_reason=correction_reason,
    )
    version = MinutesVersion.objects.create(
        institution=meeting.institution,
        created_by=actor,
        meeting=meeting,
        number=number,
        approved_at=approved_at,
        registry_number=registry_number,
        correction_reason=correction_reason,
        content=content,
    )
    version.adjusters.set(adjusters)
    record_event(
        institution=meeting.institution,
        actor=actor,
        action=action_name(meeting, "minutes_approved"),
        obj=meeting,
        changes={
            "minutes_status": {"before": MinutesStatus.DRAFT, "after": MinutesStatus.APPROVED},
            "version": {"before": number - 1 or None, "after": number},
            "adjusters": {"before": None, "after": sorted(person.full_name for person in adjusters)},
            "registry_number": {"before": current.registry_number, "after": registry_number},
            **(
                {"correction_reason": {"before": None, "after": correction_reason}}
                if correction_reason
                else {}
            ),
        },
    )
    return version


@transaction.atomic
def start_correction(meeting: Meeting, *, reason: str, actor, expected_version: int) -> Meeting:
    """Open approved minutes for a correction; the approved version stays as it was approved."""
    reason = required_reason(reason)
    current = _locked(meeting, expected_version)
    if not current.is_approved:
        raise MeetingStateError(_("Only approved minutes are corrected; these are still a draft."))
    _bump(meeting, minutes_status=MinutesStatus.DRAFT)
    record_event(
        institution=meeting.institution,
        actor=actor,
        action=action_name(meeting, "correction_started"),
        obj=meeting,
        changes={
            "minutes_status": {"before": MinutesStatus.APPROVED, "after": MinutesStatus.DRAFT},
            "reason": {"before": None, "after": reason},
        },
    )
    return meeting


@transaction.atomic
def record_members_present(meeting: Meeting, *, actor) -> int:
    """Record every current member of the body (substitutes aside) as present who has no attendance
    yet: the usual start of the minutes, corrected for the absent afterwards. Returns how many."""
    # The meeting's row locked: an approval, or the same step twice at once, waits its turn.
    current = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if message := current.locked_message():
        raise MeetingStateError(message)
    recorded = Attendance.objects.filter(meeting=meeting).values("person")
    seats = (
        BodyMember.objects.current(timezone.localtime(meeting.starts_at).date())
        .filter(body=meeting.body_id)
        .exclude(role=MemberRole.SUBSTITUTE)
        .exclude(person__in=recorded)
        .select_related("person")
        .order_by("person_id")
    )
    people = list(dict.fromkeys(seat.person for seat in seats))
    for person in people:
        attendance = Attendance.objects.create(
            institution=meeting.institution, meeting=meeting, person=person, created_by=actor
        )
        record_event(
            institution=meeting.institution,
            actor=actor,
            action=action_name(attendance, "created"),
            obj=attendance,
            changes={"status": {"before": None, "after": attendance.status}},
        )
    return len(people)


def next_decision_number(body: Body, year: int) -> int:
    """The next number of ``body``'s decisions in ``year``; the body's row is locked meanwhile so two
    decisions made at once never get the same number (the unique constraint is the last guard)."""
    Body.objects.select_for_update().filter(pk=body.pk).first()
    last = Decision.objects.filter(body=body, year=year).aggregate(n=Max("number"))["n"]
    return (last or 0) + 1
