"""Business rules of activities: the standard collaboration forms and the summaries built on them."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, Min, Q, QuerySet, Sum
from django.utils.translation import get_language

from samverka.activities.models import Activity, ActivityStatus, ActivityType
from samverka.core.cache import cached_for_institution
from samverka.core.models import Institution
from samverka.lib.years import Year

# The collaboration forms of DESIGN.md's glossary: (code, Swedish, English, involves students).
STANDARD_ACTIVITY_TYPES: tuple[tuple[str, str, str, bool], ...] = (
    ("degree-project", "Examensarbete", "Degree project", True),
    ("internship", "Praktik", "Internship", True),
    ("joint-research-project", "Gemensamt forskningsprojekt", "Joint research project", False),
    ("joint-application", "Gemensam ansökan", "Joint grant application", False),
    ("seminar", "Seminarium", "Seminar", False),
    ("workshop", "Workshop", "Workshop", False),
    ("guest-lecture", "Gästföreläsning", "Guest lecture", False),
    ("adjunct-professor", "Adjungerad professor", "Adjunct professor", False),
    ("industrial-phd", "Industridoktorand", "Industrial PhD student", False),
    ("commissioned-education", "Uppdragsutbildning", "Commissioned education", True),
    ("study-visit", "Studiebesök", "Study visit", False),
    ("other", "Annan samverkan", "Other collaboration", False),
)
APPLICATION = "joint-application"  # the form whose activities are granted or not


def ensure_standard_activity_types(institution: Institution) -> None:
    """Give an institution the standard collaboration forms it does not have yet (idempotent)."""
    existing = set(ActivityType.objects.in_institution(institution).values_list("code", flat=True))
    ActivityType.objects.bulk_create(
        ActivityType(  # type: ignore[misc]  # name_sv, name_en: django-modeltranslation's fields
            institution=institution,
            code=code,
            name_sv=name_sv,
            name_en=name_en,
            counts_students=students,
            order=index * 10,
        )
        for index, (code, name_sv, name_en, students) in enumerate(STANDARD_ACTIVITY_TYPES)
        if code not in existing
    )


YEARS_SHOWN = 5  # the latest years with activities, as columns


def counts_by_year(activities: QuerySet[Activity], relation: str) -> dict[str, Any]:
    """Activities counted per related record (``type``: collaboration form) and per year they
    started: {"years": the latest years with activities, oldest first, "rows": [{id, name,
    counts: one per year, earlier: before those years, undated, total}]}, in the related
    record's order. One query for the counts, one for the records."""
    column = f"{relation}_id"
    found = (
        activities.order_by()
        .annotate(year=Year("starts_on"))
        .values_list(column, "year")
        .annotate(n=Count("*"))
    )
    counts: dict[Any, dict[int | None, int]] = {}
    for key, year, number in found:
        counts.setdefault(key, {})[year] = number
    years = sorted({year for per_year in counts.values() for year in per_year if year is not None})
    shown = years[-YEARS_SHOWN:]
    related_model: Any = Activity._meta.get_field(relation).related_model
    records = related_model.objects.filter(pk__in=[pk for pk in counts if pk is not None])
    rows = []
    for record in [*records, None]:
        per_year = counts.get(record.pk if record is not None else None)
        if per_year is None:
            continue
        rows.append(
            {
                "id": record.pk if record is not None else None,
                "name": str(record) if record is not None else "",
                "counts": [per_year.get(year, 0) for year in shown],
                "earlier": sum(n for year, n in per_year.items() if year is not None and year < shown[0])
                if shown
                else 0,
                "undated": per_year.get(None, 0),
                "total": sum(per_year.values()),
            }
        )
    return {"years": shown, "rows": rows, "earlier": bool(years[:-YEARS_SHOWN])}


