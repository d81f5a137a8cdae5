"""What a request may see of partnerships, with related rows loaded in bounded queries."""

import datetime

from dateutil.relativedelta import relativedelta
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from samverka.activities.models import Activity
from samverka.core.models import Institution
from samverka.lib.subquery import related_count
from samverka.partnerships.models import (
    Agreement,
    CoordinatorAssignment,
    Criterion,
    FocusArea,
    Partnership,
    PartnershipCriterion,
)


def partnerships_for(institution: Institution) -> QuerySet[Partnership]:
    return Partnership.objects.in_institution(institution)


def partnership_list(institution: Institution) -> QuerySet[Partnership]:
    return (
        partnerships_for(institution)
        .prefetch_related("organisations")
        .annotate(activity_count=related_count(Activity, "partnership"))
    )


def current_agreement(agreements: list[Agreement], today: datetime.date | None = None) -> Agreement | None:
    """The agreement in force today, else the latest one (highest number)."""
    today = today or timezone.localdate()
    in_force = [a for a in agreements if a.is_in_force(today)]
    pool = in_force or agreements
    return max(pool, key=lambda a: a.sequence, default=None)


def agreements_needing_attention(
    institution: Institution, today: datetime.date | None = None
) -> QuerySet[Agreement]:
    """Agreements that end, or are due for review, within the institution's warning period, and
    that no later agreement of the partnership follows."""
    today = today or timezone.localdate()
    horizon = today + relativedelta(months=institution.agreement_warning_months)
    return (
        Agreement.objects.in_institution(institution)
        .filter(Q(ends_on__gte=today, ends_on__lte=horizon) | Q(review_on__gte=today, review_on__lte=horizon))
        .exclude(partnership__status="ended")
        # an agreement renewed (a later one registered) needs no attention any more
        .exclude(
            Exists(
                Agreement.objects.filter(
                    partnership=OuterRef("partnership"), sequence__gt=OuterRef("sequence")
                )
            )
        )
        .select_related("partnership")
        .order_by("partnership__title", "sequence")
    )


def reviews_due(institution: Institution, today: datetime.date | None = None) -> QuerySet[Partnership]:
    today = today or timezone.localdate()
    horizon = today + relativedelta(months=institution.agreement_warning_months)
    return (
        partnerships_for(institution)
        .filter(next_review_date__lte=horizon)
        .exclude(status="ended")
        .order_by("next_review_date")
    )


def published_partnerships(institution: Institution | None) -> QuerySet[Partnership]:
    """What the public pages show: published partnerships with their current focus areas
    (of every institution for ``None``: the national overview)."""
    partnerships = Partnership.objects.all() if institution is None else partnerships_for(institution)
    return partnerships.filter(published=True).prefetch_related(
        "organisations",
        "agreements",
        Prefetch("focus_areas", queryset=FocusArea.objects.filter(is_current=True)),
        Prefetch(
            "coordinator_assignments",
            queryset=_shown_publicly(CoordinatorAssignment.objects.all()),
            to_attr="public_coordinators",
        ),
    )


def _shown_publicly(assignments: QuerySet[CoordinatorAssignment]) -> QuerySet[CoordinatorAssignment]:
    """The one rule of a coordinator on the public pages: marked public, and not ended."""
    today = timezone.localdate()
    return (
        assignments.filter(person__is_public=True)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .select_related("person")
    )


def public_contacts(institution: Institution) -> QuerySet[CoordinatorAssignment]:
    """Coordinators of all partnerships who are marked public (the seed's contact list)."""
    return _shown_publicly(
        CoordinatorAssignment.objects.in_institution(institution).filter(partnership__isnull=True)
    )


def criteria_checklist(partnership: Partnership) -> list[PartnershipCriterion]:
    """The six criteria in the guide's order; unassessed ones as unsaved rows (no write on read)."""
    existing = {c.criterion: c for c in partnership.criteria.all()}
    return [
        existing.get(code)
        or PartnershipCriterion(
            institution_id=partnership.institution_id, partnership=partnership, criterion=code
        )
        for code in Criterion.values
    ]
