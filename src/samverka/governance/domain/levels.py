"""The corresponding levels of a partnership (the guide's "motsvarande organisationsnivåer"):
for each level, who sits for the university and who for the partner, and where a side is missing."""

from dataclasses import dataclass, field

from samverka.core.permissions import Policy
from samverka.directory.models import Side
from samverka.governance.models import Body, BodyMember, Level
from samverka.partnerships.models import Partnership


@dataclass
class Seat:
    person: object
    role: str
    body: object


@dataclass
class LevelRow:
    level: int
    label: str
    university: list[Seat] = field(default_factory=list)
    partner: list[Seat] = field(default_factory=list)
    # The units that meet at this level (``Body.units``): the university's own, the partner's.
    university_units: list[object] = field(default_factory=list)
    partner_units: list[object] = field(default_factory=list)

    @property
    def gap(self) -> str | None:
        """ "university" or "partner" when only the other side has someone at this level,
        "both" when no one has; None when both sides meet."""
        if self.university and self.partner:
            return None
        if self.university:
            return "partner"
        if self.partner:
            return "university"
        return "both"


def corresponding_levels(partnership: Partnership, policy: Policy) -> list[LevelRow]:
    """Every level, top first, with the current seats of the partnership's active bodies on each side
    and the units that meet there (two queries). A level with a person on one side only is a gap
    the coordinator should fill."""
    rows = {level.value: LevelRow(level.value, str(level.label)) for level in Level}
    active = {"body__partnership": partnership, "body__is_active": True}
    seats = policy.scope(BodyMember.objects.current().filter(**active)).select_related(
        "person__organisation", "person__unit", "body"
    )
    for seat in seats.order_by("body__level", "role", "person__last_name", "person__first_name", "id"):
        row = rows[seat.body.level]
        side = row.university if seat.person.side == Side.UNIVERSITY else row.partner
        side.append(Seat(seat.person, seat.get_role_display(), seat.body))
    bodies = policy.scope(Body.objects.filter(partnership=partnership, is_active=True)).values("pk")
    links = Body.units.through.objects.filter(body__in=bodies).select_related("body", "unit")
    for link in links.order_by("unit__name", "unit_id"):
        row = rows[link.body.level]
        units = row.partner_units if link.unit.organisation_id else row.university_units
        if link.unit not in units:
            units.append(link.unit)
    return list(rows.values())
