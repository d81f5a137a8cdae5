"""Action items: who may own one, changing their status, and the lists that follow them up."""

import datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.core.domain.records import Actor
from samverka.core.domain.steps import record_step
from samverka.directory.models import Person
from samverka.governance.models import (
    OPEN_ACTION_STATUSES,
    ActionItem,
    ActionStatus,
    Body,
    BodyMember,
    Meeting,
    overdue_on,
)
from samverka.partnerships.models import CoordinatorAssignment


def owner_error(body: Body, person: Person | int) -> str | None:
    """Why ``person`` cannot own an action of ``body``, or None.

    An owner is a current member of the body, or a coordinator of its
    partnership (or of all the institution's partnerships): someone the body
    can hold to account.
    """
    if BodyMember.objects.current().filter(body=body, person=person).exists():
        return None
    coordinators = CoordinatorAssignment.objects.filter(
        Q(partnership=body.partnership_id) | Q(partnership__isnull=True),
        institution=body.institution_id,
        person=person,
    )
    if coordinators.exists():
        return None
    return _("The owner must be a member of the body or a coordinator of the partnership.")


def arising_meeting(action: ActionItem) -> Meeting | None:
    """The meeting an action belongs to: its own, else the one its decision or agenda item was
    made at. What the meeting shows (to partners once its documents are out) the action shows,
    never before."""
    if action.meeting_id:
        return action.meeting
    source = action.decision if action.decision_id else action.agenda_item if action.agenda_item_id else None
    return source.meeting if source is not None else None


def complete_action(action: ActionItem, *, creating: bool, actor: Actor) -> None:
    """``before_save`` of actions: one that arose from a decision or an item is of its meeting."""
    if (meeting := arising_meeting(action)) is not None:
        action.meeting = meeting


@transaction.atomic
def change_action_status(
    action: ActionItem, status: str, *, actor: Actor, expected_version: int
) -> ActionItem:
    """Move an action item to ``status``, recorded in the audit trail; refused if it changed meanwhile."""
    if status not in ActionStatus.values:
        raise ValueError(status)
    with record_step(action, expected_version, actor=actor, verb="status_changed") as step:
        before = step.current.status
        step.save(status=status)
        step.changes = {"status": {"before": before, "after": status}}
        step.recorded = before != status
    return action


def open_actions(queryset: QuerySet[ActionItem]) -> QuerySet[ActionItem]:
    return queryset.filter(status__in=OPEN_ACTION_STATUSES)


def overdue_actions(
    queryset: QuerySet[ActionItem], today: datetime.date | None = None
) -> QuerySet[ActionItem]:
    """Open actions whose due date has passed (``governance.models.overdue_on``)."""
    return queryset.filter(overdue_on(today or timezone.localdate()))


def actions_of_user(queryset: QuerySet[ActionItem], user: User) -> QuerySet[ActionItem]:
    """The actions a signed-in user owns: those of the person with the user's e-mail address.

    People are the directory's records; a user is linked to "their" person by
    e-mail, as SSO and invitations give it, so nothing is typed twice.
    """
    email = (user.email or "").strip()
    if not email:
        return queryset.none()
    return queryset.filter(owner__email__iexact=email)
