"""Units on both sides of a partnership: the institution's own (faculties, departments, centres,
offices) and its partners' (a region's administrations, a company's divisions), each with its
hierarchy (``Unit.parent``).

The rule, in one place: a record links the institution's own units and those of its own
partner organisations, never another partner's; a person, or a side's earmarked resource, a unit
of that side.
"""

from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, Any

from django.db.models import Q
from django.utils.translation import gettext as _

from samverka.core import registry
from samverka.directory.models import Side

if TYPE_CHECKING:
    from samverka.core.permissions import Policy
    from samverka.directory.models import Unit


def units_in_reach(policy: "Policy") -> Q:
    """The units a user may link a record to: the institution's own, and those of the partner
    organisations of the partnerships they see (a partner representative: their own partner's)."""
    partnership: Any = registry.partnership_kind().model  # its models build on the directory's
    seen = policy.scope(partnership.objects.all()).values("pk")
    partners = partnership.organisations.through.objects.filter(partnership__in=seen)
    return Q(organisation__isnull=True) | Q(organisation__in=partners.values("organisation_id"))


def foreign_units_error(units: Iterable["Unit"], organisation_ids: Collection[int]) -> str | None:
    """Why ``units`` cannot be linked to a record whose partner organisations are
    ``organisation_ids``, or None when they can: each is the institution's own or one of theirs."""
    foreign = [
        unit for unit in units if unit.organisation_id and unit.organisation_id not in organisation_ids
    ]
    if not foreign:
        return None
    return _("{units}: a unit of an organisation that is not a partner here.").format(
        units=", ".join(f"“{unit}” ({unit.organisation})" for unit in foreign)
    )


def side_error(unit: "Unit", side: str, organisation_ids: Collection[int]) -> str | None:
    """Why ``unit`` is not one of ``side``'s (a university's own unit; a unit of one of the partner
    organisations ``organisation_ids``), or None."""
    if side == Side.UNIVERSITY and unit.organisation_id:
        return _("Choose one of the university's own units.")
    if side == Side.PARTNER and unit.organisation_id not in organisation_ids:
        return _("Choose a unit of the partner organisation.")
    return None