def grouped_counts(activities: QuerySet[Activity], relation: str) -> list[dict[str, Any]]:
    """Activities counted per related record (``type`` or ``focus_area``), in the related record's order.

    Counted by foreign key alone, so an index on (partnership, relation) answers
    without reading the activities; the few related records are read apart.
    Each row has ``id`` (None for activities without one, last), ``name`` in the
    current language (falling back to Swedish) and ``count``.
    """
    column = f"{relation}_id"
    counts = dict(activities.order_by().values_list(column).annotate(n=Count("*")).values_list(column, "n"))
    related_model: Any = Activity._meta.get_field(relation).related_model
    rows = [
        {"id": record.pk, "name": str(record), "count": counts[record.pk]}
        for record in related_model.objects.filter(pk__in=[pk for pk in counts if pk is not None])
    ]
    if None in counts:
        rows.append({"id": None, "name": "", "count": counts[None]})
    return rows


def partnership_activity_counts(partnership: Any) -> dict[str, Any]:
    """A partnership's activities counted in all (``activity_total``), per collaboration form and
    year (``by_type``) and per focus area (``by_focus_area``), in the current language.

    Counting reads every activity of the partnership (from its indexes), so the counts are kept
    until any record of the institution changes: the partnership's page then costs the same with
    50 000 activities as with 1 000 (``tests/core/test_page_growth.py``)."""
    activities = Activity.objects.filter(partnership=partnership)

    def count() -> dict[str, Any]:
        return {
            "activity_total": activities.count(),
            "by_type": counts_by_year(activities, "type"),
            "by_focus_area": grouped_counts(activities, "focus_area"),
        }

    name = f"partnership-activity-counts:{partnership.pk}:{get_language()}"
    return cached_for_institution(partnership.institution_id, name, count)


@dataclass(frozen=True)
class RollUp:
    """A project's sub-activities summed up: how many, their students and funding, their grant
    applications' outcomes, their period and how many are in each status."""

    count: int
    students: int | None  # None when no sub-activity gives a number
    with_students: int
    funding_sek: Decimal | None
    with_funding: int
    granted: int
    refused: int
    undecided: int  # grant applications (the collaboration form ``joint-application``) not yet decided
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    by_status: list[tuple[str, int]]  # (label, count) in the statuses' order, those present


def roll_up(children: QuerySet[Activity]) -> RollUp:
    """``children`` (a project's sub-activities, as the user may see them) summed up in one query."""
    totals = children.aggregate(
        children=Count("id"),
        total_students=Sum("student_count"),
        with_students=Count("id", filter=Q(student_count__isnull=False)),
        total_funding=Sum("funding_sek"),
        with_funding=Count("id", filter=Q(funding_sek__isnull=False)),
        granted_count=Count("id", filter=Q(granted=True)),
        refused_count=Count("id", filter=Q(granted=False)),
        undecided_count=Count("id", filter=Q(granted__isnull=True, type__code=APPLICATION)),
        earliest=Min("starts_on"),
        latest=Max("ends_on"),
        **{f"status_{value}": Count("id", filter=Q(status=value)) for value in ActivityStatus.values},
    )
    by_status = [
        (str(label), totals[f"status_{value}"])
        for value, label in ActivityStatus.choices
        if totals[f"status_{value}"]
    ]
    return RollUp(
        count=totals["children"],
        students=totals["total_students"],
        with_students=totals["with_students"],
        funding_sek=totals["total_funding"],
        with_funding=totals["with_funding"],
        granted=totals["granted_count"],
        refused=totals["refused_count"],
        undecided=totals["undecided_count"],
        starts_on=totals["earliest"],
        ends_on=totals["latest"],
        by_status=by_status,
    )


def latest_activities(relation: str, record: Any, limit: int) -> list[Activity]:
    """The ``limit`` activities last linked to ``record`` through the activity's many-to-many
    ``relation`` ("organisations", "people", "units"), newest first: read from the link table's
    index by record and activity (migration ``activities.0006``), so a record with 20 000
    activities costs what one with 20 does. Two queries."""
    field = Activity._meta.get_field(relation)
    through: Any = field.remote_field.through  # type: ignore[union-attr]  # a many-to-many has one
    column = field.m2m_reverse_field_name()  # type: ignore[union-attr]
    ids = list(
        through.objects.filter(**{column: record.pk})
        .order_by("-activity_id")
        .values_list("activity_id", flat=True)[:limit]
    )
    return list(Activity.objects.filter(pk__in=ids).select_related("type", "partnership").order_by("-id"))
