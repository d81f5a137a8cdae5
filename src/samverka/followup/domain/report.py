"""The annual report of a partnership: composed from the records as plain data, approved and
frozen as a ``ReportVersion``, and read in Swedish or English (``localise``).

``report_content`` holds names in both languages ({"sv": …, "en": …}), codes for choices
and numbers as text, so a frozen version prints in either language exactly as it was
approved, whatever happens to the records later. Every figure is read in a fixed number
of grouped queries, however many activities the partnership has.
"""

import datetime
from collections.abc import Callable, Iterable
from typing import Any

from django.db import models, transaction
from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext_lazy, override

from samverka.activities.models import ActivityType
from samverka.core.domain.records import Actor, StepRefused, required_reason
from samverka.core.domain.steps import Lifecycle
from samverka.directory.models import Side
from samverka.followup.domain.assessments import side_by_side
from samverka.followup.domain.indicators import PartnershipFacts, indicator_figures, indicators_of
from samverka.followup.domain.overview import resource_totals
from samverka.followup.models import (
    AnnualReport,
    Assessment,
    AssessmentAnswer,
    AssessmentStatus,
    Goal,
    ReportStatus,
    ReportVersion,
    ResourceCommitment,
)
from samverka.governance.models import OPEN_ACTION_STATUSES, ActionItem, Meeting
from samverka.ideas.domain.statistics import stage_counts
from samverka.ideas.models import Idea
from samverka.news.models import NewsItem
from samverka.partnerships.models import FocusArea, Partnership

LANGUAGES = ("sv", "en")
NARRATIVE = ("summary", "highlights", "challenges", "next_year")


REPORT_MONTH = 10  # from October a new report is of the current year, before it of the last


def report_year(today: datetime.date | None = None) -> int:
    """The year a new annual report is about: this year's from October, else last year's."""
    today = today or timezone.localdate()
    return today.year if today.month >= REPORT_MONTH else today.year - 1


class ReportStateError(StepRefused):
    """The step does not fit the report (approving one already approved …)."""


def _both(obj: object, name: str) -> dict[str, Any]:
    """A translated field's values in both languages; English falls back to Swedish."""
    swedish = getattr(obj, f"{name}_sv", None) or getattr(obj, name, "") or ""
    return {"sv": swedish, "en": getattr(obj, f"{name}_en", None) or swedish}


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _activities(facts: PartnershipFacts, partnership_id: int, year: int) -> dict[str, Any]:
    counts: dict[tuple[str, int | None, int], int] = {}
    for group in facts.activities:
        if group.partnership_id != partnership_id:
            continue
        for relation, key in (("type", group.type_id), ("focus_area", group.focus_area_id)):
            counts[(relation, key, group.year)] = counts.get((relation, key, group.year), 0) + group.count
    types = ActivityType.objects.filter(pk__in={k for r, k, _y in counts if r == "type"})
    areas = FocusArea.objects.filter(pk__in={k for r, k, _y in counts if r == "focus_area" and k})

    def rows(relation: str, records: Iterable[models.Model]) -> list[dict[str, Any]]:
        made = [
            {
                "name": _both(record, "name"),
                "year": counts.get((relation, record.pk, year), 0),
                "previous": counts.get((relation, record.pk, year - 1), 0),
            }
            for record in records
        ]
        if relation == "focus_area" and any(key is None for r, key, _y in counts if r == relation):
            made.append(
                {
                    "name": None,
                    "year": counts.get((relation, None, year), 0),
                    "previous": counts.get((relation, None, year - 1), 0),
                }
            )
        return made

    by_type = rows("type", types.order_by("order", "name"))
    return {
        "total": {
            "year": sum(row["year"] for row in by_type),
            "previous": sum(row["previous"] for row in by_type),
        },
        "by_type": by_type,
        "by_focus_area": rows("focus_area", areas.order_by("order", "name")),
    }


def _goals(
    partnership: Partnership, year: int, facts: PartnershipFacts, today: datetime.date
) -> list[dict[str, Any]]:
    goals = list(
        Goal.objects.filter(partnership=partnership).select_related("focus_area").order_by("order", "id")
    )
    indicators = list(indicators_of(Goal.objects.filter(pk__in=[g.pk for g in goals])))
    figures = indicator_figures(indicators, [year], facts=facts, today=today)
    return [
        {
            "title": _both(goal, "title"),
            "owner": goal.owner,
            "focus_area": _both(goal.focus_area, "name") if goal.focus_area else None,
            "indicators": [
                {
                    "name": _both(indicator, "name"),
                    "unit": indicator.unit,
                    "measure": indicator.measure,
                    "target": _text(figure.target),
                    "actual": _text(figure.actual),
                    "status": figure.status,
                    "source": figure.source,
                }
                for indicator in indicators
                if indicator.goal_id == goal.pk
                for figure in figures[indicator.pk]
            ],
        }
        for goal in goals
    ]


