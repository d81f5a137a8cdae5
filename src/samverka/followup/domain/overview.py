"""A partnership's follow-up of one year, as the workspace page and the annual report show it."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.utils import timezone

from samverka.core.permissions import Policy
from samverka.directory.models import Side
from samverka.followup.domain.assessments import side_by_side
from samverka.followup.domain.indicators import (
    IndicatorFigure,
    PartnershipFacts,
    indicator_figures,
    indicators_of,
)
from samverka.followup.models import Assessment, Goal, ResourceCommitment, ResourceKind
from samverka.partnerships.models import Partnership

FIRST_YEAR = 2000


def year_choices(year: int) -> list[int]:
    """The years a follow-up page offers: five back from now, and the year asked for."""
    this_year = timezone.localdate().year
    return sorted({*range(this_year - 4, this_year + 2), year}, reverse=True)


def resource_totals(commitments: Iterable[ResourceCommitment]) -> list[dict[str, Any]]:
    """Committed and used per party and kind, in a fixed order: [{party, kind, committed, used,
    share, unrecorded, over}].

    A commitment whose use is not recorded yet counts neither as used nor in the share: ``used``
    is None when no use is recorded (not 0), ``share`` is used ÷ what was committed by those whose
    use is recorded, ``unrecorded`` how many have none, and ``over`` says more was used than
    committed."""
    sums: dict[tuple[str, str], dict[str, Any]] = defaultdict(
        lambda: {"committed": Decimal(0), "recorded": Decimal(0), "used": None, "unrecorded": 0}
    )
    for commitment in commitments:
        totals = sums[(commitment.party, commitment.kind)]
        totals["committed"] += commitment.committed
        if commitment.used is None:
            totals["unrecorded"] += 1
        else:
            totals["recorded"] += commitment.committed
            totals["used"] = (totals["used"] or Decimal(0)) + commitment.used
    rows = []
    for party in Side.values:
        for kind in ResourceKind.values:
            if (party, kind) in sums:
                totals = sums[(party, kind)]
                used, recorded = totals["used"], totals["recorded"]
                rows.append(
                    {
                        "party": party,
                        "party_label": Side(party).label,
                        "kind": kind,
                        "kind_label": ResourceKind(kind).label,
                        "committed": totals["committed"],
                        "used": used,
                        "share": (used / recorded) if used is not None and recorded else None,
                        "unrecorded": totals["unrecorded"],
                        "over": used is not None and used > recorded,
                    }
                )
    return rows


def goal_rows(
    partnership: Partnership,
    year: int,
    policy: Policy,
    *,
    facts: PartnershipFacts | None = None,
    today: datetime.date | None = None,
) -> list[tuple[Goal, list[IndicatorFigure]]]:
    """The partnership's goals with each indicator's figures of ``year``, as far as the policy
    lets the user see them."""
    goals = list(policy.scope(Goal.objects.filter(partnership=partnership)).select_related("focus_area"))
    indicators = list(policy.scope(indicators_of(Goal.objects.filter(pk__in=[g.pk for g in goals]))))
    figures = indicator_figures(indicators, [year], facts=facts, today=today)
    by_goal: dict[int, list[IndicatorFigure]] = defaultdict(list)
    for indicator in indicators:
        by_goal[indicator.goal_id].append(figures[indicator.pk][0])
    return [(goal, by_goal[goal.pk]) for goal in goals]


def follow_up_year(partnership: Partnership, year: int, policy: Policy) -> dict[str, Any]:
    """Goals with their indicators, resources and the assessments of a partnership and year."""
    commitments = list(
        policy.scope(ResourceCommitment.objects.filter(partnership=partnership, year=year)).order_by(
            "party", "level", "id"
        )
    )
    assessments = list(
        policy.scope(Assessment.objects.filter(partnership=partnership, year=year)).order_by("side")
    )
    return {
        "goal_rows": goal_rows(partnership, year, policy),
        "commitments": commitments,
        "resource_totals": resource_totals(commitments),
        "assessments": {assessment.side: assessment for assessment in assessments},
        "assessment_rows": side_by_side(assessments),
    }
