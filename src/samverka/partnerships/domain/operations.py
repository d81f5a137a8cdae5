"""Business operations on partnerships."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms import BaseFormSet
from django.utils.translation import gettext as _

from samverka.core.audit import record_event
from samverka.core.domain.records import Actor
from samverka.core.domain.steps import next_number, record_step
from samverka.partnerships.domain.queries import criteria_checklist
from samverka.partnerships.models import (
    STATUS_TRANSITIONS,
    Agreement,
    Partnership,
    PartnershipCriterion,
    PartnershipStatus,
)


def next_agreement_sequence(partnership_id: int) -> int:
    """The number a partnership's next agreement is offered: one after the highest, so an
    agreement deleted between others never has its number offered while a later one holds it."""
    return next_number(Agreement.objects.filter(partnership_id=partnership_id), "sequence")


@transaction.atomic
def change_status(partnership: Partnership, new_status: str, *, actor: Actor) -> Partnership:
    """Move a partnership to ``new_status`` if the transition is allowed.

    The row is locked while the transition is checked, so two coordinators
    cannot both move the partnership from the same status.
    """
    with record_step(partnership, None, actor=actor, verb="status_changed") as step:
        locked = step.current
        if new_status not in PartnershipStatus.values:
            raise ValidationError({"status": _("Unknown status.")})
        if new_status not in STATUS_TRANSITIONS[locked.status]:
            raise ValidationError(
                {
                    "status": _("A partnership cannot go from “{old}” to “{new}”.").format(
                        old=locked.get_status_display(),
                        new=PartnershipStatus(new_status).label,
                    )
                }
            )
        step.changes = {"status": {"before": locked.status, "after": new_status}}
        step.save(status=new_status)
    return locked


def ensure_criteria(partnership: Partnership) -> list[PartnershipCriterion]:
    """Make sure the partnership has one checklist row per defining criterion, in the guide's order."""
    checklist = criteria_checklist(partnership)
    PartnershipCriterion.objects.bulk_create([c for c in checklist if c.pk is None])
    return checklist


@transaction.atomic
def save_criteria(partnership: Partnership, formset: "BaseFormSet[Any]", *, actor: Actor) -> None:
    """Save the edited checklist and record what changed."""
    changes = {}
    for form in formset.forms:
        if form.has_changed():
            obj = form.save()
            changes[obj.criterion] = {
                "before": {k: form.initial.get(k) for k in form.changed_data},
                "after": {k: form.cleaned_data.get(k) for k in form.changed_data},
            }
    if changes:
        record_event(
            institution=partnership.institution,
            actor=actor,
            action="partnerships.partnership.criteria_updated",
            obj=partnership,
            changes=changes,
        )