def _resources(partnership: Partnership, year: int) -> dict[str, Any]:
    commitments = list(
        ResourceCommitment.objects.filter(partnership=partnership, year=year).order_by("party", "level", "id")
    )
    return {
        "totals": [
            {
                "party": row["party"],
                "kind": row["kind"],
                "committed": _text(row["committed"]),
                "used": _text(row["used"]),
                "share": _text(row["share"]),
            }
            for row in resource_totals(commitments)
        ],
        "commitments": [
            {
                "purpose": c.purpose,
                "party": c.party,
                "level": c.level,
                "kind": c.kind,
                "committed": _text(c.committed),
                "used": _text(c.used),
            }
            for c in commitments
        ],
    }


def _governance(
    partnership: Partnership, year: int, facts: PartnershipFacts, today: datetime.date
) -> dict[str, Any]:
    # what both sides see: actions of meetings whose documents were sent out, and those of no meeting
    actions = ActionItem.objects.filter(
        Q(meeting=None) | Q(meeting__documents_released=True),
        body__partnership=partnership,
        status__in=OPEN_ACTION_STATUSES,
    )
    counted = actions.aggregate(open=Count("*"), overdue=Count("pk", filter=Q(due_on__lt=today)))
    # Listed by name: the meetings whose documents were sent out (what both sides have seen);
    # counted: every meeting held.
    meetings = (
        Meeting.objects.filter(
            body__partnership=partnership, starts_at__lte=timezone.now(), documents_released=True
        )
        .annotate(y=ExtractYear("starts_at"))
        .filter(y=year)
        .select_related("body")
        .order_by("starts_at")
    )
    return {
        "meetings_held": facts.meetings.get((partnership.pk, year), 0),
        "decisions": facts.decisions.get((partnership.pk, year), 0),
        "open_actions": counted["open"],
        "overdue_actions": counted["overdue"],
        "meetings": [
            {"date": timezone.localtime(m.starts_at).date().isoformat(), "body": _both(m.body, "name")}
            for m in meetings
        ],
    }


def _subject(subject: object) -> dict[str, Any]:
    if isinstance(subject, Goal):
        return _both(subject, "title")
    if isinstance(subject, FocusArea):
        return _both(subject, "name")
    with override("sv"):
        swedish = str(subject)
    with override("en"):
        return {"sv": swedish, "en": str(subject)}


def _assessments(partnership: Partnership, year: int) -> dict[str, Any]:
    """Only submitted assessments: a side's draft is its own until then."""
    submitted = list(
        Assessment.objects.filter(
            partnership=partnership, year=year, status=AssessmentStatus.SUBMITTED
        ).order_by("side")
    )

    def answer(a: AssessmentAnswer | None) -> dict[str, Any] | None:
        return {"rating": a.rating, "comment": a.comment} if a is not None else None

    return {
        "sides": {
            side: next(
                (
                    {
                        "submitted_at": a.submitted_at.isoformat() if a.submitted_at else None,
                        "summary": a.summary,
                    }
                    for a in submitted
                    if a.side == side
                ),
                None,
            )
            for side in Side.values
        },
        "rows": [
            {
                "subject": _subject(row["subject"]),
                "university": answer(row["university"]),
                "partner": answer(row["partner"]),
            }
            for row in side_by_side(submitted)
        ],
    }


def _news(partnership: Partnership, year: int) -> list[dict[str, Any]]:
    items = NewsItem.objects.filter(
        partnerships=partnership, published=True, published_on__year=year
    ).order_by("published_on", "id")
    return [{"title": _both(item, "title"), "date": item.published_on.isoformat()} for item in items]


def _ideas(partnership: Partnership, year: int) -> dict[str, Any]:
    """The ideas of the partnership that came in during the year, per source and focus area, against
    the stage each has reached (``ideas.domain.statistics`` counts the same for the workspace)."""
    ideas = Idea.objects.filter(partnership=partnership, created_at__year=year)

    def rows(field: str, name: Callable[[Any], object]) -> list[dict[str, Any]]:
        counts = stage_counts(ideas, field)
        return sorted(
            (
                {"name": name(key), "stages": stages, "total": sum(stages.values())}
                for key, stages in counts.items()
            ),
            key=lambda row: -row["total"],
        )

    areas = {area.pk: _both(area, "name") for area in FocusArea.objects.filter(partnership=partnership)}
    return {
        "by_source": rows("source", lambda code: code),
        "by_focus_area": rows("focus_area", lambda pk: areas.get(pk)),
    }


