"""Business rules of governance: the standard kinds of body, meetings and minutes, decisions,
action items, the corresponding-levels view and the briefing pack."""

from samverka.core.models import Institution
from samverka.governance.models import BodyType

# The bodies of DESIGN.md's glossary: (code, Swedish, English).
STANDARD_BODY_TYPES: tuple[tuple[str, str, str], ...] = (
    ("steering-group", "Styrgrupp", "Steering group"),
    ("management-group", "Ledningsgrupp", "Management group"),
    ("coordination-group", "Samordningsgrupp", "Coordination group"),
    ("working-group", "Arbetsgrupp", "Working group"),
)


def ensure_standard_body_types(institution: Institution) -> None:
    """Give an institution the standard kinds of body it does not have yet (idempotent)."""
    existing = set(BodyType.objects.in_institution(institution).values_list("code", flat=True))
    BodyType.objects.bulk_create(
        BodyType(  # type: ignore[misc]  # name_sv, name_en: django-modeltranslation's fields
            institution=institution, code=code, name_sv=name_sv, name_en=name_en, order=index * 10
        )
        for index, (code, name_sv, name_en) in enumerate(STANDARD_BODY_TYPES)
        if code not in existing
    )
