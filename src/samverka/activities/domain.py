"""Business rules of activities: the standard collaboration forms and the summaries built on them."""

from typing import Any

from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractYear

from samverka.activities.models import Activity, ActivityType
from samverka.core.models import Institution

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
    found = activities.order_by().values_list(column, ExtractYear("starts_on")).annotate(n=Count("*"))
    counts: dict[Any, dict[int | None, int]] = {}
    for key, year, number in found.values_list(column, "starts_on__year", "n"):
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
