"""A meeting's life: documents sent out, minutes approved and locked, corrections as new versions."""

import datetime
from collections.abc import Collection

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from samverka.core import mail
from samverka.core.audit import action_name, record_event
from samverka.core.domain.records import Actor, RecordLocked, StaleRecordError, StepRefused, required_reason
from samverka.core.domain.steps import Lifecycle, lock_record, next_number, record_step
from samverka.core.mail import absolute
from samverka.core.permissions import Policy
from samverka.directory.models import Person
from samverka.governance.calendar import meeting_invitation
from samverka.governance.domain.minutes import minutes_content
from samverka.governance.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Body,
    BodyMember,
    Decision,
    Meeting,
    MemberRole,
    MinutesStatus,
    MinutesVersion,
)


class MeetingStateError(StepRefused):
    """The step does not fit the meeting's state (e.g. approving minutes already approved)."""


# Minutes are approved (justerat) and frozen as a numbered ``MinutesVersion``; corrected only
# after they are opened again with a reason.
MINUTES = Lifecycle(
    status_field="minutes_status",
    approved=MinutesStatus.APPROVED,
    draft=MinutesStatus.DRAFT,
    versions="minutes_versions",
    refusal=MeetingStateError,
    already_approved=gettext_lazy("These minutes are already approved."),
    not_approved=gettext_lazy("Only approved minutes are corrected; these are still a draft."),
    approved_verb="minutes_approved",
    reopened_verb="correction_started",
)


def may_release_documents(policy: Policy, meeting: Meeting) -> bool:
    """May the member send out the meeting's documents now: permitted to change it, not sent yet."""
    return policy.permits("change", meeting) and not meeting.documents_released


def send_out_day(meeting: Meeting) -> datetime.date:
    """The day a meeting's documents are due to the members (the body's send-out rule)."""
    return timezone.localtime(meeting.starts_at).date() - datetime.timedelta(days=meeting.body.send_out_days)


def documents_due(
    meetings: QuerySet[Meeting], *, within_days: int = 7, today: datetime.date | None = None
) -> list[Meeting]:
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
def release_documents(meeting: Meeting, *, actor: Actor, expected_version: int) -> Meeting:
    """Send out the agenda and documents: from now on the members see them, and are told by e-mail."""
    with record_step(
        meeting, expected_version=expected_version, actor=actor, verb="documents_released"
    ) as step:
        if step.current.documents_released:
            raise MeetingStateError(_("The documents of this meeting have already been sent out."))
        step.save(documents_released=True)
        step.changes = {"documents_released": {"before": False, "after": True}}
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
    """The meeting notice, in each member's language: where the documents are, and the meeting
    as a calendar invitation."""
    languages = mail.languages_for(recipients, institution=meeting.institution_id)
    for address in recipients:  # one message each: members never see each other's addresses
        language = languages[address]
        with override(language):
            subject = _("Documents for {meeting}").format(meeting=meeting)
            body = _(
                "The agenda and documents for {meeting} ({when}) are now available in Samverka:\n{url}"
            ).format(
                meeting=meeting,
                when=timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d %H:%M"),
                url=absolute(meeting.get_absolute_url()),
            )
        mail.send(
            to=[address],
            subject=subject,
            text=body,
            language=language,
            calendar=meeting_invitation(meeting, address, language=language),
        )


@transaction.atomic
def approve_minutes(
    meeting: Meeting,
    *,
    adjusters: Collection[Person],
    registry_number: str = "",
    correction_reason: str = "",
    actor: Actor,
    expected_version: int,
) -> MinutesVersion:
    """Approve the minutes as adjusted by the named ``adjusters`` (justerare) and lock them.

    The minutes are frozen into a new ``MinutesVersion``; a correction (a meeting
    approved before) says what it corrects: the reason given when it was started
    (``start_correction``), unless another is given here. The reason is asked once.
    """
    with MINUTES.approving(meeting, expected_version=expected_version, actor=actor) as approval:
        if not adjusters:
            raise MeetingStateError(_("Name at least one person who adjusted (justerade) the minutes."))
        number = approval.number
        if number > 1:
            correction_reason = required_reason(
                correction_reason.strip() or approval.current.correction_reason
            )
        registered = approval.current.registry_number
        registry_number = registry_number.strip() or registered
        approval.save(registry_number=registry_number, correction_reason="")
        content = minutes_content(meeting)
        content.update(
            version=number,
            approved_at=approval.approved_at.isoformat(),
            adjusters=[person.full_name for person in adjusters],
            correction_reason=correction_reason,
        )
        version = MinutesVersion.objects.create(
            institution=meeting.institution,
            created_by=actor,
            meeting=meeting,
            number=number,
            approved_at=approval.approved_at,
            registry_number=registry_number,
            correction_reason=correction_reason,
            content=content,
        )
        version.adjusters.set(adjusters)
        approval.changes = {
            "adjusters": {"before": None, "after": sorted(person.full_name for person in adjusters)},
            "registry_number": {"before": registered, "after": registry_number},
            **(
                {"correction_reason": {"before": None, "after": correction_reason}}
                if correction_reason
                else {}
            ),
        }
    return version


