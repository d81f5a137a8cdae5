"""Renewing an agreement ("Förnya avtal"): the next agreement period, its focus areas reviewed.

The new agreement follows on from the one it renews (the next number, from
the day after it ends, as long, the same type and signatories, all offered
and changeable); each focus area of the old period is kept, renamed or ended,
and new ones added. A kept or renamed area is a focus area of the new period
(so two periods' areas of one name are two records, told apart by their
period), and the old period's areas are no longer current. Every record goes
through its form and ``core.domain.records`` (audit entries), in one
transaction: a refusal anywhere saves nothing.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from samverka.core.domain.records import Actor, create_record, update_record
from samverka.core.forms import changed_form
from samverka.partnerships.domain.operations import next_agreement_sequence
from samverka.partnerships.forms import FocusAreaForm
from samverka.partnerships.models import Agreement, FocusArea

KEEP, RENAME, END = "keep", "rename", "end"


@dataclass(frozen=True)
class AreaReview:
    """What becomes of one focus area of the old period."""

    area: FocusArea
    action: str  # KEEP, RENAME or END
    new_name: str = ""


def renewal_initial(agreement: Agreement) -> dict[str, Any]:
    """What the renewal form offers: the next number, from the day after the old one ends (or
    today), as long as it ran (or without an end), the same type and signatories."""
    starts_on = agreement.ends_on + datetime.timedelta(days=1) if agreement.ends_on else timezone.localdate()
    ends_on = None
    if agreement.ends_on:
        length = relativedelta(agreement.ends_on + datetime.timedelta(days=1), agreement.starts_on)
        ends_on = starts_on + length - datetime.timedelta(days=1)
    return {
        "partnership": agreement.partnership_id,
        "sequence": next_agreement_sequence(agreement.partnership_id),
        "type": agreement.type,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "signatories": "\n".join(f"#{person.pk}" for person in agreement.signatories.all()),
    }


def areas_to_review(agreement: Agreement) -> list[FocusArea]:
    """The old period's focus areas: its own, and the partnership's current ones of no period."""
    own = Q(agreement=agreement) | Q(agreement__isnull=True, is_current=True)
    return list(FocusArea.objects.filter(own, partnership=agreement.partnership_id).order_by("order", "id"))


@transaction.atomic
def renew_agreement(
    agreement_form: Any, *, reviews: list[AreaReview], added: list[str], actor: Actor
) -> Agreement:
    """Save the new agreement (``agreement_form``, valid) and its focus areas as reviewed."""
    institution = agreement_form.institution
    new: Agreement = create_record(agreement_form, institution=institution, actor=actor)
    order = 0
    for review in reviews:
        area = review.area
        if review.action in (KEEP, RENAME):
            renamed = review.action == RENAME and review.new_name.strip()
            data = {
                "partnership": new.partnership_id,
                "agreement": new.pk,
                "name_sv": review.new_name.strip() if renamed else area.name_sv,  # type: ignore[attr-defined]
                "name_en": "" if renamed else area.name_en,  # type: ignore[attr-defined]
                "description_sv": area.description_sv,  # type: ignore[attr-defined]
                "description_en": area.description_en,  # type: ignore[attr-defined]
                "order": order,
                "is_current": True,
            }
            _save(
                FocusAreaForm(data, institution=institution, instance=FocusArea(institution=institution)),
                actor,
            )
            order += 1
        if area.is_current:  # it belongs to the old period now
            form = changed_form(FocusAreaForm, area, {"is_current": False}, institution=institution)
            _save(form, actor, version=area.version)
    for name in added:
        data = {
            "partnership": new.partnership_id,
            "agreement": new.pk,
            "name_sv": name,
            "order": order,
            "is_current": True,
        }
        _save(
            FocusAreaForm(data, institution=institution, instance=FocusArea(institution=institution)), actor
        )
        order += 1
    return new


class RenewalRefused(ValueError):
    """A focus area as reviewed cannot be saved; ``message`` says which and why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _save(form: Any, actor: Actor, *, version: int | None = None) -> None:
    if not form.is_valid():
        errors = " ".join(str(error) for errors in form.errors.values() for error in errors)
        raise RenewalRefused(f"{form.data.get('name_sv', '')}: {errors}")
    if version is None:
        create_record(form, institution=form.institution, actor=actor)
    else:
        update_record(form, actor=actor, expected_version=version)
