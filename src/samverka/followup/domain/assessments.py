"""The yearly mutual-benefit assessment: each side rates what the partnership gave it, per goal,
per focus area and as a whole; a side's draft is its own until submitted (``core.permissions``)."""

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverka.core.audit import action_name, record_event
from samverka.core.domain.records import Actor, RecordLocked, StaleRecordError, StepRefused
from samverka.core.domain.steps import lock_record, record_step
from samverka.core.permissions import Policy
from samverka.followup.models import Assessment, AssessmentAnswer, AssessmentStatus, Goal, GoalOwner
from samverka.partnerships.models import FocusArea

WHOLE = "whole"


class AssessmentStateError(StepRefused):
    """The step does not fit the assessment (submitting one already submitted, or unrated)."""


def subject_key(answer: AssessmentAnswer) -> str:
    if answer.goal_id:
        return f"goal-{answer.goal_id}"
    if answer.focus_area_id:
        return f"area-{answer.focus_area_id}"
    return WHOLE


def answer_rows(assessment: Assessment) -> list[tuple[str, object, AssessmentAnswer | None]]:
    """(key, subject, answer or None) for everything the side assesses: the partnership as a
    whole, each current focus area, each joint goal and each of the side's own goals, and anything
    answered already. Three queries."""
    answers = {
        subject_key(answer): answer
        for answer in AssessmentAnswer.objects.filter(assessment=assessment).select_related(
            "goal", "focus_area"
        )
    }
    rows: list[tuple[str, object, AssessmentAnswer | None]] = [
        (WHOLE, gettext_lazy("The partnership as a whole"), answers.pop(WHOLE, None))
    ]
    areas = FocusArea.objects.filter(partnership=assessment.partnership_id).filter(
        Q(is_current=True) | Q(pk__in=[a.focus_area_id for a in answers.values() if a.focus_area_id])
    )
    for area in areas.order_by("order", "name"):
        rows.append((f"area-{area.pk}", area, answers.pop(f"area-{area.pk}", None)))
    goals = Goal.objects.filter(partnership=assessment.partnership_id).filter(
        Q(owner__in=[GoalOwner.JOINT, assessment.side])
        | Q(pk__in=[a.goal_id for a in answers.values() if a.goal_id])
    )
    for goal in goals.order_by("order", "id"):
        rows.append((f"goal-{goal.pk}", goal, answers.pop(f"goal-{goal.pk}", None)))
    return rows


def _subject_fields(key: str) -> dict[str, Any]:
    kind, _sep, pk = key.partition("-")
    return {"goal_id": int(pk)} if kind == "goal" else {"focus_area_id": int(pk)} if kind == "area" else {}


def refuse_if_submitted(answer: AssessmentAnswer, *, actor: Actor = None, creating: bool = False) -> None:
    """``before_save`` of answers, the last word in the saving transaction: the assessment's row
    is locked, so a submission committed after the form was checked is seen here and nothing is
    changed (``RecordLocked``)."""
    if answer.assessment_id:
        assessment = lock_record(Assessment(pk=answer.assessment_id))
        if message := assessment.locked_message():
            raise RecordLocked(message)


def assessment_moves_on(answer: AssessmentAnswer, *, actor: Actor = None, creating: bool = False) -> None:
    """``after_save`` of answers: a changed answer is a new version of its assessment, so
    submitting what one has not seen is refused (``submit_assessment`` checks the version)."""
    Assessment.objects.filter(pk=answer.assessment_id).update(version=F("version") + 1)


def withdraw_answer(answer: AssessmentAnswer, *, actor: Actor) -> None:
    """``before_delete`` of answers: not from a submitted assessment, and the assessment moves on."""
    refuse_if_submitted(answer)
    assessment_moves_on(answer)


@transaction.atomic
def record_answers(
    assessment: Assessment, answers: dict[str, Any], versions: dict[str, Any], *, actor: Actor
) -> int:
    """Save every answer of an assessment at once: ``answers`` maps a subject key
    (``answer_rows``) to (rating, comment). If an existing answer changed since the user
    loaded it nothing is saved (``StaleRecordError``); a submitted assessment refuses
    (``AssessmentStateError``). Every answer made or changed is in the audit trail, and moves
    the assessment on to a new version (so it is not submitted unseen)."""
    current = lock_record(assessment)  # submission waits its turn
    if message := current.locked_message():
        raise AssessmentStateError(message)
    rows = answer_rows(current)
    existing = {key: answer for key, _subject, answer in rows if answer is not None}
    known = {key for key, _subject, _answer in rows}
    if any(existing[key].version != versions.get(key) for key in answers if key in existing):
        raise StaleRecordError
    changed = 0
    for key, (rating, comment) in answers.items():
        if key not in known:
            continue
        answer = existing.get(key)
        before = (
            {"rating": answer.rating, "comment": answer.comment}
            if answer
            else {"rating": None, "comment": ""}
        )
        if before == {"rating": rating, "comment": comment}:
            continue
        if answer is None:
            answer = AssessmentAnswer.objects.create(
                institution=assessment.institution,
                assessment=assessment,
                rating=rating,
                comment=comment,
                created_by=actor,
                **_subject_fields(key),
            )
            verb = "created"
        else:
            answer.rating, answer.comment = rating, comment
            answer.version += 1
            answer.save(update_fields=["rating", "comment", "version", "updated_at"])
            verb = "updated"
        assessment_moves_on(answer)
        record_event(
            institution=assessment.institution,
            actor=actor,
            action=action_name(answer, verb),
            obj=answer,
            changes={
                name: {"before": before[name], "after": value}
                for name, value in (("rating", rating), ("comment", comment))
                if before[name] != value
            },
        )
        changed += 1
    assessment.refresh_from_db(fields=["version"])  # each answer saved moved it on
    return changed


def may_answer(policy: Policy, assessment: Assessment) -> bool:
    """May the member answer (and submit) the assessment now: permitted, and not submitted yet."""
    return policy.permits("change", assessment) and not assessment.is_submitted


@transaction.atomic
def submit_assessment(assessment: Assessment, *, actor: Actor, expected_version: int) -> Assessment:
    """Submit a side's assessment: from now on the other side sees it, and it is locked.

    Everything the side assesses must be rated first (``answer_rows``)."""
    with record_step(assessment, expected_version, actor=actor, verb="submitted") as step:
        current = step.current
        if current.is_submitted:
            raise AssessmentStateError(_("The assessment has already been submitted."))
        unrated = [
            str(subject)
            for _key, subject, answer in answer_rows(current)
            if answer is None or not answer.rating
        ]
        if unrated:
            raise AssessmentStateError(
                _("Rate everything before submitting. Not rated: {subjects}.").format(
                    subjects="; ".join(unrated)
                )
            )
        step.save(status=AssessmentStatus.SUBMITTED, submitted_at=timezone.now())
        step.changes = {"status": {"before": AssessmentStatus.DRAFT, "after": AssessmentStatus.SUBMITTED}}
    return current


def side_by_side(assessments: Iterable[Assessment]) -> list[dict[str, Any]]:
    """Both sides' answers of one partnership and year per subject, as the viewer may see them
    (``assessments`` come scoped by the policy: the other side's only once submitted).

    Rows: {"subject": …, "university": answer or None, "partner": answer or None}.
    """
    rows: dict[str, dict[str, Any]] = {}
    for assessment in assessments:
        for key, subject, answer in answer_rows(assessment):
            row = rows.setdefault(key, {"subject": subject, "university": None, "partner": None})
            row[assessment.side] = answer
    return list(rows.values())
