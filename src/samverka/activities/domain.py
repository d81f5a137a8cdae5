"""Business rules of activities: the standard collaboration forms and the summaries built on them."""

from django.db.models import Count, QuerySet
from django.utils import translation

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
        ActivityType(
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


def activity_type_counts(activities: QuerySet[Activity]) -> list[dict]:
    """Activities grouped by collaboration form, counted in the database."""
    name = f"type__name_{translation.get_language() or 'sv'}"
    rows = (
        activities.values("type_id", "type__name_sv", name)
        .annotate(count=Count("id"))
        .order_by("type__order", "type__name_sv")
    )
    return [
        {
            "type_id": row["type_id"],
            "name": row.get(name) or row["type__name_sv"],
            "count": row["count"],
        }
        for row in rows
    ]


def focus_area_counts(activities: QuerySet[Activity]) -> list[dict]:
    """Activities grouped by focus area (None for activities outside any focus area)."""
    lang = translation.get_language() or "sv"
    name = f"focus_area__name_{lang}"
    rows = (
        activities.values("focus_area_id", "focus_area__name_sv", name)
        .annotate(count=Count("id"))
        .order_by("focus_area__order", "focus_area__name_sv")
    )
    return [
        {
            "focus_area_id": row["focus_area_id"],
            "name": row.get(name) or row["focus_area__name_sv"],
            "count": row["count"],
        }
        for row in rows
    ]
