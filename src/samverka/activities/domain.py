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


def grouped_counts(activities: QuerySet[Activity], relation: str) -> list[dict]:
    """Activities counted per related record (``type`` or ``focus_area``) in one grouped query.

    Each row has ``id`` (None for activities without one), ``name`` in the
    current language (falling back to Swedish) and ``count``.
    """
    localised = f"{relation}__name_{translation.get_language() or 'sv'}"
    swedish = f"{relation}__name_sv"
    rows = (
        activities.values(f"{relation}_id", swedish, localised)
        .annotate(count=Count("id"))
        .order_by(f"{relation}__order", swedish)
    )
    return [
        {"id": row[f"{relation}_id"], "name": row[localised] or row[swedish], "count": row["count"]}
        for row in rows
    ]
