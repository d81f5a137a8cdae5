"""The policy layer: the one place that decides what a role may do.

Every internal view asks ``can(membership, action)``; nothing else in the code
compares roles. Finer rules (partnership coordinators, partner
representatives) join here when access control grows.
"""

from typing import Literal

from samverka.core.models import Membership, Role

Action = Literal["view", "add", "change", "delete", "administer"]

RULES: dict[str, frozenset[str]] = {
    Role.ADMIN: frozenset({"view", "add", "change", "delete", "administer"}),
    Role.COORDINATOR: frozenset({"view", "add", "change", "delete"}),
    Role.VIEWER: frozenset({"view"}),
}


def can(membership: Membership | None, action: Action) -> bool:
    if membership is None:
        return False
    return action in RULES.get(membership.role, frozenset())