def _agreement_of(partnership: Any, year: int) -> dict[str, Any] | None:
    """The agreement in force in the year (the latest, if several were): its number and period."""
    agreement = (
        partnership.agreements.filter(starts_on__lte=datetime.date(year, 12, 31))
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=datetime.date(year, 1, 1)))
        .order_by("-sequence")
        .first()
    )
    if agreement is None:
        return None
    ends_on = agreement.ends_on.isoformat() if agreement.ends_on else None
    return {"sequence": agreement.sequence, "starts_on": agreement.starts_on.isoformat(), "ends_on": ends_on}


def report_content(report: AnnualReport, *, today: datetime.date | None = None) -> dict[str, Any]:
    """The report as plain data, from the records as they are now and the report's narrative."""
    today = today or timezone.localdate()
    partnership, year = report.partnership, report.year
    facts = PartnershipFacts.read([partnership.pk], [year - 1, year])
    return {
        "partnership": {
            "title": _both(partnership, "title"),
            "organisations": sorted(str(o) for o in partnership.organisations.all()),
        },
        "year": year,
        "made_on": today.isoformat(),
        "registry_number": report.registry_number,
        "agreement": _agreement_of(partnership, year),
        # each section in both languages; English empty where it is not written (the report's
        # view then shows the Swedish, marked as such)
        "narrative": {
            name: {"sv": getattr(report, f"{name}_sv") or "", "en": getattr(report, f"{name}_en") or ""}
            for name in NARRATIVE
        },
        "activities": _activities(facts, partnership.pk, year),
        "goals": _goals(partnership, year, facts, today),
        "resources": _resources(partnership, year),
        "governance": _governance(partnership, year, facts, today),
        "assessments": _assessments(partnership, year),
        "news": _news(partnership, year),
        "ideas": _ideas(partnership, year),
    }


# ---------------------------------------------------------------------------- approving


# A report is approved (fastställd) and frozen as a numbered ``ReportVersion``; changed only
# after a new version is begun, with a reason the next approved version keeps.
REPORT = Lifecycle(
    status_field="status",
    approved=ReportStatus.APPROVED,
    draft=ReportStatus.DRAFT,
    versions="versions",
    refusal=ReportStateError,
    already_approved=gettext_lazy("This report is already approved."),
    not_approved=gettext_lazy("Only an approved report gets a new version; this one is still a draft."),
    approved_verb="report_approved",
    reopened_verb="new_version_started",
    approve_action="approve",
)


@transaction.atomic
def approve_report(
    report: AnnualReport, *, registry_number: str, actor: Actor, expected_version: int
) -> ReportVersion:
    """Approve the report: it is frozen as the next ``ReportVersion`` and locked until a new
    version is begun (``start_new_version``)."""
    with REPORT.approving(report, expected_version=expected_version, actor=actor) as approval:
        current = approval.current
        reason = current.new_version_reason
        current.registry_number = registry_number.strip() or current.registry_number
        content = report_content(current)
        # who approved it and when, for the cover of the version
        content["approval"] = {
            "number": approval.number,
            "at": timezone.localtime(approval.approved_at).date().isoformat(),
            "by": actor.get_full_name() or actor.get_username()
            if actor is not None and actor.is_authenticated
            else "",
        }
        approval.save(registry_number=current.registry_number, new_version_reason="")
        version = ReportVersion.objects.create(
            institution=current.institution,
            report=current,
            number=approval.number,
            approved_at=approval.approved_at,
            registry_number=current.registry_number,
            reason=reason,
            content=content,
            created_by=actor if actor is not None and actor.is_authenticated else None,
        )
        approval.changes = {"registry_number": {"before": None, "after": current.registry_number}}
    return version


@transaction.atomic
def start_new_version(
    report: AnnualReport, *, reason: str, actor: Actor, expected_version: int
) -> AnnualReport:
    """Open an approved report for a new version, with a reason (at least ``MIN_REASON``
    characters) that goes with it; every approved version is kept as it was."""
    return REPORT.reopen(
        report,
        reason=reason,
        expected_version=expected_version,
        actor=actor,
        new_version_reason=required_reason(reason),
    )