@transaction.atomic
def start_correction(meeting: Meeting, *, reason: str, actor: Actor, expected_version: int) -> Meeting:
    """Open approved minutes for a correction; the approved version stays as it was approved. The
    reason is kept with the meeting until the corrected minutes are approved, as their version's."""
    MINUTES.reopen(
        meeting,
        reason=reason,
        expected_version=expected_version,
        actor=actor,
        correction_reason=reason.strip(),
    )
    return meeting


def attendance_rows(meeting: Meeting) -> list[tuple[object, Attendance | None]]:
    """(person, their attendance or None) for everyone the attendance of ``meeting`` concerns: the
    body's members on the meeting's day (substitutes aside, they come when called) and anyone
    recorded already; university side first, by name. Two queries."""
    recorded = {
        attendance.person_id: attendance
        for attendance in Attendance.objects.filter(meeting=meeting).select_related("person__organisation")
    }
    seats = (
        BodyMember.objects.current(timezone.localtime(meeting.starts_at).date())
        .filter(body=meeting.body_id)
        .exclude(role=MemberRole.SUBSTITUTE)
        .select_related("person__organisation")
    )
    people = {seat.person_id: seat.person for seat in seats}
    people.update({pk: attendance.person for pk, attendance in recorded.items()})
    ordered = sorted(people.values(), key=lambda p: (p.side != "university", p.last_name, p.first_name, p.pk))
    return [(person, recorded.get(person.pk)) for person in ordered]


@transaction.atomic
def record_attendance(
    meeting: Meeting, statuses: dict[int, str], versions: dict[int, int], *, actor: Actor
) -> int:
    """Record the attendance of many people at once: ``statuses`` maps a person's id to a status, or
    to "" for not recorded (an existing row is then removed). ``versions`` are the versions of the
    existing rows the user saw: if any has changed meanwhile nothing is saved (``StaleRecordError``).
    Every row made, changed or removed is in the audit trail. Returns how many changed."""
    current = lock_record(meeting)  # approval waits its turn
    if message := current.locked_message():
        raise MeetingStateError(message)
    rows = {attendance.person_id: attendance for attendance in Attendance.objects.filter(meeting=meeting)}
    if any(rows[pk].version != versions.get(pk) for pk in statuses if pk in rows):
        raise StaleRecordError
    changed = 0
    for person_id, status in statuses.items():
        attendance = rows.get(person_id)
        before = attendance.status if attendance else None
        if (status or None) == before:
            continue
        if attendance is None:
            attendance = Attendance.objects.create(
                institution=meeting.institution,
                meeting=meeting,
                person_id=person_id,
                status=status,
                created_by=actor,
            )
            verb = "created"
        elif not status:
            record_event(
                institution=meeting.institution,
                actor=actor,
                action=action_name(attendance, "deleted"),
                obj=attendance,
            )
            attendance.delete()
            changed += 1
            continue
        else:
            attendance.status = status
            attendance.substitute_for = (
                None if status != AttendanceStatus.SUBSTITUTE else attendance.substitute_for
            )
            attendance.version += 1
            attendance.save(update_fields=["status", "substitute_for", "version", "updated_at"])
            verb = "updated"
        record_event(
            institution=meeting.institution,
            actor=actor,
            action=action_name(attendance, verb),
            obj=attendance,
            changes={"status": {"before": before, "after": status}},
        )
        changed += 1
    return changed


def next_agenda_number(meeting_id: int) -> int:
    """The number a new item of the meeting's agenda is offered (one after the highest)."""
    return next_number(AgendaItem.objects.filter(meeting_id=meeting_id))


def refuse_if_minutes_locked(
    part: AgendaItem | Attendance | Decision, *, actor: Actor = None, creating: bool = False
) -> None:
    """``before_save`` and ``before_delete`` of a meeting's parts (agenda items, attendance,
    decisions), the last word in the saving transaction: the meeting's row is locked, so an
    approval committed after the form was checked is seen here and the part is not changed
    (``RecordLocked``)."""
    if part.meeting_id:
        meeting = lock_record(Meeting(pk=part.meeting_id))
        if message := meeting.locked_message():
            raise RecordLocked(message)


def prepare_decision(decision: Decision, *, creating: bool, actor: Actor) -> None:
    """``before_save`` of decisions: not in approved minutes, and numbered."""
    refuse_if_minutes_locked(decision)
    number_decision(decision)


def number_decision(decision: Decision, *, creating: bool = True, actor: Actor = None) -> None:
    """A new decision takes its meeting's body and the body's next number of the meeting's year
    (``before_save`` of decisions; the demo and the tests' factory call it too)."""
    if decision.meeting_id and not decision.number:
        decision.body_id = decision.meeting.body_id
        decision.year = timezone.localtime(decision.meeting.starts_at).year
        decision.number = next_decision_number(decision.meeting.body, decision.year)


def next_decision_number(body: Body, year: int) -> int:
    """The next number of ``body``'s decisions in ``year``; the body's row is locked meanwhile so two
    decisions made at once never get the same number (the unique constraint is the last guard)."""
    lock_record(body)
    return next_number(Decision.objects.filter(body=body, year=year))
